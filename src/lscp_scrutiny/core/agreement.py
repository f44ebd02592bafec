"""How far several raters agree: pairwise percent agreement and Krippendorff's alpha for ordinal data.

Pure Python, exact arithmetic (:class:`fractions.Fraction`), no third-party code. The data is a list of
*units* (here: criteria), each a sequence of the values the raters gave it, ``None`` where a rater gave
none (here: not applicable and not yet assessed are missing data). Values are ordinal: any integers
whose order is the order of the scale (here: a level's position on its scale, 0 for the lowest).

Only *pairable* values count: a unit with fewer than two values has nobody to agree or disagree with,
so it is left out of both figures, as Krippendorff's method prescribes.

**Percent agreement** is the share of pairs of values of the same unit that are equal, over every such
pair in every unit (a unit rated by ``m`` raters gives ``m(m-1)/2`` pairs). It does not correct for
the agreement chance alone would give.

**Krippendorff's alpha** (ordinal metric) is ``1 - D_o / D_e``: the disagreement observed within units
over the disagreement expected if the same values had been given at random, both measured with the
ordinal distance, which grows with the number of values given *between* two ratings (K. Krippendorff,
*Computing Krippendorff's Alpha-Reliability*, 2011). 1 is perfect agreement, 0 no better than chance,
below 0 systematic disagreement. It is undefined when no unit has two values, and when every pairable
value is the same (there is no variation to judge agreement against): then it is ``None``, with the
reason, never NaN.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from fractions import Fraction

from attrs import frozen

NO_PAIRS = "no criterion was rated on the scale by two or more assessors"
"""Why neither figure can be computed: nothing is pairable."""
NO_VARIATION = (
    "every rating compared is the same level, so there is no variation to measure agreement against"
)
"""Why alpha cannot be computed although the raters agree completely."""


@frozen(kw_only=True)
class Agreement:
    """Agreement over a group of units, and what it rests on."""

    criteria_compared: int
    """Units with two or more values: the only ones either figure counts."""
    ratings_compared: int
    """Values in those units (the pairable values)."""
    pairs: int
    """Pairs of values within the same unit."""
    agreeing_pairs: int
    """Pairs whose two values are equal."""
    percent_agreement: float | None
    """``agreeing_pairs / pairs``, a share from 0 to 1; ``None`` when there are no pairs."""
    krippendorff_alpha_ordinal: float | None
    """Krippendorff's alpha with the ordinal metric; ``None`` when it is undefined (see ``alpha_note``)."""
    alpha_note: str | None
    """Why alpha is ``None``; ``None`` when alpha was computed."""


def _pairable(units: Iterable[Sequence[int | None]]) -> list[Counter[int]]:
    """Each unit with two or more values, as a count of each value."""
    counted = []
    for unit in units:
        values = Counter(value for value in unit if value is not None)
        if values.total() >= 2:  # noqa: PLR2004 - a pair needs two
            counted.append(values)
    return counted


def _ordinal_alpha(units: list[Counter[int]]) -> Fraction | None:
    """Krippendorff's alpha, ordinal metric, from pairable units; ``None`` when undefined."""
    coincidences: Counter[tuple[int, int]] = Counter()
    for values in units:
        m = values.total()
        for c, n_c in values.items():
            for k, n_k in values.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    coincidences[c, k] += Fraction(pairs, m - 1)  # type: ignore[assignment]
    totals: Counter[int] = Counter()
    for values in units:
        totals.update(values)
    order = sorted(totals)
    if len(order) < 2:  # noqa: PLR2004 - one value: nothing to disagree about
        return None
    n = totals.total()
    # The ordinal distance between the i-th and j-th values in order: the values given from one to the
    # other, counting each end as half, squared.
    running = [0]
    for value in order:
        running.append(running[-1] + totals[value])
    position = {value: index for index, value in enumerate(order)}

    def delta(c: int, k: int) -> Fraction:
        low, high = sorted((position[c], position[k]))
        between = running[high + 1] - running[low]
        return (between - Fraction(totals[c] + totals[k], 2)) ** 2

    observed = sum((o * delta(c, k) for (c, k), o in coincidences.items()), Fraction(0))
    expected = sum(
        (Fraction(totals[c] * totals[k]) * delta(c, k) for c in order for k in order if c != k),
        Fraction(0),
    )
    return 1 - (n - 1) * observed / expected


def agreement(units: Iterable[Sequence[int | None]]) -> Agreement:
    """Percent agreement and ordinal Krippendorff's alpha of ``units`` (see the module's docstring).

    Each unit is the values the raters gave one criterion, ``None`` for a missing one; raters need not
    be in the same order in every unit, since neither figure depends on who gave which value.
    """
    counted = _pairable(units)
    ratings = sum(values.total() for values in counted)
    pairs = sum(values.total() * (values.total() - 1) // 2 for values in counted)
    agreeing = sum(n * (n - 1) // 2 for values in counted for n in values.values())
    alpha = _ordinal_alpha(counted) if counted else None
    note = None
    if not counted:
        note = NO_PAIRS
    elif alpha is None:
        note = NO_VARIATION
    return Agreement(
        criteria_compared=len(counted),
        ratings_compared=ratings,
        pairs=pairs,
        agreeing_pairs=agreeing,
        percent_agreement=agreeing / pairs if pairs else None,
        krippendorff_alpha_ordinal=None if alpha is None else float(alpha),
        alpha_note=note,
    )


def krippendorff_alpha_ordinal(units: Iterable[Sequence[int | None]]) -> float | None:
    """Krippendorff's alpha for ordinal data of ``units`` alone; ``None`` when it is undefined."""
    return agreement(units).krippendorff_alpha_ordinal
