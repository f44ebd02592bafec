"""Agreement figures: Krippendorff's alpha (ordinal) and percent agreement, against the reference package."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from random import Random

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscp_scrutiny.core.agreement import NO_PAIRS, NO_VARIATION, agreement, krippendorff_alpha_ordinal

Units = list[list[int | None]]

# Krippendorff's own worked example ("Computing Krippendorff's Alpha-Reliability", 2011, section C:
# four observers, twelve units, values 1 to 5, missing data). He gives alpha 0.815 for ordinal data.
_: int | None = None  # a value the observer did not give
OBSERVERS: list[list[int | None]] = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]
WORKED_EXAMPLE: Units = [list(unit) for unit in zip(*OBSERVERS, strict=True)]


def _reference(units: Units, levels: int) -> float:
    """The ``krippendorff`` package's ordinal alpha: raters as rows, units as columns, NaN missing."""
    raters = max(len(unit) for unit in units)
    data = np.full((raters, len(units)), np.nan)
    for column, unit in enumerate(units):
        for row, value in enumerate(unit):
            if value is not None:
                data[row, column] = value
    return float(
        krippendorff.alpha(
            reliability_data=data, level_of_measurement="ordinal", value_domain=list(range(levels))
        )
    )


def _pairs_by_hand(units: Units) -> tuple[int, int]:
    """(agreeing pairs, pairs), counted pair by pair."""
    agreeing = total = 0
    for unit in units:
        values = [v for v in unit if v is not None]
        if len(values) < 2:
            continue
        for a, b in itertools.combinations(values, 2):
            total += 1
            agreeing += a == b
    return agreeing, total


def test_krippendorffs_worked_example() -> None:
    found = agreement(WORKED_EXAMPLE)
    assert found.krippendorff_alpha_ordinal is not None
    assert round(found.krippendorff_alpha_ordinal, 3) == 0.815  # as Krippendorff gives it
    assert found.krippendorff_alpha_ordinal == pytest.approx(_reference(WORKED_EXAMPLE, 6), abs=1e-12)
    # Unit 12 has one value only: not pairable. The other 11 hold 40 values.
    assert (found.criteria_compared, found.ratings_compared) == (11, 40)
    assert (found.agreeing_pairs, found.pairs) == _pairs_by_hand(WORKED_EXAMPLE) == (43, 55)
    assert found.percent_agreement == 43 / 55
    assert found.alpha_note is None


def test_a_small_case_worked_by_hand() -> None:
    # Two raters, three units: (1, 1), (2, 2), (1, 2). Coincidences o11 = o22 = 2, o12 = o21 = 1;
    # n1 = n2 = 3, n = 6. The ordinal distance between 1 and 2 is (3 + 3 - (3 + 3) / 2)^2 = 9.
    # alpha = 1 - (n - 1) * (o12 + o21) * 9 / (2 * n1 * n2 * 9) = 1 - 5 * 18 / 162 = 4/9.
    found = agreement([[1, 1], [2, 2], [1, 2]])
    assert found.krippendorff_alpha_ordinal == float(Fraction(4, 9))
    assert found.percent_agreement == 2 / 3
    assert (found.criteria_compared, found.ratings_compared, found.pairs, found.agreeing_pairs) == (
        3,
        6,
        3,
        2,
    )


def test_the_ordinal_distance_counts_the_values_between() -> None:
    # Values 0 and 2 with 1 given in between are further apart than 0 and 1: the ordinal metric
    # grows with what lies between, so the same pattern of disagreement scores lower with a gap.
    near = agreement([[0, 1], [1, 1], [0, 0], [2, 2]])
    far = agreement([[0, 2], [1, 1], [0, 0], [2, 2]])
    assert near.krippendorff_alpha_ordinal is not None
    assert far.krippendorff_alpha_ordinal is not None
    assert far.krippendorff_alpha_ordinal < near.krippendorff_alpha_ordinal
    assert near.percent_agreement == far.percent_agreement == 3 / 4


def test_identical_ratings_agree_completely_but_alpha_is_undefined() -> None:
    found = agreement([[2, 2, 2], [2, 2, None]])
    assert found.percent_agreement == 1.0
    assert found.krippendorff_alpha_ordinal is None
    assert found.alpha_note == NO_VARIATION
    assert (found.criteria_compared, found.ratings_compared, found.pairs) == (2, 5, 4)


def test_identical_ratings_with_variation_between_units_give_alpha_one() -> None:
    found = agreement([[0, 0, 0], [1, 1, None], [2, 2, 2]])
    assert found.krippendorff_alpha_ordinal == 1.0
    assert found.percent_agreement == 1.0


@pytest.mark.parametrize("units", [[], [[1]], [[1, None, None], [None, 2]], [[None, None]]])
def test_nothing_pairable_gives_no_figures_and_says_why(units: Units) -> None:
    found = agreement(units)
    assert found.percent_agreement is None
    assert found.krippendorff_alpha_ordinal is None
    assert found.alpha_note == NO_PAIRS
    assert (found.criteria_compared, found.ratings_compared, found.pairs, found.agreeing_pairs) == (
        0,
        0,
        0,
        0,
    )
    assert krippendorff_alpha_ordinal(units) is None


def test_systematic_disagreement_is_negative() -> None:
    found = agreement([[0, 1], [1, 0], [0, 1], [1, 0]])
    assert found.krippendorff_alpha_ordinal is not None
    assert found.krippendorff_alpha_ordinal < 0
    assert found.percent_agreement == 0.0


@st.composite
def _matrices(draw: st.DrawFn) -> tuple[Units, int]:
    """Up to 8 raters and 40 units on a scale of 2 to 6 levels, with missing values."""
    levels = draw(st.integers(2, 6))
    raters = draw(st.integers(1, 8))
    value = st.one_of(st.none(), st.integers(0, levels - 1))
    units = draw(st.lists(st.lists(value, min_size=raters, max_size=raters), min_size=1, max_size=40))
    return units, levels


def _pairable_values(units: Units) -> list[int]:
    return [v for unit in units if sum(x is not None for x in unit) >= 2 for v in unit if v is not None]


@settings(max_examples=600, deadline=None)
@given(_matrices())
def test_alpha_matches_the_krippendorff_package(case: tuple[Units, int]) -> None:
    units, levels = case
    found = agreement(units)
    values = _pairable_values(units)
    if not values:
        assert found.alpha_note == NO_PAIRS
        assert found.krippendorff_alpha_ordinal is None
    elif len(set(values)) == 1:
        assert found.alpha_note == NO_VARIATION
        assert found.krippendorff_alpha_ordinal is None
    else:
        assert found.krippendorff_alpha_ordinal is not None
        assert math.isfinite(found.krippendorff_alpha_ordinal)
        assert found.krippendorff_alpha_ordinal == pytest.approx(_reference(units, levels), abs=1e-9)
    agreeing, pairs = _pairs_by_hand(units)
    assert (found.agreeing_pairs, found.pairs) == (agreeing, pairs)
    assert found.percent_agreement == (agreeing / pairs if pairs else None)
    assert found.ratings_compared == len(values)


@settings(max_examples=200, deadline=None)
@given(_matrices(), st.randoms(use_true_random=False))
def test_permuting_raters_and_units_changes_nothing(case: tuple[Units, int], random: Random) -> None:
    units, _ = case
    shuffled = [random.sample(unit, len(unit)) for unit in units]  # each unit's raters in another order
    random.shuffle(shuffled)
    assert agreement(shuffled) == agreement(units)


@settings(max_examples=200, deadline=None)
@given(_matrices())
def test_agreement_is_never_nan_and_within_bounds(case: tuple[Units, int]) -> None:
    found = agreement(case[0])
    if found.percent_agreement is not None:
        assert 0.0 <= found.percent_agreement <= 1.0
    if found.krippendorff_alpha_ordinal is not None:
        assert not math.isnan(found.krippendorff_alpha_ordinal)
        assert found.krippendorff_alpha_ordinal <= 1.0
    assert (found.krippendorff_alpha_ordinal is None) == (found.alpha_note is not None)
