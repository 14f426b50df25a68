"""The parse report `cited add` and `cited inspect` print: what a file turned into, and what
looks wrong (markers without a footnote, footnotes nobody cites, no headings)."""

from __future__ import annotations

from dataclasses import dataclass

from service.intake import Intake
from service.parse import iter_footnote_markers
from service.records import Document, Unit
from service.units import parsed_units

_LISTED = 5  # numbers named in a warning before "…"


@dataclass(frozen=True)
class ParseReport:
    """Counts and warnings for one parsed file."""

    file: str
    format: str
    passages: int
    footnotes: int
    markers: int  # distinct footnote numbers the body cites
    pages: int | None
    headings: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def units(self) -> int:
        return self.passages + self.footnotes


def parse_report(intake: Intake, document: Document) -> ParseReport:
    """The report for `intake` parsed as `document`."""
    units = parsed_units(document, intake.parsed)
    footnotes = {u.number for u in units if u.kind == "footnote"}
    markers = {n for p in intake.parsed.paragraphs for n, _ in iter_footnote_markers(p.raw_text())}
    headings = tuple(dict.fromkeys(title for p in intake.parsed.paragraphs for title in p.section))
    warnings = [*intake.warnings, *_footnote_warnings(markers, footnotes, units)]
    if not headings:
        warnings.append("no headings found: every passage is in one section")
    return ParseReport(
        file=intake.path.name,
        format=intake.format,
        passages=sum(u.kind == "passage" for u in units),
        footnotes=len(footnotes),
        markers=len(markers),
        pages=intake.pages,
        headings=headings,
        warnings=tuple(warnings),
    )


def _footnote_warnings(markers: set[int], footnotes: set[int | None], units: list[Unit]) -> list[str]:
    warnings = []
    if len(markers) != len(footnotes):
        warnings.append(f"{len(markers)} footnote markers but {len(footnotes)} footnotes")
    missing = sorted(markers - footnotes)
    if missing:
        warnings.append(f"markers with no footnote: {_numbers(missing)}")
    uncited = sorted(u.number for u in units if u.kind == "footnote" and u.number is not None and not u.cited_by)
    if uncited:
        warnings.append(f"footnotes no passage cites: {_numbers(uncited)}")
    return warnings


def _numbers(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:_LISTED])
    return shown + (", …" if len(numbers) > _LISTED else "")


def report_lines(report: ParseReport) -> list[str]:
    """The report as the CLI prints it, one fact a line."""
    lines = [
        f"{report.file} ({report.format}{f', {report.pages} pages' if report.pages else ''})",
        f"  {report.units} units: {report.passages} passages, {report.footnotes} footnotes "
        f"({report.markers} footnote markers in the text)",
        f"  {len(report.headings)} headings" + (f": {'; '.join(report.headings[:8])}" if report.headings else ""),
    ]
    if len(report.headings) > 8:
        lines[-1] += f"; … ({len(report.headings) - 8} more)"
    lines.extend(f"  warning: {w}" for w in report.warnings)
    return lines
