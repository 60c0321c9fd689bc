"""Altair builders: a tidy table in, a briefing chart out; and `publish`, which exports charts.

Every builder returns a chart titled, subtitled (what the numbers are: nominal
or constant dollars, the base year, the exchange-rate policy), captioned (what
is counted) and footnoted (the sources, from the catalog), with each bar or
row labelled with its amount as the text states it ("more than $686M").
Each money and people builder draws two variants through one keyword:
variant="analyst" keeps the bounds as marks (a line spans a range, a triangle
marks a "more than" or "less than" bound, an assumed currency is paler or
hollow); variant="briefing" says all of it in the labels. A year the
documents do not cover is marked "no documents", never drawn as zero.
Tooltips carry the figures, documents and events behind each mark.

The modules, in the order a chart is made:

    theme     the briefing look, number formats, the offline interactive renderer
    labels    the words on charts: label vocabularies, subtitles, captions, source footnotes
    frames    pure functions making the frames charts draw (bounds, sums, groupings)
    marks     marks and encodings the families share (colours, labelled bars, heat grids, titles)
    money     assistance per year, event and category; the pillar-by-actor grid
    people    people per year and category; targets against results
    points    one labelled row per figure; the audit's counts and totals against parts
    explore   a chart to explore figures: dropdowns choose an actor and a measure
    readable  tables for reading: formatted cells, figures linked to their documents
    export    the table behind a chart, its files, and `publish`

Importing this package switches altair to the briefing theme and the offline
renderer (`ladfin.charts.theme.enable`).
"""

from ladfin.charts import theme
from ladfin.charts.explore import explore_figures
from ladfin.charts.export import (EXPORT_ENV, EXPORT_FORMATS, Skipped, chart_data, chart_title, html_safe_json,
                                  offline_html, publish, publish_variants, save_chart)
from ladfin.charts.frames import bounds
from ladfin.charts.labels import (CURRENCY_LEGEND, FX_POLICIES, HEDGE_WORDS, NO_STATUS, PART_ASSUMED,
                                  PILLAR_LABELS, ROLE_LABELS, STATUS_LABELS, actor_label, document_years,
                                  dollars_note, event_label, measure_label, source_lines, undated_note)
from ladfin.charts.marks import BOUND_SHAPES, HEDGE_SHAPES, ROLE_COLOURS, STATUS_COLOURS, palette
from ladfin.charts.money import (assistance_by_category, assistance_by_event, assistance_by_year,
                                 pillar_actor_grid)
from ladfin.charts.people import people_by_category, people_by_year, people_grid
from ladfin.charts.points import counts_by, figure_points, parts_vs_totals
from ladfin.charts.readable import raw_href, readable, traced

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
    "Skipped",
    "actor_label",
    "assistance_by_category",
    "assistance_by_event",
    "assistance_by_year",
    "bounds",
    "chart_data",
    "chart_title",
    "counts_by",
    "document_years",
    "dollars_note",
    "event_label",
    "explore_figures",
    "figure_points",
    "html_safe_json",
    "measure_label",
    "offline_html",
    "palette",
    "parts_vs_totals",
    "people_by_category",
    "people_by_year",
    "people_grid",
    "pillar_actor_grid",
    "publish",
    "publish_variants",
    "raw_href",
    "readable",
    "save_chart",
    "source_lines",
    "undated_note",
    "traced",]
