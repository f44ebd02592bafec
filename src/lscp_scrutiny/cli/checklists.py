"""``checklists``, ``show``, ``schema`` and ``plugins``: what the tool knows, listed."""

from __future__ import annotations

import click

from lscp_scrutiny.cli._app import App, pass_app
from lscp_scrutiny.cli._options import LazyChoice


@click.command("checklists")
@click.option(
    "--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True
)
@pass_app
def checklists_command(app: App, fmt: str) -> None:
    """List the checklists available (built in, from plugins, and from --checklist-file)."""
    registry = app.registry
    rows = [(c, registry.origin(c.id)) for c in registry.checklists]
    if fmt == "json":
        import json

        data = [
            {"id": c.id, "version": c.version, "title": c.title, "criteria": len(c.criteria), "from": o}
            for c, o in rows
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from lscp_scrutiny.render.terminal import checklists_table

    app.console().print(checklists_table(rows))


@click.command("show")
@click.argument("checklist")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "json", "yaml"]),
    default="terminal",
    show_default=True,
    help="json and yaml print the checklist in its own file shape.",
)
@pass_app
def show_command(app: App, checklist: str, fmt: str) -> None:
    """Show a checklist's sections and criteria. CHECKLIST is an id or a checklist file."""
    found = app.checklist(checklist)
    if fmt in {"json", "yaml"}:
        from lscp_scrutiny.codec.documents import dumps_checklist

        click.echo(dumps_checklist(found, "json" if fmt == "json" else "yaml"), nl=False)
        return
    from lscp_scrutiny.render.terminal import checklist_view

    app.console().print(checklist_view(found))


@click.command("plugins")
@click.option(
    "--format", "fmt", type=click.Choice(["terminal", "json"]), default="terminal", show_default=True
)
@pass_app
def plugins_command(app: App, fmt: str) -> None:
    """List plugins: version, hooks, what each contributed, and every plugin that failed, with why."""
    from lscp_scrutiny.plugins import describe_plugins

    data = describe_plugins(app.registry)
    if fmt == "json":
        import json

        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from lscp_scrutiny.render.terminal import plugins_table

    app.console().print(plugins_table(data))


@click.command("schema")
@click.argument("kind", type=LazyChoice("lscp_scrutiny.codec.schema", "KINDS"))
def schema_command(kind: str) -> None:
    """Print the JSON Schema of a file kind."""
    import json

    from lscp_scrutiny.codec.schema import json_schema

    click.echo(json.dumps(json_schema(kind), indent=2))
