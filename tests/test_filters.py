"""The filter object: SQL parameters, URL round trip, and its subtitle in both languages."""

from __future__ import annotations

from analytics import filters
from analytics.filters import Filters

OPTIONS = dict(sectors=["space", "green_energy"], institutions=["suparco"], years=(2000, 2025))


def test_params_are_plain_lists_and_values() -> None:
    params = Filters(sectors=("space",), year_from=2010).params()
    assert params["sectors"] == ["space"]
    assert params["statuses"] == []
    assert (params["year_from"], params["year_to"], params["cpec_only"]) == (2010, None, False)
    assert params["agreed_in"] is None  # set by a click on a year's bar only


def test_url_round_trip() -> None:
    filters = Filters(
        sectors=("space", "green_energy"),
        year_from=2010,
        year_to=2020,
        statuses=("operational",),
        modes=("joint_lab",),
        provinces=("PK-SD",),
        institution="suparco",
        cpec_only=True,
    )
    query = filters.to_query()
    assert query["sector"] == ["space", "green_energy"]
    assert query["cpec"] == ["1"]
    assert Filters.from_query(query, **OPTIONS) == filters


def test_defaults_leave_the_url_empty() -> None:
    assert Filters().to_query() == {}
    assert Filters.from_query({}, **OPTIONS) == Filters()


def test_unknown_values_in_the_url_are_dropped() -> None:
    query = {
        "sector": ["space", "'; DROP TABLE projects; --", "space"],
        "status": ["operational", "<script>"],
        "from": ["1900"],
        "to": ["20x0"],
        "institution": ["nobody"],
        "cpec": ["yes please"],
    }
    assert Filters.from_query(query, **OPTIONS) == Filters(
        sectors=("space",), statuses=("operational",)
    )


def test_reversed_years_are_ignored_and_bounds_mean_all() -> None:
    assert Filters.from_query({"from": ["2020"], "to": ["2010"]}, **OPTIONS) == Filters()
    assert Filters.from_query({"from": ["2000"], "to": ["2025"]}, **OPTIONS) == Filters()


def test_describe_in_both_languages() -> None:
    assert Filters().describe("en") == "All projects"
    assert Filters().describe("zh") == "全部项目"
    filters = Filters(sectors=("space",), year_from=2010, statuses=("operational",), cpec_only=True)
    assert (
        filters.describe("en", {"space": "Space sciences"})
        == "Space sciences · 2010–… · Operational / completed · CPEC projects only"
    )
    assert (
        filters.describe("zh", {"space": "空间科学"})
        == "空间科学 · 2010–… · 运营中/已完成 · 仅中巴经济走廊项目"
    )


def test_the_institution_filter_offers_those_in_most_projects(fixture_db, monkeypatch) -> None:
    monkeypatch.setattr(filters, "INSTITUTION_CHOICES", 2)
    opts = filters.Options(
        fixture_db.query("sectors"), fixture_db.query("institutions"), (2015, 2024), "2026-11-27"
    )
    # Public projects only: inst-cn-1 is in 3, inst-pk-1 in 2, inst-cn-2 in 1 (its other,
    # lab-e, is restricted); inst-pk-2 is in lab-e alone, so it is not even named. Offered in
    # name order (Test Chinese Enterprise, Test Pakistani Agency).
    assert opts.institution_choices == ["inst-cn-1", "inst-pk-1"]
    assert "inst-pk-2" not in opts.names("zh") and "inst-pk-2" not in opts.names("en")
    assert opts.names("zh")["inst-cn-2"] == "测试科学院"
    assert opts.names("en")["green_energy"] == "Green energy"


def test_one_project_is_not_one_projects() -> None:
    from analytics.i18n import t

    assert [t("projects.count", "en", n=n) for n in (0, 1, 2, 1234)] == [
        "0 projects",
        "1 project",
        "2 projects",
        "1,234 projects",
    ]
    assert t("projects.count", "zh", n=1) == "1 个项目"
