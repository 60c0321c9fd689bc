"""Altair builders: a tidy table in, a briefing chart out; and `publish`, which exports charts.

Every builder returns a chart titled, subtitled (what the numbers are: nominal
or constant dollars, the base year, the exchange-rate policy) and footnoted
(the sources, from the catalog). Hedged figures keep their bounds: a line
spans a range, a triangle marks a bar that is only a lower ("more than") or
upper ("less than") bound. Amounts that rest on an assumed currency are drawn
paler (bars) or hollow (points), with a legend entry. Tooltips carry the
figures behind each mark; point charts carry the quote, document and event.

The modules, in the order a chart is made:

    theme    the briefing look, number formats, the offline SVG renderer
    labels   the words on charts: label vocabularies, subtitles, source footnotes
    frames   pure functions making the frames charts draw (bounds, sums, groupings)
    marks    marks and encodings the families share (colours, bars, heat grids, titles)
    money    assistance per year, event and category; the pillar-by-actor grid
    people   people per year and category; targets against results
    points   one point per figure; the audit's counts and totals against parts
    export   the table behind a chart, its files, and `publish`

Importing this package switches altair to the briefing theme and the offline
SVG renderer (`ladfin.charts.theme.enable`).
"""

from ladfin.charts import theme
from ladfin.charts.export import (EXPORT_ENV, EXPORT_FORMATS, chart_data, html_safe_json, offline_html,
                                  publish, save_chart)
from ladfin.charts.frames import bounds
from ladfin.charts.labels import (CURRENCY_LEGEND, FX_POLICIES, HEDGE_WORDS, NO_STATUS, PART_ASSUMED,
                                  PILLAR_LABELS, ROLE_LABELS, STATUS_LABELS, actor_label, dollars_note,
                                  event_label, source_lines)
from ladfin.charts.marks import BOUND_SHAPES, HEDGE_SHAPES, ROLE_COLOURS, STATUS_COLOURS, palette
from ladfin.charts.money import (assistance_by_category, assistance_by_event, assistance_by_year,
                                 pillar_actor_grid)
from ladfin.charts.people import people_by_category, people_by_year, people_grid
from ladfin.charts.points import counts_by, figure_points, parts_vs_totals

theme.enable()

__all__ = [
    "BOUND_SHAPES",
    "CURRENCY_LEGEND",
    "EXPORT_ENV",
    "EXPORT_FORMATS",
    "FX_POLICIES",
    "HEDGE_SHAPES",
    "HEDGE_WORDS",
    "NO_STATUS",
    "PART_ASSUMED",
    "PILLAR_LABELS",
    "ROLE_COLOURS",
    "ROLE_LABELS",
    "STATUS_COLOURS",
    "STATUS_LABELS",
    "actor_label",
    "assistance_by_category",
    "assistance_by_event",
    "assistance_by_year",
    "bounds",
    "chart_data",
    "counts_by",
    "dollars_note",
    "event_label",
    "figure_points",
    "html_safe_json",
    "offline_html",
    "palette",
    "parts_vs_totals",
    "people_by_category",
    "people_by_year",
    "people_grid",
    "pillar_actor_grid",
    "publish",
    "save_chart",
    "source_lines",
]
