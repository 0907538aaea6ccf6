"""The report model, its HTML and text: scope, references, escaping and redaction (no Qt)."""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import UTC, date, datetime

import pytest

from ssup_desktop.domain.evidence import AttachmentInfo, Evidence, Link
from ssup_desktop.domain.mentor import (
    Action,
    Session,
    Verdict,
    VerdictKind,
    VerdictState,
    VerdictSummary,
)
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.export.pdf_options import ReportOptions, Scope
from ssup_desktop.export.report import (
    REDACTED,
    EntryRef,
    PrintedEntry,
    ReportError,
    build_report,
    render_html,
    render_text,
    select_entries,
)
from ssup_desktop.export.report_model import MentorInput

TODAY = date(2025, 6, 1)
SECRET = "Contoso merger codename BLUEFIN"


def _profile() -> Profile:
    return Profile(owner_name="Sam Patel", role="Bid support", current_level=3, target_level=4)


def _entries() -> list[Evidence]:
    png = AttachmentInfo(name="chart.png", media_type="image/png", size=2048, sha256="a" * 64)
    return [
        Evidence(
            title="Bid for Fabrikam",
            date_from=date(2025, 3, 1),
            situation="A big bid.",
            result="Won.",
            statement_ids=("ssup-3-2", "ssup-4-4"),
            attachments=(png,),
            tags=("bids",),
        ),
        Evidence(
            title="Old helpdesk work", date_from=date(2019, 1, 5), statement_ids=("ssup-1-1",)
        ),
        Evidence(
            title="Undated, unlinked note",
            description="Notes.",
            created=datetime(2025, 1, 2, tzinfo=UTC),
        ),
        Evidence(
            title=f"Secret project {SECRET}",
            date_from=date(2025, 2, 1),
            action=f"Worked on {SECRET}.",
            tags=("bluefin",),
            links=(Link(url="https://intranet.example/bluefin", label="Bluefin wiki"),),
            attachments=(
                AttachmentInfo(
                    name="bluefin.png", media_type="image/png", size=10, sha256="b" * 64
                ),
            ),
            statement_ids=("ssup-3-1",),
            confidential=True,
        ),
        Evidence(
            title="Partly private",
            date_from=date(2025, 4, 1),
            situation="Visible situation.",
            result=f"Revenue {SECRET}",
            confidential_fields=("result",),
            statement_ids=("ssup-4-1",),
        ),
    ]


def _build(skills: dict[Edition, Skill], **options: object) -> tuple[str, str]:
    report = build_report(_profile(), skills, _entries(), ReportOptions(**options), TODAY)  # type: ignore[arg-type]
    return render_html(report), render_text(report)


def test_whole_portfolio_lists_every_statement_and_entry(skills: dict[Edition, Skill]) -> None:
    report = build_report(_profile(), skills, _entries(), ReportOptions(), TODAY)
    html, text = render_html(report), render_text(report)
    for st in skills[Edition.SFIA9].statements:
        assert st.text in text
    for entry in _entries():
        assert entry.title in text
    assert [key for key, _ in report.sections][-1] == "other"
    assert [e.title for e in report.other] == ["Undated, unlinked note"]
    assert "Sales support (SSUP) evidence portfolio" in html
    assert "Level 4 (Enable): 2 of 4 statements evidenced, 0 verified" in text
    assert "SFIA (c) SFIA Foundation. Skill text reproduced from the Skills Framework" in text


def test_entry_on_two_statements_is_printed_once_and_referred_to(
    skills: dict[Edition, Skill],
) -> None:
    report = build_report(_profile(), skills, _entries(), ReportOptions(), TODAY)
    placed = [
        (st.number, item)
        for lv in report.levels
        for st in lv.statements
        for item in st.entries
        if item.title == "Bid for Fabrikam"
    ]
    assert [(n, type(i)) for n, i in placed] == [("3.2", PrintedEntry), ("4.4", EntryRef)]
    assert "See \u2018Bid for Fabrikam\u2019 under 3.2." in render_html(report)


def test_level_scope_has_only_that_level(skills: dict[Edition, Skill]) -> None:
    report = build_report(
        _profile(), skills, _entries(), ReportOptions(scope=Scope.LEVEL, level=1), TODAY
    )
    assert [lv.level for lv in report.levels] == [1]
    assert not report.show_other
    text = render_text(report)
    assert "Old helpdesk work" in text and "Bid for Fabrikam" not in text
    assert skills[Edition.SFIA9].level(2).statements[0].text not in text


def test_target_scope_and_undefined_level(skills: dict[Edition, Skill]) -> None:
    report = build_report(_profile(), skills, _entries(), ReportOptions(scope=Scope.TARGET), TODAY)
    assert [lv.level for lv in report.levels] == [4]
    with pytest.raises(ReportError, match="not defined at level 7"):
        build_report(
            _profile(), skills, _entries(), ReportOptions(scope=Scope.LEVEL, level=7), TODAY
        )


def test_selected_entries_and_date_range(skills: dict[Edition, Skill]) -> None:
    chosen = _entries()
    picked = frozenset({chosen[0].id})
    assert [
        e.title for e in select_entries(chosen, ReportOptions(Scope.SELECTED, None, picked))
    ] == ["Bid for Fabrikam"]
    ranged = select_entries(
        chosen, ReportOptions(date_from=date(2025, 1, 1), date_to=date(2025, 2, 28))
    )
    assert {e.title for e in ranged} == {"Undated, unlinked note", f"Secret project {SECRET}"}
    report = build_report(
        _profile(), skills, chosen, ReportOptions(Scope.SELECTED, None, picked), TODAY
    )
    assert [lv.level for lv in report.levels] == [3, 4]
    assert all(st.entries for lv in report.levels for st in lv.statements)


def test_user_text_is_escaped_not_markup(skills: dict[Edition, Skill]) -> None:
    entry = Evidence(
        title="<b>Bold</b> & <script>", situation="<img src=x>", statement_ids=("ssup-2-1",)
    )
    report = build_report(_profile(), skills, [entry], ReportOptions(), TODAY)
    html = render_html(report)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "<script>" not in html and "<img src=x>" not in html


def test_redacted_report_hides_confidential_text(skills: dict[Edition, Skill]) -> None:
    html, text = _build(skills, redacted=True)
    for secret in (SECRET, "bluefin", "Bluefin", "intranet.example"):
        assert secret not in html and secret not in text
    assert REDACTED in text
    assert "Visible situation." in text  # only the marked field of a partly confidential entry
    assert "ssup-attachment" not in html  # no pictures of a confidential entry


def test_unredacted_report_marks_confidential_entries(skills: dict[Edition, Skill]) -> None:
    html, text = _build(skills)
    assert SECRET in text and "CONFIDENTIAL" in text and "CONFIDENTIAL" in html


def _mentor(profile: Profile) -> MentorInput:
    session = Session(
        review_of=profile.portfolio_id,
        mentor_name="Jordan Lee",
        started=datetime(2026, 11, 10, 9, 0, tzinfo=UTC),
        focus_levels=(4,),
        notes="Good progress <b>on bids</b>",
        actions=(
            Action(
                review_of=profile.portfolio_id,
                text="Lead the next RFP response",
                owner="mentee",
                due=date(2026, 12, 15),
            ),
        ),
    )
    agreed = Verdict(
        review_of=profile.portfolio_id,
        session_id=session.id,
        statement_id="ssup-4-1",
        kind=VerdictKind.AGREED,
        comment="Clear <script>x</script> example",
        mentor_name="Jordan Lee",
        recorded=datetime(2026, 11, 10, 9, 30, tzinfo=UTC),
        evidence_hash="b" * 64,
    )
    summary = VerdictSummary(VerdictState.AGREED, "Agreed by Jordan Lee on 2026-11-10", agreed)
    return MentorInput(frozenset({"ssup-4-1"}), {"ssup-4-1": summary}, [session], [agreed])


def test_mentor_verdicts_and_sessions_are_printed_escaped(skills: dict[Edition, Skill]) -> None:
    profile = _profile()
    with_mentor = ReportOptions(include_mentor=True)
    report = build_report(profile, skills, _entries(), with_mentor, TODAY, _mentor(profile))
    assert report.headline.endswith("1 verified")
    level4 = next(lv for lv in report.levels if lv.level == 4)
    assert level4.statements[0].state == "Verified by a mentor"
    assert level4.statements[0].verdict == (
        "Agreed by Jordan Lee on 2026-11-10: Clear <script>x</script> example"
    )
    assert ("mentor", "Mentor sessions") in report.sections
    [session] = report.sessions
    assert session.title == "2026-11-10 with Jordan Lee"
    assert session.verdicts == ("4.1 Agreed: Clear <script>x</script> example",)
    assert session.actions == ("Lead the next RFP response (owner: Mentee, due 2026-12-15)",)
    html = render_html(report)
    assert "Clear &lt;script&gt;x&lt;/script&gt; example" in html
    assert "Good progress &lt;b&gt;on bids&lt;/b&gt;" in html
    assert "<script>" not in html
    text = render_text(report)
    assert "Mentor: Agreed by Jordan Lee" in text
    assert "Action: Lead the next RFP response" in text


def test_without_mentor_content_verified_still_counts_but_nothing_is_printed(
    skills: dict[Edition, Skill],
) -> None:
    profile = _profile()
    report = build_report(profile, skills, _entries(), ReportOptions(), TODAY, _mentor(profile))
    assert report.headline.endswith("1 verified")
    assert report.sessions == ()
    assert all(not st.verdict for lv in report.levels for st in lv.statements)
    assert "Jordan Lee" not in render_html(report)
    assert ("mentor", "Mentor sessions") not in report.sections


def test_options_refuse_inconsistent_choices() -> None:
    with pytest.raises(ValueError):
        ReportOptions(scope=Scope.LEVEL)
    with pytest.raises(ValueError):
        ReportOptions(scope=Scope.SELECTED)
    with pytest.raises(ValueError):
        ReportOptions(date_from=date(2025, 2, 1), date_to=date(2025, 1, 1))
    assert ReportOptions(scope=Scope.SELECTED, evidence_ids=frozenset({uuid.uuid4()}))


def test_report_modules_do_not_load_qt() -> None:
    code = (
        "import sys, ssup_desktop.export.report, ssup_desktop.export.report_model, "
        "ssup_desktop.export.pdf_options\n"
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
