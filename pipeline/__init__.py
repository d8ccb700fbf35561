"""ministerbrev: Danish ministerial letters (PDF) to validated JSON records.

Data flows one way, one module per stage::

    sources.files  ->  reading (Document)  ->  nlp (spaCy Doc)  ->  extract  ->  record  ->  output

Importing this package points Prefect at the project's own state folder before
Prefect itself is imported anywhere (see ``pipeline.state``).
"""

from pipeline.state import configure_prefect

configure_prefect()
