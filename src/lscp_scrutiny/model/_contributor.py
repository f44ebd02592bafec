"""Who contributed a piece of a checklist: a distribution's name and version."""

from __future__ import annotations

from attrs import field, frozen

from lscp_scrutiny.model._validators import non_blank, typed


@frozen(kw_only=True, field_transformer=typed, order=True)
class Contributor:
    """A distribution that contributed to a checklist: its name and version.

    Contributors sort by name, then version, a missing version first.
    """

    name: str = field(validator=non_blank)
    version: str | None = field(default=None, order=lambda version: version or "")

    def __str__(self) -> str:
        return self.name if self.version is None else f"{self.name} {self.version}"
