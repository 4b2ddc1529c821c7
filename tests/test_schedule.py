"""The schedule domain: reference time, occurrence states, buckets, agency matching.

Expectations are written by hand from Phụ lục 4 (data/tasks.yaml) and from the fixture
tests/data/progress_due.yaml, whose comments say what each task is for.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.agencies import AgencyFilter, AgencyNotFound, Role, Via, links, resolve_agency
from cchc.load import load
from cchc.model import Agency, Plan, Registry
from cchc.quarter import Quarter
from cchc.schedule import Bucket, Reference, State, classify_task, parse_states, schedule

from .conftest import DATA, TESTS

PROGRESS = TESTS / "data" / "progress_due.yaml"


def _plan(path: Path) -> Plan:
    loaded = load(path, date(2026, 11, 29))
    assert loaded.plan is not None, loaded.problems
    return loaded.plan


SHIPPED = _plan(DATA)
FIXTURE = _plan(PROGRESS)


def q(text: str) -> Quarter:
    return Quarter.parse(text)


def ids(items: object) -> list[str]:
    return [i.id for i in items]  # type: ignore[attr-defined]


# --- reference -----------------------------------------------------------------------------------
def test_reference_from_a_quarter_is_its_last_day() -> None:
    assert Reference.of_quarter(q("IV/2023")) == Reference(q("IV/2023"), date(2023, 12, 31))
    assert Reference.of_quarter(q("II/2022")).as_of == date(2022, 6, 30)


def test_reference_from_a_date_is_the_quarter_containing_it() -> None:
    assert Reference.of_date(date(2023, 11, 15)) == Reference(q("IV/2023"), date(2023, 11, 15))
    assert Reference.of_date(date(2024, 1, 1)).quarter == q("I/2024")


def test_reference_date_must_lie_in_its_quarter() -> None:
    with pytest.raises(ValueError):
        Reference(q("IV/2023"), date(2024, 1, 1))


# --- the shipped plan ----------------------------------------------------------------------------
def test_every_occurrence_gets_one_item_and_undated_tasks_one_each() -> None:
    # 20 one-off deadlines + 8 annual tasks × 4 years + 2 tasks × 2 milestones, and the 4
    # conditional tasks of section III: 60 items.
    sched = schedule(SHIPPED, Reference.of_quarter(q("IV/2023")))
    assert len(sched.items) == 60
    assert ids(sched.no_fixed_deadline) == ["III.1", "III.2", "III.3", "III.4"]


def test_after_the_plan_period_everything_open_is_overdue() -> None:
    sched = schedule(SHIPPED, Reference.of_quarter(q("IV/2026")))
    assert len(sched.overdue) == 56
    assert sched.due == sched.upcoming == sched.later == sched.done == ()
    late = {(i.id, i.quarter.label()): i.quarters_late for i in sched.overdue if i.quarter}
    assert late[("I.1", "I/2022")] == 19
    assert late[("VII.7", "II/2022")] == 18
    assert late[("VI.1", "IV/2022")] == 16
    assert late[("VI.1", "IV/2025")] == 4
    assert late[("VIII.7", "IV/2025")] == 4
    # continuous and conditional tasks are never overdue
    assert ids(sched.no_fixed_deadline) == ["III.1", "III.2", "III.3", "III.4"]


def test_before_the_plan_starts_nothing_is_overdue() -> None:
    sched = schedule(SHIPPED, Reference.of_quarter(q("IV/2021")))
    assert sched.overdue == ()
    assert ids(sched.upcoming) == ["I.1"]
    assert [i.quarters_left for i in sched.upcoming] == [1]


def test_quarters_left_counts_from_the_reference_quarter() -> None:
    sched = schedule(SHIPPED, Reference.of_quarter(q("II/2022")), ahead=2)
    assert ids(sched.due) == ["VII.7"]
    assert [i.quarters_left for i in sched.due] == [0]
    assert {i.quarters_left for i in sched.upcoming} == {2}  # all fall in IV/2022


def test_ahead_zero_has_no_upcoming_and_negative_is_refused() -> None:
    sched = schedule(SHIPPED, Reference.of_quarter(q("III/2022")), ahead=0)
    assert sched.upcoming == ()
    with pytest.raises(ValueError):
        schedule(SHIPPED, Reference.of_quarter(q("III/2022")), ahead=-1)


@given(
    index=st.integers(Quarter(2020, 1).index, Quarter(2028, 4).index),
    ahead=st.integers(0, 10),
)
def test_buckets_follow_the_rules_at_any_reference(index: int, ahead: int) -> None:
    reference = Reference.of_quarter(Quarter.from_index(index))
    sched = schedule(SHIPPED, reference, ahead)
    assert sum(sched.counts().values()) == len(sched.items) == 60
    for item in sched.items:
        if item.quarter is None:
            assert item.bucket is Bucket.NO_FIXED_DEADLINE
            continue
        distance = item.quarter - reference.quarter
        expected = (
            Bucket.OVERDUE
            if distance < 0
            else Bucket.DUE
            if distance == 0
            else Bucket.UPCOMING
            if distance <= ahead
            else Bucket.LATER
        )
        assert item.bucket is expected
        assert item.quarters_late == (-distance if distance < 0 else None)
        assert item.quarters_left == (distance if 0 <= distance <= ahead else None)


# --- progress ------------------------------------------------------------------------------------
def _states(reference: Reference) -> dict[tuple[str, str | None], tuple[Bucket, State]]:
    sched = schedule(FIXTURE, reference)
    return {
        (i.id, i.quarter.label() if i.quarter else None): (i.bucket, i.state) for i in sched.items
    }


def test_progress_at_the_end_of_iv_2023() -> None:
    assert _states(Reference.of_quarter(q("IV/2023"))) == {
        ("I.1", "IV/2023"): (Bucket.DONE, State.DONE),  # done 20/12/2023
        ("I.2", "II/2023"): (Bucket.DONE, State.DONE_LATE),  # done 15/08/2023, due 30/06
        ("I.3", "IV/2023"): (Bucket.DUE, State.NOT_STARTED),  # done 10/01/2024: later
        ("I.4", "IV/2023"): (Bucket.DONE, State.DONE),
        ("I.4", "IV/2024"): (Bucket.LATER, State.NOT_STARTED),  # report of 01/10/2024: later
        ("I.5", "II/2024"): (Bucket.LATER, State.NOT_STARTED),
        ("I.5", "IV/2024"): (Bucket.LATER, State.NOT_STARTED),
        ("I.6", None): (Bucket.NO_FIXED_DEADLINE, State.IN_PROGRESS),
        ("I.7", "IV/2023"): (Bucket.DONE, State.DONE_LATE),  # due 30/11, done 15/12/2023
        ("I.8", "III/2023"): (Bucket.OVERDUE, State.IN_PROGRESS),
        ("I.9", "I/2024"): (Bucket.UPCOMING, State.NOT_STARTED),
    }


def test_progress_mid_quarter_ignores_later_entries() -> None:
    states = _states(Reference.of_date(date(2023, 12, 15)))
    assert states[("I.1", "IV/2023")] == (Bucket.DUE, State.IN_PROGRESS)  # done 20/12 ignored
    # an entry dated on the reference date counts
    assert states[("I.7", "IV/2023")] == (Bucket.DONE, State.DONE_LATE)
    assert states[("I.4", "IV/2023")] == (Bucket.DUE, State.NOT_STARTED)


def test_progress_at_the_end_of_i_2024() -> None:
    states = _states(Reference.of_quarter(q("I/2024")))
    assert states[("I.3", "IV/2023")] == (Bucket.DONE, State.DONE_LATE)
    assert states[("I.9", "I/2024")] == (Bucket.DUE, State.NOT_STARTED)
    assert states[("I.8", "III/2023")] == (Bucket.OVERDUE, State.IN_PROGRESS)
    assert states[("I.5", "II/2024")] == (Bucket.UPCOMING, State.NOT_STARTED)


def test_reported_not_started_differs_from_unreported() -> None:
    at_i_2024 = {i.id: i for i in schedule(FIXTURE, Reference.of_quarter(q("I/2024"))).due}
    assert at_i_2024["I.9"].reported and at_i_2024["I.9"].state is State.NOT_STARTED
    at_iv_2023 = {i.id: i for i in schedule(FIXTURE, Reference.of_quarter(q("IV/2023"))).items}
    assert not at_iv_2023["I.9"].reported


def test_percent_and_completion_date() -> None:
    sched = schedule(FIXTURE, Reference.of_quarter(q("IV/2024")), ahead=1)
    by_key = {(i.id, i.quarter.label() if i.quarter else None): i for i in sched.items}
    assert by_key[("I.4", "IV/2024")].percent == 40
    assert by_key[("I.4", "IV/2024")].bucket is Bucket.DUE
    assert by_key[("I.5", "II/2024")].percent == 45
    assert by_key[("I.5", "II/2024")].quarters_late == 2
    assert by_key[("I.5", "IV/2024")].percent is None  # the report was on the other milestone
    assert by_key[("I.1", "IV/2023")].completed_on == date(2023, 12, 20)
    assert by_key[("I.8", "III/2023")].completed_on is None


def test_classify_task_on_its_own() -> None:
    task = FIXTURE.task("I.4")
    assert task is not None
    items = classify_task(task, Reference.of_quarter(q("IV/2023")))
    assert [(i.position, i.quarter, i.state) for i in items] == [
        (0, q("IV/2023"), State.DONE),
        (1, q("IV/2024"), State.NOT_STARTED),
    ]


# --- agencies ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("so tttt", "Sở Thông tin và Truyền thông"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("so noi vu", "Sở Nội vụ"),
        ("SỞ NỘI VỤ", "Sở Nội vụ"),
        ("So\u031b\u0309 No\u0302\u0323i vu\u0323", "Sở Nội vụ"),  # NFD, as macOS types it
        ("sở giáo dục và đào tạo", "Sở Giáo dục và Đào tạo"),
        ("so gd&dt", "Sở Giáo dục và Đào tạo"),
        ("uy ban nhan dan cap huyen", "Ủy ban nhân dân cấp huyện"),
        ("Uỷ ban nhân dân cấp huyện", "Ủy ban nhân dân cấp huyện"),
    ],
)
def test_resolve_agency_spellings(query: str, name: str) -> None:
    assert resolve_agency(SHIPPED.registry, query).name == name


def test_unknown_agency_carries_suggestions() -> None:
    with pytest.raises(AgencyNotFound) as caught:
        resolve_agency(SHIPPED.registry, "Sở Tài chín")
    assert not caught.value.ambiguous
    assert caught.value.suggestions[0] == "Sở Tài chính"


def test_partial_name_is_suggested() -> None:
    with pytest.raises(AgencyNotFound) as caught:
        resolve_agency(SHIPPED.registry, "tu phap")
    assert "Sở Tư pháp" in caught.value.suggestions


def test_ambiguous_agency_lists_the_candidates() -> None:
    registry = Registry((Agency("Sở Tư pháp"), Agency("Sở Tự pháp")))
    with pytest.raises(AgencyNotFound) as caught:
        resolve_agency(registry, "so tu phap")
    assert caught.value.ambiguous
    assert caught.value.candidates == ("Sở Tư pháp", "Sở Tự pháp")
    assert resolve_agency(registry, "Sở Tự pháp").name == "Sở Tự pháp"


def _agency(name: str) -> Agency:
    found = SHIPPED.registry.get(name)
    assert found is not None
    return found


def _task(task_id: str):  # type: ignore[no-untyped-def]
    task = SHIPPED.task(task_id)
    assert task is not None
    return task


def test_links_direct_and_through_a_group() -> None:
    finance = AgencyFilter(_agency("Sở Tài chính"))
    day = date(2023, 12, 31)
    (direct,) = links(SHIPPED.registry, _task("VI.1"), finance, day)
    assert (direct.role, direct.via, direct.through) == (Role.LEAD, Via.DIRECT, None)
    (group,) = links(SHIPPED.registry, _task("VII.1"), finance, day)
    assert (group.via, group.through) == (Via.GROUP, "Sở, ban, ngành")
    # "Các sở, ban, ngành" is an alias of the same group
    assert links(SHIPPED.registry, _task("VII.11"), finance, day)[0].via is Via.GROUP
    no_groups = AgencyFilter(_agency("Sở Tài chính"), direct=True)
    assert links(SHIPPED.registry, _task("VII.1"), no_groups, day) == ()
    assert links(SHIPPED.registry, _task("III.1"), finance, day) == ()  # only a partner there


def test_direct_link_is_preferred_over_the_group() -> None:
    # VII.10 is led by Sở TTTT and by "các sở, ban, ngành", of which Sở TTTT is a member
    found = links(
        SHIPPED.registry,
        _task("VII.10"),
        AgencyFilter(_agency("Sở Thông tin và Truyền thông")),
        date(2024, 12, 31),
    )
    assert [(link.via, link.ref.agency) for link in found] == [
        (Via.DIRECT, "Sở Thông tin và Truyền thông"),
        (Via.GROUP, "Sở, ban, ngành"),
    ]


def test_roles() -> None:
    tttt = _agency("Sở Thông tin và Truyền thông")
    day = date(2023, 12, 31)
    partner = AgencyFilter(tttt, Role.PARTNER)
    (link,) = links(SHIPPED.registry, _task("VII.4"), partner, day)
    assert (link.role, link.via) == (Role.PARTNER, Via.DIRECT)
    assert links(SHIPPED.registry, _task("VII.9"), partner, day) == ()  # it leads VII.9
    both = AgencyFilter(tttt, Role.ANY)
    assert links(SHIPPED.registry, _task("VII.9"), both, day)[0].role is Role.LEAD


def test_successor_takes_over_from_the_merger_date() -> None:
    # Sở TTTT merged into Sở Khoa học và Công nghệ on 01/03/2025 (registry: successor.since)
    science = AgencyFilter(_agency("Sở Khoa học và Công nghệ"))
    assert links(SHIPPED.registry, _task("VII.9"), science, date(2025, 2, 28)) == ()
    (link,) = links(SHIPPED.registry, _task("VII.9"), science, date(2025, 3, 1))
    assert (link.via, link.through) == (Via.PREDECESSOR, "Sở Thông tin và Truyền thông")
    # --direct keeps the predecessor's tasks: they are the successor's own duties now
    direct = AgencyFilter(_agency("Sở Khoa học và Công nghệ"), direct=True)
    assert (
        links(SHIPPED.registry, _task("VII.9"), direct, date(2025, 3, 1))[0].via is Via.PREDECESSOR
    )
    # the predecessor itself still matches its own tasks
    tttt = AgencyFilter(_agency("Sở Thông tin và Truyền thông"))
    assert links(SHIPPED.registry, _task("VII.9"), tttt, date(2025, 12, 31))[0].via is Via.DIRECT


def test_schedule_with_agency_section_and_states() -> None:
    reference = Reference.of_quarter(q("IV/2023"))
    finance = AgencyFilter(_agency("Sở Tài chính"))
    sched = schedule(SHIPPED, reference, agency=finance, section="VI")
    assert ids(sched.overdue) == ["VI.1", "VI.2"]
    assert ids(sched.due) == ["VI.1", "VI.2"]
    assert all(item.links for item in sched.items)
    assert schedule(SHIPPED, reference, section="IX").items == ()
    in_progress = schedule(FIXTURE, reference, states=frozenset({State.IN_PROGRESS}))
    assert ids(in_progress.items) == ["I.6", "I.8"]


# --- status words --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("words", "states"),
    [
        (["hoàn thành"], {State.DONE, State.DONE_LATE}),
        (["done"], {State.DONE, State.DONE_LATE}),
        (["hoan thanh qua han"], {State.DONE_LATE}),
        (["Hoàn thành đúng hạn"], {State.DONE}),
        (["in_progress,not_started"], {State.IN_PROGRESS, State.NOT_STARTED}),
        (["đang thực hiện", "chưa thực hiện"], {State.IN_PROGRESS, State.NOT_STARTED}),
    ],
)
def test_parse_states(words: list[str], states: set[State]) -> None:
    assert parse_states(words) == frozenset(states)


def test_parse_states_names_the_bad_word() -> None:
    with pytest.raises(ValueError, match="xong"):
        parse_states(["done,xong"])


def test_each_bucket_is_the_schedule_field_named_by_its_value() -> None:
    from cchc.schedule import BUCKET_ORDER, Schedule

    assert Schedule._fields[-len(BUCKET_ORDER) :] == tuple(b.value for b in BUCKET_ORDER)
