"""``lscp-scrutiny migrate``: carry an assessment forward to the current version of its checklist."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lscp_scrutiny._text import printable
from lscp_scrutiny.cli import _options as options
from lscp_scrutiny.cli._app import App, pass_app

if TYPE_CHECKING:
    from lscp_scrutiny.core.migration import CriterionMigration, Migration


@click.command("migrate")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@options.output(
    "The migrated assessment to write: .yaml, .yml, .json or .xlsx (the suffix chooses).", required=True
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to tell what happened to each criterion: lines of text, or JSON for scripts.",
)
@options.force
@pass_app
def migrate_command(app: App, source: Path, output: Path, fmt: str, force: bool) -> None:
    """Carry SOURCE forward to the current version of its checklist, writing OUTPUT.

    Criteria whose wording is unchanged keep their rating, evidence and actions as they were. Reworded
    criteria keep theirs too, flagged for a person to confirm. A retired criterion's rating, evidence and
    actions go to the criteria that replace it, flagged likewise; its own response stays in the file,
    not counted, so nothing is lost. SOURCE itself is never changed.
    """
    from lscp_scrutiny.core.migration import migrate
    from lscp_scrutiny.io.assessments import check_assessment_suffix, write_assessment

    check_assessment_suffix(output)  # an unsupported suffix fails here, before anything is read
    app.refuse_to_overwrite(output, force, {source: "the assessment being migrated"})
    assessment, checklist = app.checked(source).usable()
    migration = migrate(assessment, checklist)
    write_assessment(migration.assessment, output, checklist=checklist)
    if fmt == "json":
        click.echo(json.dumps(_as_data(migration, output), indent=2, ensure_ascii=False))
        return
    for line in _lines(migration, source, output):
        click.echo(printable(line, one_line=True))


def _ids(items: tuple[CriterionMigration, ...]) -> str:
    return ", ".join(item.criterion for item in items)


def _lines(migration: Migration, source: Path, output: Path) -> list[str]:
    from lscp_scrutiny.core.migration import Outcome

    then, now = migration.from_version, migration.to_version
    if not migration.changed:
        return [
            f"Wrote {output}: {source} already answers {migration.checklist_id} {now}; nothing to migrate."
        ]
    lines = [f"Wrote {output}: {source} migrated from {migration.checklist_id} {then} to {now}."]
    carried = migration.having(Outcome.CARRIED)
    if carried:
        lines.append(f"  {len(carried)} carried as they were.")
    reworded = migration.having(Outcome.REWORDED)
    if reworded:
        lines.append(
            f"  {len(reworded)} reworded since rated, kept for a person to confirm: {_ids(reworded)}."
        )
    lines.extend(
        f"  {moved.criterion} takes the rating, evidence and actions of retired "
        f"{', '.join(moved.came_from)}, for a person to confirm" + (f": {moved.note}." if moved.note else ".")
        for moved in migration.having(Outcome.MOVED)
    )
    kept = migration.having(Outcome.KEPT)
    if kept:
        lines.append(f"  {len(kept)} retired or removed, kept in the file and not counted: {_ids(kept)}.")
    added = migration.having(Outcome.ADDED)
    if added:
        lines.append(f"  {len(added)} new, not yet assessed: {_ids(added)}.")
    return lines


def _as_data(migration: Migration, output: Path) -> dict[str, object]:
    return {
        "output": str(output),
        "checklist": migration.checklist_id,
        "from_version": migration.from_version,
        "to_version": migration.to_version,
        "criteria": [
            {
                "id": item.criterion,
                "outcome": item.outcome.value,
                "to_confirm": item.to_confirm,
                "came_from": list(item.came_from),
                "replaced_by": list(item.replaced_by),
                "note": item.note,
            }
            for item in migration.criteria
        ],
    }
