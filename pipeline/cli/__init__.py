"""The ``ministerbrev`` command. Thin: it parses arguments and calls a flow or the store.

    $ ministerbrev process corpus --out outputs
    $ ministerbrev schema > letter-record.schema.json

One module per group of commands, each registering its commands on the one ``app``
(``pipeline.cli.common``): ``runs`` (process, inbox, oda, serve), ``measuring`` (schema,
evaluate) and ``analysis`` (query, search, export, reindex, browse).
"""

from pipeline.cli.common import app, register_commands

register_commands()

__all__ = ["app"]
