"""Who contributed a piece of a checklist: a distribution's name and version."""

from __future__ import annotations

from attrs import field, frozen

from lscp_scrutiny.model._validators import non_blank


@frozen(kw_only=True)
class Contributor:
    """A distribution that contributed to a checklist: its name and version."""

    name: str = field(validator=non_blank)
    version: str | None = None

    def sort_key(self) -> tuple[str, str]:
        """For sorting contributors: by name, then version (a missing version first)."""
        return self.name, self.version or ""

    def __str__(self) -> str:
        return self.name if self.version is None else f"{self.name} {self.version}"
