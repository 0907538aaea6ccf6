"""The evidence report as HTML (for QTextDocument) and plain text; pure, no Qt."""

from __future__ import annotations

import html
import uuid
from collections.abc import Mapping

from ssup_desktop.domain.progress import DEFAULT_RECENCY_YEARS
from ssup_desktop.export.report_model import (
    ATTRIBUTION,
    REDACTED,
    TITLE,
    EntryRef,
    LevelSection,
    PrintedAttachment,
    PrintedEntry,
    Report,
    ReportError,
    StatementSection,
    build_report,
    select_entries,
)

__all__ = [
    "ATTRIBUTION",
    "REDACTED",
    "TITLE",
    "EntryRef",
    "LevelSection",
    "PrintedAttachment",
    "PrintedEntry",
    "Report",
    "ReportError",
    "StatementSection",
    "build_report",
    "render_html",
    "render_text",
    "select_entries",
]

# Headings are paragraphs carrying a block user state (Qt's <hN> would rescale their fonts):
# 1 starts a section on a new page, 2 keeps the heading with the text after it.
SECTION_STATE = 1
KEEP_STATE = 2
H1 = '<p class="h1" style="-qt-user-state: 1;">'
H2 = '<p class="h2" style="-qt-user-state: 2;">'
H2_SPACED = '<p class="h2" style="-qt-user-state: 2; margin-top: 30px;">'
H3 = '<p class="h3" style="-qt-user-state: 2;">'
H4 = '<p class="h4" style="-qt-user-state: 2;">'
IMAGE_SCHEME = "ssup-attachment"
PAGE_PLACEHOLDER = "00"
SANS = "'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"
SERIF = "'DejaVu Serif', Georgia, Cambria, 'Times New Roman', serif"
STYLE = f"""
body {{ font-family: {SERIF}; font-size: 10pt; color: #1b1b1b; }}
p {{ margin-top: 0px; margin-bottom: 5px; }}
p.h1 {{ font-family: {SANS}; font-size: 17pt; font-weight: bold; color: #1f3a5f;
      margin-top: 0px; margin-bottom: 8px; }}
p.h2 {{ font-family: {SANS}; font-size: 10.5pt; font-weight: bold; color: #1f3a5f;
      margin-top: 18px; margin-bottom: 3px; }}
p.h3 {{ font-family: {SANS}; font-size: 10.5pt; font-weight: bold; color: #111111;
      margin-top: 12px; margin-bottom: 2px; }}
p.h4 {{ font-family: {SANS}; font-size: 8.5pt; font-weight: bold; color: #555555;
      margin-top: 5px; margin-bottom: 1px; }}
td {{ padding: 3px; }}
.ladder {{ font-size: 9pt; }}
th {{ font-family: {SANS}; font-size: 8.5pt; color: #333333; background-color: #eef1f5;
      text-align: left; padding: 3px; }}
.meta {{ font-family: {SANS}; font-size: 8.5pt; font-weight: normal; color: #5a5a5a; }}
.lead {{ font-style: italic; color: #333333; }}
.ref {{ color: #333333; font-style: italic; margin-top: 8px; }}
.none {{ color: #777777; font-style: italic; }}
.small {{ font-size: 8.5pt; color: #444444; }}
.kicker {{ font-family: {SANS}; font-size: 9pt; color: #5a5a5a; }}
.cover-title {{ font-family: {SANS}; font-size: 24pt; font-weight: bold; color: #1f3a5f;
      margin-bottom: 4px; }}
.cover-name {{ font-family: {SANS}; font-size: 14pt; color: #333333; margin-bottom: 40px; }}
.cover-head {{ font-family: {SANS}; font-size: 12pt; font-weight: bold; }}
.conf {{ font-family: {SANS}; font-size: 8pt; color: #8a1c1c; }}
"""
STATE_COLOURS = {
    "No evidence": "#8a8a8a",
    "Only old evidence": "#9a6200",
    "Evidenced": "#1d6b32",
    "Verified by a mentor": "#1f4f8f",
}
YEARS = DEFAULT_RECENCY_YEARS
STATE_MEANINGS = (
    ("No evidence", "No example in this report supports the statement yet."),
    ("Evidenced", f"At least one example from the last {YEARS} years supports it."),
    ("Only old evidence", f"Every supporting example is more than {YEARS} years old."),
    ("Verified by a mentor", "A mentor has reviewed the evidence and agreed."),
)
_TABLE = (
    'width="100%" cellspacing="0" cellpadding="4" border="1" '
    'style="border-collapse: collapse; border-color: #c9ced6;"'
)


def esc(text: str) -> str:
    """User text as HTML text: escaped, line breaks kept."""
    return html.escape(text, quote=True).replace("\r\n", "\n").replace("\n", "<br/>")


def _paragraphs(text: str) -> str:
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{esc(p)}</p>" for p in parts)


def image_url(attachment_id: uuid.UUID) -> str:
    return f"{IMAGE_SCHEME}:{attachment_id}"


def _cover_html(report: Report) -> str:
    rows = [
        ("Name", report.owner or "Not set"),
        ("Role", report.role or "Not set"),
        ("Organisation", report.organisation or "Not set"),
        ("SFIA edition", report.edition),
        ("Current level", report.current_level),
        ("Target level", report.target_level),
        ("Covers", report.scope),
        ("Exported", report.exported.isoformat()),
    ]
    table = "".join(
        f'<tr><td width="28%" class="meta">{esc(k)}</td><td>{esc(v)}</td></tr>' for k, v in rows
    )
    return (
        '<p class="kicker" style="margin-top: 190px;">SFIA skill SSUP</p>'
        f'<p class="cover-title">{esc(report.title)}</p>'
        f'<p class="cover-name">{esc(report.owner)}</p>'
        f'<table width="100%" cellspacing="0" cellpadding="5" border="0">{table}</table>'
        '<p class="kicker" style="margin-top: 36px;">Readiness for the target level</p>'
        f'<p class="cover-head">{esc(report.headline)}</p>'
    )


def _contents_html(report: Report, pages: Mapping[str, int] | None) -> str:
    rows = "".join(
        f'<tr><td>{esc(title)}</td><td align="right" width="12%">'
        f'<a name="pn-{key}">{pages.get(key, "") if pages else PAGE_PLACEHOLDER}</a></td></tr>'
        for key, title in report.sections
    )
    states = "".join(
        f'<tr><td width="28%" style="color: {STATE_COLOURS[label]};">{label}</td>'
        f"<td>{meaning}</td></tr>"
        for label, meaning in STATE_MEANINGS
    )
    return (
        f'{H1}Contents</p><table width="100%" cellspacing="0" cellpadding="4">{rows}</table>'
        f"{H2_SPACED}How to read this report</p>"
        "<p>Each SSUP level lists its SFIA statements in the words of the framework, each followed "
        "by the examples from the owner's work that support it. An example that supports several "
        "statements is printed in full once and referred to elsewhere. Each statement is in one "
        "of these states:</p>"
        f'<table width="100%" cellspacing="0" cellpadding="4">{states}</table>'
    )


def _ladder_html(report: Report) -> str:
    body = []
    for lv in report.levels:
        body.append(
            f'<tr><td colspan="4" style="background-color: #f6f7f9;"><b>{esc(lv.title)}</b>'
            f'<span class="meta">  {esc(_short_headline(lv))}</span></td></tr>'
        )
        for st in lv.statements:
            colour = STATE_COLOURS.get(st.state, "#1b1b1b")
            body.append(
                f'<tr><td width="7%" class="meta">{st.number}</td><td>{esc(st.text)}</td>'
                f'<td width="19%" style="color: {colour};">{esc(st.state)}</td>'
                f'<td width="10%" align="right">{st.count}</td></tr>'
            )
    head = "<thead><tr><th>No.</th><th>Statement</th><th>State</th><th>Entries</th></tr></thead>"
    return (
        f'{H1}<a name="sec-ladder">Summary: the SSUP ladder</a></p>'
        '<p class="small">The state of each statement, from the evidence in this report. '
        "Levels the skill does not define are marked so.</p>"
        f'<table class="ladder" {_TABLE}>{head}{"".join(body)}</table>'
    )


def _short_headline(lv: LevelSection) -> str:
    return lv.headline.split("): ", 1)[-1]


def _entry_html(entry: PrintedEntry, image_sizes: Mapping[uuid.UUID, tuple[int, int]]) -> str:
    conf = ' <span class="conf">CONFIDENTIAL</span>' if entry.confidential else ""
    out = [f'{H3}{esc(entry.title)}{conf}<br/><span class="meta">{esc(entry.date)}</span></p>']
    for head, text in entry.fields:
        out.append(f"{H4}{esc(head)}</p>{_paragraphs(text)}")
    if entry.tags:
        out.append(f'<p class="small"><b>Tags:</b> {esc(", ".join(entry.tags))}</p>')
    if entry.links:
        out.append('<p class="small"><b>Links:</b><br/>' + "<br/>".join(map(esc, entry.links)))
        out.append("</p>")
    if entry.attachments:
        items = "<br/>".join(f"{esc(a.name)} ({esc(a.kind)}, {a.size})" for a in entry.attachments)
        out.append(f'<p class="small"><b>Attachments:</b><br/>{items}</p>')
    for a in entry.attachments:
        if a.show_image and a.id in image_sizes:
            w, h = image_sizes[a.id]
            out.append(
                f'<p style="margin-top: 4px;"><img src="{image_url(a.id)}" width="{w}" '
                f'height="{h}"/><br/><span class="meta">{esc(a.name)}</span></p>'
            )
    return "".join(out)


def _level_html(lv: LevelSection, image_sizes: Mapping[uuid.UUID, tuple[int, int]]) -> str:
    out = [
        f'{H1}<a name="sec-{lv.key}">{esc(lv.title)}</a></p>',
        f'<p class="lead">{esc(lv.essence)}</p>',
        f'<p class="meta">{esc(lv.headline)}</p>',
    ]
    if not lv.defined:
        out.append('<p class="none">Sales support is not defined at this level.</p>')
    for st in lv.statements:
        noun = "entry" if st.count == 1 else "entries"
        out.append(
            f"{H2}{st.number}  {esc(st.text)}<br/>"
            f'<span class="meta">{esc(st.state)} \u00b7 {st.count} {noun}</span></p>'
        )
        if st.verdict:
            colour = "#8a5a00" if st.verdict_changed else "#1f4f8f"
            out.append(f'<p class="meta" style="color: {colour};">Mentor: {esc(st.verdict)}</p>')
        if not st.entries:
            out.append('<p class="none">No evidence recorded for this statement yet.</p>')
        for item in st.entries:
            if isinstance(item, EntryRef):
                out.append(
                    f'<p class="ref">See \u2018{esc(item.title)}\u2019 under {item.number}.</p>'
                )
            else:
                out.append(_entry_html(item, image_sizes))
    return "".join(out)


def render_html(
    report: Report,
    image_sizes: Mapping[uuid.UUID, tuple[int, int]] | None = None,
    pages: Mapping[str, int] | None = None,
) -> str:
    """The report as one HTML document. ``image_sizes``: CSS pixel sizes of the pictures to
    print (others are listed only); ``pages``: section key -> page for the contents."""
    sizes = image_sizes or {}
    parts = [_cover_html(report), _contents_html(report, pages), _ladder_html(report)]
    parts += [_level_html(lv, sizes) for lv in report.levels if lv.defined]
    if report.show_other:
        parts.append(f'{H1}<a name="sec-other">Other evidence</a></p>')
        parts.append('<p class="lead">Entries not linked to any SSUP statement.</p>')
        parts += [_entry_html(e, sizes) for e in report.other]
        if not report.other:
            parts.append('<p class="none">None.</p>')
    if report.include_mentor:
        parts.append(mentor_html(report))
    parts.append(
        f'<p class="small" style="margin-top: 24px;">{esc(report.attribution)}<br/>'
        "Generated by SSUP Desktop.</p>"
    )
    return (
        f'<html><head><meta charset="utf-8"/><title>{esc(report.title)}</title>'
        f"<style>{STYLE}</style></head><body>{''.join(parts)}</body></html>"
    )


def mentor_html(report: Report) -> str:
    """The mentor sessions section: each session's verdicts and agreed actions (escaped)."""
    out = [f'{H1}<a name="sec-mentor">Mentor sessions</a></p>']
    if not report.sessions:
        out.append('<p class="none">No mentor sessions recorded.</p>')
    for session in report.sessions:
        out.append(
            f"{H2}{esc(session.title)}<br/>"
            f'<span class="meta">Focus levels: {esc(session.levels)}</span></p>'
        )
        if session.notes:
            out.append(f"<p>{esc(session.notes)}</p>")
        if session.verdicts:
            out.append(f"{H3}Verdicts</p>")
            out += [f"<p>{esc(line)}</p>" for line in session.verdicts]
        if session.actions:
            out.append(f"{H3}Agreed actions</p>")
            out += [f"<p>\u2022 {esc(line)}</p>" for line in session.actions]
    return "".join(out)


def mentor_text(report: Report) -> str:
    """The plain-text twin of ``mentor_html``."""
    out = ["Mentor sessions", "-" * 15]
    if not report.sessions:
        out.append("No mentor sessions recorded.")
    for session in report.sessions:
        out.append(f"{session.title} (focus levels: {session.levels})")
        if session.notes:
            out.append(f"  Notes: {session.notes}")
        out += [f"  Verdict {line}" for line in session.verdicts]
        out += [f"  Action: {line}" for line in session.actions]
    return "\n".join(out)


def _text_entry(entry: PrintedEntry) -> list[str]:
    conf = "  [CONFIDENTIAL]" if entry.confidential else ""
    out = [f"  * {entry.title}{conf}", f"    {entry.date}"]
    for head, text in entry.fields:
        out.append(f"    {head}: {text}")
    if entry.tags:
        out.append(f"    Tags: {', '.join(entry.tags)}")
    out += [f"    Link: {link}" for link in entry.links]
    out += [f"    Attachment: {a.name} ({a.kind}, {a.size})" for a in entry.attachments]
    return out


def render_text(report: Report) -> str:
    """The report as plain text, in the same order as the HTML (no contents, no images)."""
    out = [report.title, "=" * len(report.title)]
    out += [
        f"Name: {report.owner or 'Not set'}",
        f"Role: {report.role or 'Not set'}",
        f"Organisation: {report.organisation or 'Not set'}",
        f"SFIA edition: {report.edition}",
        f"Current level: {report.current_level}",
        f"Target level: {report.target_level}",
        f"Covers: {report.scope}",
        f"Exported: {report.exported.isoformat()}",
        f"Readiness: {report.headline}",
        "",
    ]
    for lv in report.levels:
        out += [lv.title, "-" * len(lv.title), lv.headline]
        for st in lv.statements:
            out.append(f"{st.number} {st.text} [{st.state}; {st.count}]")
            if st.verdict:
                out.append(f"  Mentor: {st.verdict}")
            for item in st.entries:
                if isinstance(item, EntryRef):
                    out.append(f"  See '{item.title}' under {item.number}.")
                else:
                    out += _text_entry(item)
        out.append("")
    if report.show_other:
        out += ["Other evidence", "-" * 14]
        for entry in report.other:
            out += _text_entry(entry)
        out.append("")
    if report.include_mentor:
        out += [mentor_text(report), ""]
    out.append(report.attribution)
    return "\n".join(out) + "\n"
