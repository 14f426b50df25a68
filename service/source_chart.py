"""A document's source profile (service.source_profile) drawn as one PNG: sources by kind, the
outlets cited most, interviews by month. Drawn like the harness's charts (service.evaluate.report):
a matplotlib Figure on the Agg canvas, no pyplot, no GUI backend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from service.source_profile import SourceProfile


def source_figure(profile: SourceProfile, title: str | None = None) -> Any:
    """Three panels side by side; `title` (the document's) heads the figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(15, 5), layout="constrained")
    kinds, outlets, months = figure.subplots(1, 3, width_ratios=(1, 1.2, 1.4))
    _horizontal(kinds, [k for k, _ in profile.by_kind], [n for _, n in profile.by_kind], "sources by kind")
    _horizontal(outlets, [o for o, _ in profile.outlets], [n for _, n in profile.outlets], "outlets cited most")
    _by_month(months, profile)
    heading = title or profile.document_id
    figure.suptitle(
        f"{heading}: {profile.citations} citations in {profile.citing_footnotes} of {profile.footnotes} footnotes"
    )
    FigureCanvasAgg(figure)  # attaches itself to the figure
    return figure


def _horizontal(axes: Any, labels: list[str], counts: list[int], title: str) -> None:
    """Bars read top-down, each with its count at its end."""
    axes.set_title(title)
    if not labels:
        axes.text(0.5, 0.5, "none", ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return
    positions = list(range(len(labels)))[::-1]
    bars = axes.barh(positions, counts, color="#4c72b0")
    axes.set_yticks(positions, labels)
    axes.bar_label(bars, padding=2)
    axes.set_xlim(0, max(max(counts), 1) * 1.15)
    axes.set_xlabel("citations")


def _by_month(axes: Any, profile: SourceProfile) -> None:
    title = "interviews by month"
    if profile.undated_interviews:
        title += f" ({profile.undated_interviews} without a month)"
    axes.set_title(title)
    months = _every_month(profile.interviews_by_month)
    if not months:
        axes.text(0.5, 0.5, "no dated interviews", ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return
    bars = axes.bar(range(len(months)), [n for _, n in months], color="#dd8452")
    axes.set_xticks(range(len(months)), [m for m, _ in months], rotation=45, ha="right")
    axes.bar_label(bars, padding=2)
    axes.set_ylabel("interviews cited")


def _every_month(counts: tuple[tuple[str, int], ...]) -> list[tuple[str, int]]:
    """The counts with the months between the first and the last filled in with 0, so that
    the axis reads as time."""
    if not counts:
        return []
    given = dict(counts)
    year, month = (int(p) for p in counts[0][0].split("-"))
    last = tuple(int(p) for p in counts[-1][0].split("-"))
    months = []
    while (year, month) <= last:
        key = f"{year:04d}-{month:02d}"
        months.append((key, given.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def write_source_chart(profile: SourceProfile, path: Path, title: str | None = None) -> None:
    """source_figure() as a PNG at `path`."""
    source_figure(profile, title).savefig(path, format="png", dpi=100)
