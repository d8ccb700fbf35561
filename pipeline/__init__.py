"""ministerbrev: Danish ministerial letters (PDF) to validated JSON records.

Data flows one way, one module per stage::

    sources.files  ->  reading (Document)  ->  nlp (spaCy Doc)  ->  extract  ->  record  ->  output

Importing this package points Prefect at the project's own state folder, and sets
OpenBLAS to one thread, before either is imported anywhere (see ``pipeline.state``).
"""

from pipeline.state import configure_environment

configure_environment()
