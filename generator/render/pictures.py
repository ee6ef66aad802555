"""The pictures of the programme, drawn at build time as SVG files (see `svg`).

- The prerequisite graph: one box per module, in rows by depth (a module sits one row below
  its deepest prerequisite), arrows from each prerequisite down to the modules that build on it.
  Rows are ordered to keep arrows from crossing (the layered "Sugiyama" method, kept small).
- The phases of a schedule over time: one bar per phase (from `phases:`, else from blocks of
  consecutive training days), on a month or week axis, with the training days marked below.

All words are plain text (`text.plain`), escaped by the SVG writer; labels come translated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_skeleton

from generator import model as m
from generator.render.formatting import locale_for
from generator.render.svg import Svg, num
from generator.render.text import plain, wrap
from generator.render.text import width as text_width

Gettext = Callable[[str], str]

LEVEL_COLOURS = {  # fill, border
    "foundation": ("#e0f2f1", "#00796b"),
    "practitioner": ("#fff3e0", "#e65100"),
    "senior": ("#ede7f6", "#4527a0"),
}
PHASE_COLOURS = ["#00796b", "#e65100", "#4527a0", "#1565c0", "#ad1457", "#558b2f"]

BOX_W, BOX_H, GAP_X, GAP_Y, DUMMY_W, MARGIN = 150.0, 68.0, 14.0, 40.0, 12.0, 16.0


@dataclass
class _Node:
    key: str
    layer: int
    module: m.Module | None = None  # None for the bend points of a long arrow
    x: float = 0.0

    @property
    def width(self) -> float:
        return BOX_W if self.module else DUMMY_W


def _depths(modules: list[m.Module]) -> dict[str, int]:
    """Each module's row: 0 without prerequisites, else one below its deepest prerequisite."""
    known = {x.id: x for x in modules}
    depth: dict[str, int] = {}

    def visit(module_id: str, seen: frozenset[str]) -> int:
        if module_id in depth:
            return depth[module_id]
        pres = [p for p in known[module_id].prerequisites if p in known and p not in seen]
        depth[module_id] = 1 + max((visit(p, seen | {module_id}) for p in pres), default=-1)
        return depth[module_id]

    for module in modules:
        visit(module.id, frozenset())
    return depth


def _crossings(rows: list[list[_Node]], edges: list[tuple[str, str]]) -> int:
    position = {node.key: i for row in rows for i, node in enumerate(row)}
    layer = {node.key: node.layer for row in rows for node in row}
    # Only edges leaving the same layer can cross: compare those, not every pair of the graph.
    by_layer: dict[int, list[tuple[int, int]]] = {}
    for a, b in edges:
        by_layer.setdefault(layer[a], []).append((position[a], position[b]))
    count = 0
    for group in by_layer.values():
        for i, (a, b) in enumerate(group):
            for c, d in group[i + 1:]:
                if (a - c) * (b - d) < 0:
                    count += 1
    return count


def _mean(item: tuple[int, _Node], ref: dict[str, int], links: dict[str, list[str]]) -> float:
    """The mean position of a node's neighbours in the reference row (its own position if it has none)."""
    j, node = item
    near = [ref[k] for k in links.get(node.key, []) if k in ref]
    return sum(near) / len(near) if near else float(j)


def _order(rows: list[list[_Node]], edges: list[tuple[str, str]]) -> list[list[_Node]]:
    """Rows reordered by the mean position of their neighbours, sweeping down and up; the best kept."""
    best, best_count = [list(r) for r in rows], _crossings(rows, edges)
    ups: dict[str, list[str]] = {}
    downs: dict[str, list[str]] = {}
    for a, b in edges:
        downs.setdefault(a, []).append(b)
        ups.setdefault(b, []).append(a)
    current = [list(r) for r in rows]
    for sweep in range(8):
        going_down = sweep % 2 == 0
        indices = range(1, len(current)) if going_down else range(len(current) - 2, -1, -1)
        for i in indices:
            ref = {n.key: j for j, n in enumerate(current[i - 1 if going_down else i + 1])}
            links = ups if going_down else downs
            current[i] = [n for _, n in sorted(enumerate(current[i]), key=lambda item: _mean(item, ref, links))]
        count = _crossings(current, edges)
        if count < best_count:
            best, best_count = [list(r) for r in current], count
    return best


def prerequisite_graph(modules: list[m.Module], level_names: dict[str, str], _: Gettext) -> bytes:
    """The prerequisite graph of `modules` (in programme order) as an SVG file."""
    depth = _depths(modules)
    nodes = {x.id: _Node(x.id, depth[x.id], x) for x in modules}
    edges: list[tuple[str, str]] = []
    chains: list[list[str]] = []  # each arrow: its nodes from the prerequisite to the module
    for module in modules:
        for pre in dict.fromkeys(module.prerequisites):
            if pre not in nodes or pre == module.id:
                continue
            chain = [pre]
            for layer in range(depth[pre] + 1, depth[module.id]):
                bend = f"{pre}>{module.id}@{layer}"
                nodes[bend] = _Node(bend, layer)
                chain.append(bend)
            chain.append(module.id)
            edges += list(zip(chain, chain[1:], strict=False))
            chains.append(chain)
    rows: list[list[_Node]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for node in nodes.values():
        rows[node.layer].append(node)
    rows = _order(rows, edges)

    widths = [sum(n.width for n in row) + GAP_X * max(len(row) - 1, 0) for row in rows]
    width = max([*widths, 3 * 150.0]) + 2 * MARGIN
    for row, row_width in zip(rows, widths, strict=True):
        x = (width - row_width) / 2
        for node in row:
            node.x = x
            x += node.width + GAP_X
    legend_y = MARGIN + len(rows) * (BOX_H + GAP_Y) - GAP_Y + 28
    height = legend_y + 24

    titles = "; ".join(f"{x.id.upper()} {plain(x.title)}" for x in modules)
    picture = Svg(width, height, _("Prerequisites of the modules"), titles,
                  style=".code{font-weight:700;font-size:12px}.title{font-size:12px}.legend{font-size:12px}")
    picture.open("defs")
    picture.open("marker", id="arrow", viewBox="0 0 10 10", refX="9", refY="5", markerWidth="7", markerHeight="7",
                 orient="auto")
    picture.add("path", d="M0,0 L10,5 L0,10 z", fill="#546e7a")
    picture.close("marker")
    picture.close("defs")

    def top(key: str) -> tuple[float, float]:
        node = nodes[key]
        y = MARGIN + node.layer * (BOX_H + GAP_Y)
        return node.x + node.width / 2, y if node.module else y + BOX_H / 2

    def bottom(key: str) -> tuple[float, float]:
        node = nodes[key]
        y = MARGIN + node.layer * (BOX_H + GAP_Y)
        return node.x + node.width / 2, y + BOX_H if node.module else y + BOX_H / 2

    picture.open("g", class_="arrows", fill="none", stroke="#546e7a", stroke_width="1.4")
    for chain in chains:
        x0, y0 = bottom(chain[0])
        d = [f"M{num(x0)},{num(y0)}"]
        for key in chain[1:]:
            x1, y1 = top(key)
            mid = (y0 + y1) / 2
            d.append(f"C{num(x0)},{num(mid)} {num(x1)},{num(mid)} {num(x1)},{num(y1)}")
            x0, y0 = bottom(key)
            if not nodes[key].module:
                d.append(f"L{num(x0)},{num(y0)}")
        picture.add("path", d=" ".join(d), marker_end="url(#arrow)", data_from=chain[0], data_to=chain[-1])
    picture.close("g")

    for node in nodes.values():
        if node.module is None:
            continue
        module = node.module
        fill, border = LEVEL_COLOURS.get(module.level, ("#eceff1", "#455a64"))
        x, y = node.x, MARGIN + node.layer * (BOX_H + GAP_Y)
        picture.open("g", class_="module", id=f"module-{module.id}", data_module=module.id)
        level = level_names.get(module.level, module.level)
        picture.add("title", f"{module.id.upper()} · {plain(module.title)} ({level})")
        picture.add("rect", x=x, y=y, width=BOX_W, height=BOX_H, rx="6", fill=fill, stroke=border, stroke_width="1.5")
        picture.add("text", module.id.upper(), x=x + 8, y=y + 16, class_="code", fill=border)
        picture.text_lines(x + 8, y + 31, wrap(plain(module.title), (BOX_W - 14) / 12, 3), 13.5, class_="title",
                           fill="#212121")
        picture.close("g")

    x = MARGIN
    picture.open("g", class_="legend")
    for level, (fill, border) in LEVEL_COLOURS.items():
        label = level_names.get(level, level)
        picture.add("rect", x=x, y=legend_y - 11, width="14", height="14", rx="3", fill=fill, stroke=border)
        picture.add("text", label, x=x + 20, y=legend_y, class_="legend", fill="#212121")
        x += 20 + 12 * text_width(label) + 24
    picture.close("g")
    return picture.to_bytes()


# --- phases over time ----------------------------------------------------------------------


@dataclass
class Bar:
    title: str
    start: dt.date
    end: dt.date  # inclusive


def phase_bars(schedule: m.Schedule, module_code: Callable[[str], str], _: Gettext) -> list[Bar]:
    """The schedule's phases, or else its blocks of training days (a gap of more than 3 days ends a block)."""
    if schedule.phases:
        return [Bar(m.like(plain(p.title), p.title), p.start, p.end) for p in sorted(schedule.phases, key=lambda p: (p.start, p.end))]
    days = sorted(schedule.days, key=lambda d: d.date)
    blocks: list[list[m.Day]] = []
    for day in days:
        if blocks and (day.date - blocks[-1][-1].date).days <= 3:
            blocks[-1].append(day)
        else:
            blocks.append([day])
    bars = []
    for number, block in enumerate(blocks, 1):
        slots = [s for d in block for s in sorted(d.sessions, key=lambda s: s.start)]
        codes = list(dict.fromkeys(module_code(s.module) for s in slots))
        title = _("Block {number}").format(number=number) + (": " + ", ".join(codes) if codes else "")
        bars.append(Bar(title, block[0].date, block[-1].date))
    return bars


def phases_picture(schedule: m.Schedule, bars: list[Bar], lang: str, _: Gettext) -> bytes:
    """The phases of `schedule` on a time axis, with its training days marked underneath."""
    locale = locale_for(lang)
    days = sorted({d.date for d in schedule.days})
    starts = [b.start for b in bars] + days
    ends = [b.end for b in bars] + days
    first = min(starts, default=dt.date(2000, 1, 1))
    last = max(ends, default=first)
    span = (last - first).days + 1
    label_w, plot_w, row_h, top = 210.0, 510.0, 44.0, 34.0
    width = MARGIN + label_w + plot_w + MARGIN
    height = top + len(bars) * row_h + 34 + 8

    def x_of(day: dt.date) -> float:
        return MARGIN + label_w + plot_w * (day - first).days / span

    title = _("Phases of {schedule}").format(schedule=plain(schedule.title))
    summary = "; ".join(f"{b.title}: {_range(b, locale)}" for b in bars)
    picture = Svg(width, height, title, summary,
                  style=".tick{font-size:11px;fill:#546e7a}.label{font-size:12px;fill:#212121}"
                        ".dates{font-size:10.5px;fill:#546e7a}")

    picture.open("g", class_="axis")
    years = f"{first.year}" if first.year == last.year else f"{first.year}–{last.year}"
    picture.add("text", years, x=MARGIN, y=top - 12, class_="tick")
    for tick, text in _ticks(first, last, locale):
        x = x_of(tick)
        picture.add("line", x1=x, y1=top - 8, x2=x, y2=height - 12, stroke="#cfd8dc", stroke_width="1")
        picture.add("text", text, x=x + 3, y=top - 12, class_="tick")
    picture.close("g")

    for i, bar in enumerate(bars):
        y = top + i * row_h
        colour = PHASE_COLOURS[i % len(PHASE_COLOURS)]
        picture.open("g", class_="phase")
        lines = wrap(bar.title, label_w / 12 - 1.5, 2)
        picture.text_lines(MARGIN, y + 15, lines, 13, class_="label")
        picture.add("text", _range(bar, locale), x=MARGIN, y=y + 15 + 13 * len(lines), class_="dates")
        x0 = x_of(bar.start)
        x1 = max(x_of(bar.end + dt.timedelta(days=1)), x0 + 3)
        picture.add("rect", x=x0, y=y + 9, width=x1 - x0, height=row_h - 18, rx="3", fill=colour, fill_opacity="0.85")
        picture.close("g")

    y = top + len(bars) * row_h
    picture.open("g", class_="training-days")
    picture.add("text", _("Training days"), x=MARGIN, y=y + 20, class_="label")
    for day in days:
        x0 = x_of(day)
        picture.add("rect", x=x0, y=y + 8, width=max(plot_w / span, 2.0), height=18, fill="#37474f")
    picture.close("g")
    return picture.to_bytes()


def _range(bar: Bar, locale: Locale) -> str:
    start = format_skeleton("MMMd", bar.start, locale=locale)
    if bar.end == bar.start:
        return start
    return f"{start} – {format_skeleton('yMMMd', bar.end, locale=locale)}"


def _ticks(first: dt.date, last: dt.date, locale: Locale) -> list[tuple[dt.date, str]]:
    """Month starts on a long axis, else week starts."""
    ticks: list[tuple[dt.date, str]] = []
    if (last - first).days > 62:
        step = 1 + (last - first).days // 400  # at most about a dozen labels
        day, count = first.replace(day=1), 0
        while day <= last:
            if day >= first and count % step == 0:
                ticks.append((day, format_skeleton("MMM", day, locale=locale)))
            count += day >= first
            day = (day + dt.timedelta(days=32)).replace(day=1)
        return ticks
    day = first - dt.timedelta(days=first.weekday())
    while day <= last:
        if day >= first:
            ticks.append((day, format_skeleton("MMMd", day, locale=locale)))
        day += dt.timedelta(days=7)
    return ticks
