"""The floor for CLI start-up: a one-command click application."""

import click


@click.command()
@click.option("--name", default="world", help="Who to greet.")
def hello(name: str) -> None:
    """Say hello."""
    click.echo(f"Hello {name}")


if __name__ == "__main__":
    hello()
