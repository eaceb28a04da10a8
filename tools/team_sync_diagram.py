"""Draw docs/team-sync.svg: how one sync flows between a laptop and the team server.

    python tools/team_sync_diagram.py [OUT.svg]

Plain SVG written by hand (boxes, arrows, text), so the picture stays in step with
docs/team.md without any drawing tool.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 980, 560
FONT = "font-family='DejaVu Sans, Arial, sans-serif'"


def box(x: int, y: int, w: int, h: int, title: str, lines: list[str], fill: str) -> str:
    out = [
        f"<rect x='{x}' y='{y}' width='{w}' height='{h}' rx='10' fill='{fill}' "
        "stroke='#334155' stroke-width='1.5'/>",
        f"<text x='{x + 14}' y='{y + 24}' {FONT} font-size='15' font-weight='bold' "
        f"fill='#0f172a'>{escape(title)}</text>",
    ]
    for k, line in enumerate(lines):
        out.append(
            f"<text x='{x + 14}' y='{y + 48 + 19 * k}' {FONT} font-size='12.5' "
            f"fill='#1e293b'>{escape(line)}</text>"
        )
    return "\n".join(out)


def arrow(x1: int, y1: int, x2: int, y2: int, label: str, dy: int = -8) -> str:
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    return (
        f"<line x1='{x1}' y1='{y1}' x2='{x2}' y2='{y2}' stroke='#1d4ed8' stroke-width='2.2' "
        "marker-end='url(#head)'/>\n"
        f"<text x='{mx}' y='{my + dy}' {FONT} font-size='12.5' fill='#1d4ed8' "
        f"text-anchor='middle'>{escape(label)}</text>"
    )


def step(x: int, y: int, n: int, text: str) -> str:
    return (
        f"<circle cx='{x}' cy='{y}' r='12' fill='#1d4ed8'/>"
        f"<text x='{x}' y='{y + 4.5}' {FONT} font-size='13' font-weight='bold' fill='white' "
        f"text-anchor='middle'>{n}</text>"
        f"<text x='{x + 20}' y='{y + 4.5}' {FONT} font-size='12.5' fill='#0f172a'>"
        f"{escape(text)}</text>"
    )


def draw() -> str:
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{HEIGHT}' "
        f"viewBox='0 0 {WIDTH} {HEIGHT}'>",
        "<defs><marker id='head' markerWidth='10' markerHeight='8' refX='9' refY='4' "
        "orient='auto'><path d='M0,0 L10,4 L0,8 z' fill='#1d4ed8'/></marker></defs>",
        f"<rect width='{WIDTH}' height='{HEIGHT}' fill='white'/>",
        f"<text x='24' y='34' {FONT} font-size='19' font-weight='bold' fill='#0f172a'>"
        "One sync: a laptop and the team's record</text>",
        box(
            24,
            60,
            300,
            250,
            "Laptop: the store (SQLite)",
            [
                "The clerk types; autosave writes the",
                "store within a second, online or not.",
                "Triggers journal every change to a",
                "shared row in sync_pending: the row,",
                "the fields, when, and the last server",
                "change it was based on (base).",
                "Rows are known by uids (sync_ids).",
                "Local ids never leave the laptop.",
            ],
            "#eef6ff",
        ),
        box(
            656,
            60,
            300,
            250,
            "Team server (PostgreSQL)",
            [
                "Schema sspclerk: one table per shared",
                "table, keyed by uid; each row carries",
                "seq (the sync that changed it) and per-",
                "field stamps (change, laptop, clerk).",
                "Row-level security: restricted items'",
                "confidential part only for members of",
                "sspclerk_confidential.",
                "claims: numbers given, per committee.",
            ],
            "#f1f5f9",
        ),
        box(
            340,
            60,
            300,
            130,
            "Worker thread (window) / CLI",
            [
                "Only plain data crosses: what the",
                "store read, what the server answered.",
                "SQLite stays on the main thread;",
                "typing never waits for the network.",
            ],
            "#fefce8",
        ),
        arrow(324, 225, 656, 225, "push: changed rows + papers by hash"),
        arrow(656, 275, 324, 275, "pull: everything since this laptop's last sync", dy=18),
        arrow(806, 310, 806, 330, ""),
        arrow(174, 310, 174, 330, ""),
        "<rect x='340' y='332' width='616' height='206' rx='10' fill='#fff7ed' "
        "stroke='#334155' stroke-width='1.5'/>",
        f"<text x='354' y='356' {FONT} font-size='15' font-weight='bold' fill='#0f172a'>"
        "On the server, in one transaction</text>",
        step(366, 384, 1, "take the change counter: syncs that write go one at a time"),
        step(366, 412, 2, "merge per field; the same text changed on two laptops:"),
        f"<text x='386' y='432' {FONT} font-size='12.5' fill='#0f172a'>"
        "the later typing wins, the other is kept as “changed elsewhere”</text>",
        step(366, 460, 3, "confirm published numbers: a number already given takes the next"),
        step(366, 488, 4, "read back what others changed, as far as this clerk may see it"),
        step(366, 516, 5, "commit — or roll back whole if the connection is cut"),
        box(
            24,
            332,
            300,
            206,
            "Back on the laptop",
            [
                "One transaction: what was sent is",
                "acknowledged;",
                "others' changes are written, except",
                "fields typed here since the send.",
                "Texts that lost: in the item's history,",
                "marked “changed elsewhere”.",
                "Status bar: “Synced 10:42” or",
                "“Offline — 12 changes waiting”.",
            ],
            "#eef6ff",
        ),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def main() -> None:
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parent.parent / "docs" / "team-sync.svg"
    )
    out.write_text(draw(), encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()
