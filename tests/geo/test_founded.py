"""When an arrangement was founded: a year, or a period wholly inside the chosen one."""

import pandas as pd

from geo.founded import founded_between, founding_unknown, parse_period


def test_periods_are_read_as_people_write_them():
    assert parse_period("2015–2021") == (2015, 2021) == parse_period(" 2015 - 2021 ")
    assert parse_period("2018") == (2018, 2018)
    for bad in ("", "etter 2015", "2021-2015", "15-21", None):
        assert parse_period(bad) is None, bad


def test_a_year_decides_and_a_period_counts_only_wholly_inside():
    o = pd.DataFrame(
        {
            "etablert": pd.array([2016, None, None, 2022, None], dtype="Int64"),
            "etablert_periode": ["", "2015–2021", "2000–2014", "2015–2021", ""],
        }
    )
    assert founded_between(o, 2015, 2021).tolist() == [True, True, False, False, False]  # the year wins over a period
    assert founded_between(o, 2016, 2021).tolist() == [True, False, False, False, False]  # 2015–2021 not wholly inside
    assert founding_unknown(o).tolist() == [False, False, False, False, True]
