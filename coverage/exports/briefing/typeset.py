"""The briefing's typesetting: page geometry, fonts, paragraph styles and the house table style.

Shared by every section so the briefing looks like one document. Everything from the data (area
and team names, URLs) passes through ``text`` before it reaches reportlab's Paragraph markup,
which parses XML-like tags, and formula-like text is neutralised, so a team named
``=HYPERLINK(...)`` prints as inert text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Table, TableStyle

from coverage.exports.safety import neutralise
from coverage.model.values import missing
from coverage.present.metrics import format_value
from coverage.present.text import markup as escape  # the app-wide rule, for reportlab paragraphs

PAGE_W, PAGE_H = A4
MARGIN = 16 * mm
FOOTER_H = 24 * mm

# Liberation Sans (metric twin of Arial, Debian fonts-liberation) or DejaVu Sans carry Welsh
# and Irish accents that reportlab's built-in Helvetica lacks; Helvetica is the last resort.
FONT_FILES = (
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
_fonts: tuple[str, str] | None = None


def fonts() -> tuple[str, str]:
    """(regular, bold) font names registered with reportlab, once per process."""
    global _fonts
    if _fonts is None:
        _fonts = ("Helvetica", "Helvetica-Bold")
        for regular, bold in FONT_FILES:
            if Path(regular).is_file() and Path(bold).is_file():
                pdfmetrics.registerFont(TTFont("AtlasSans", regular))
                pdfmetrics.registerFont(TTFont("AtlasSans-Bold", bold))
                pdfmetrics.registerFontFamily(
                    "AtlasSans",
                    normal="AtlasSans",
                    bold="AtlasSans-Bold",
                    italic="AtlasSans",
                    boldItalic="AtlasSans-Bold",
                )
                _fonts = ("AtlasSans", "AtlasSans-Bold")
                break
    return _fonts


def text(value) -> str:
    """Data text made safe for Paragraph markup and for pasting into a spreadsheet."""
    return escape(str(neutralise("" if missing(value) else str(value))))


def band(low, high, fmt: str) -> str:
    """A low-to-high band in the dashboard's number format ("1,200 to 1,900")."""
    return f"{format_value(low, fmt)} to {format_value(high, fmt)}"


@dataclass
class Styles:
    """The paragraph styles by name (body, cell, h1, footer...), built on the fonts registered."""

    regular: str
    bold: str
    s: dict = field(default_factory=dict)

    def __post_init__(self):
        base = dict(
            fontName=self.regular, fontSize=9.5, leading=12.5, textColor=colors.HexColor("#1A1A1A"), alignment=TA_LEFT
        )
        self.s = {
            "body": ParagraphStyle("body", **base),
            "small": ParagraphStyle("small", **{**base, "fontSize": 8, "leading": 10}),
            "cell": ParagraphStyle("cell", **{**base, "fontSize": 8.5, "leading": 10.5}),
            "tiny": ParagraphStyle("tiny", **{**base, "fontSize": 7.3, "leading": 8.8}),
            "tinyb": ParagraphStyle("tinyb", **{**base, "fontName": self.bold, "fontSize": 7.3, "leading": 8.8}),
            "cellb": ParagraphStyle("cellb", **{**base, "fontName": self.bold, "fontSize": 8.5, "leading": 10.5}),
            "kicker": ParagraphStyle("kicker", **{**base, "fontSize": 9, "textColor": colors.HexColor("#404040")}),
            "h1": ParagraphStyle(
                "h1", **{**base, "fontName": self.bold, "fontSize": 21, "leading": 25, "spaceAfter": 2}
            ),
            "h2": ParagraphStyle(
                "h2",
                **{
                    **base,
                    "fontName": self.bold,
                    "fontSize": 12.5,
                    "leading": 16,
                    "spaceBefore": 9,
                    "spaceAfter": 4,
                    "textColor": colors.HexColor("#08306B"),
                    "keepWithNext": 1,
                },
            ),
            "lead": ParagraphStyle("lead", **{**base, "fontSize": 11, "leading": 14.5, "spaceBefore": 4}),
            "footer": ParagraphStyle(
                "footer", **{**base, "fontSize": 6.8, "leading": 8.3, "textColor": colors.HexColor("#404040")}
            ),
        }

    def __getitem__(self, key: str) -> ParagraphStyle:
        return self.s[key]


def house_table(rows, widths, styles: Styles, header: bool = True, zebra: bool = True) -> Table:
    """A table in the briefing's style: a shaded header row repeated on each page, light zebra rows."""
    t = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.HexColor("#BBBBBB")),
    ]
    if header:
        style += [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DEEBF7")),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#6BAED6")),
        ]
    if zebra:
        for i in range(1 if header else 0, len(rows)):
            if i % 2 == 0:
                style.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#F5F8FC")))
    t.setStyle(TableStyle(style))
    return t
