"""ministerbrev: Danish ministerial letters (PDF) to validated JSON records.

Data flows one way, one module per stage::

    sources.files  ->  reading (Document)  ->  nlp (spaCy Doc)  ->  extract  ->  record  ->  output

Importing the package changes nothing in the environment: what a run sets for Prefect
and OpenBLAS, its entry points apply (``pipeline.run.settings``).
"""
