"""``ministerbrev server``: the Prefect server that runs share (``pipeline.run.shared_server``).

    $ ministerbrev server status
    $ ministerbrev server stop
"""

from __future__ import annotations

import typer

from pipeline.cli.common import app, console, guard

server_app = typer.Typer(
    no_args_is_help=True, help="See or stop the Prefect server that runs share. The first "
    "run that needs it starts it; it stops by itself after MINISTERBREV_SERVER_IDLE_MINUTES "
    "(15) without a request; 0 gives each run a temporary server of its own instead.")
app.add_typer(server_app, name="server")


@server_app.command()
@guard
def status() -> None:
    """Say whether the shared server runs, where, and since when; exit 1 if it does not."""
    from pipeline.run.shared_server import running_shared_server

    server = running_shared_server()
    if server is None:
        console.print("No shared Prefect server is running: the next run starts one",
                      highlight=False)
        raise typer.Exit(1)
    print(f"Shared Prefect server: {server.describe()}")


@server_app.command()
@guard
def stop() -> None:
    """Stop the shared server now (runs still going lose their connection to it)."""
    from pipeline.run.shared_server import stop_shared_server

    server = stop_shared_server()
    if server is None:
        console.print("No shared Prefect server was running", highlight=False)
        return
    print(f"Stopped the shared Prefect server (process {server.pid})")
