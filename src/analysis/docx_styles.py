"""The Word report's page, styles, fonts and fields, after GB/T 9704 (党政机关公文格式) as far as Word allows.

Fonts are named as a government PC has them (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体). Each is declared in
the font table with w:altName, the comma-separated names Word tries, in order, before guessing from metrics: first
the font Windows itself ships (仿宋, 黑体, 楷体, 宋体), then the free Noto / Source Han CJK fonts (the ones the
project ships through mplfonts, and Debian's fonts-noto-cjk). LibreOffice ignores altName and family
(writerfilter's FontTable skips both) and lets fontconfig pick an installed CJK font (Noto Sans CJK SC where
mplfonts' fonts are visible), so the names matter to Word; LibreOffice only needs some CJK font installed.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.section import _Footer
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from lxml import etree

LATIN_FONT = "Times New Roman"
BODY_FONT, HEADING_FONT, KAI_FONT, TITLE_FONT, SONG_FONT = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
FREE_SERIF, FREE_SANS = "Noto Serif CJK SC,Source Han Serif SC", "Noto Sans CJK SC,Source Han Sans SC"
# font → (w:altName list tried in order, w:family: roman for the serif-like faces, swiss for 黑体)
FONT_FALLBACKS = {
    BODY_FONT: (f"仿宋,FangSong,{FREE_SERIF}", "roman"),
    HEADING_FONT: (f"SimHei,{FREE_SANS}", "swiss"),
    KAI_FONT: (f"楷体,KaiTi,AR PL UKai CN,{FREE_SERIF}", "roman"),
    TITLE_FONT: (f"宋体,SimSun,{FREE_SERIF}", "roman"),
    SONG_FONT: (f"SimSun,{FREE_SERIF}", "roman"),
}
GB2312_CHARSET = "86"  # hex, as w:charset is written: 0x86 = 134, GB2312_CHARSET

# A4 and GB/T 9704's margins; 22 lines in the 225 mm text height is 28.99 pt a line
PAGE_MM, MARGINS_MM = (210, 297), {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINE_PT = 28.9
BODY_PT = 16  # 三号
INDENT = Pt(2 * BODY_PT)  # two characters


@dataclass(frozen=True)
class StyleSpec:
    """A paragraph style: East Asian font, size (pt), weight, alignment, two-character indent, exact line (pt) or single."""

    font: str
    size_pt: float
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    indent: bool = False
    line_pt: float | None = None
    keep_with_next: bool = False
    boxed: bool = False


CENTER, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
STYLES = {
    "Normal": StyleSpec(BODY_FONT, BODY_PT, indent=True, line_pt=LINE_PT),
    "Title": StyleSpec(TITLE_FONT, 22, align=CENTER),  # 二号
    "Heading 1": StyleSpec(HEADING_FONT, BODY_PT, indent=True, line_pt=LINE_PT, keep_with_next=True),
    "Heading 2": StyleSpec(KAI_FONT, BODY_PT, indent=True, line_pt=LINE_PT, keep_with_next=True),
    "Heading 3": StyleSpec(BODY_FONT, BODY_PT, bold=True, indent=True, line_pt=LINE_PT, keep_with_next=True),
    "Caption": StyleSpec(HEADING_FONT, 14, align=CENTER),  # 四号
    "Footer": StyleSpec(SONG_FONT, 14, align=LEFT),  # 4号, as GB/T 9704 asks of page numbers
    "Cover Line": StyleSpec(KAI_FONT, BODY_PT, align=CENTER, line_pt=LINE_PT),
    "Contents Title": StyleSpec(HEADING_FONT, BODY_PT, align=CENTER, line_pt=LINE_PT),
    "Figure": StyleSpec(BODY_FONT, BODY_PT, align=CENTER, keep_with_next=True),
    "Table Text": StyleSpec(BODY_FONT, 10.5, align=LEFT),  # 五号
    "Note": StyleSpec(KAI_FONT, 14, boxed=True),
    "Provenance": StyleSpec(BODY_FONT, 9, align=LEFT),  # 小五
    # the paragraphs Word writes when it fills the TOC field: level 1 flush left, level 2 two characters in
    "toc 1": StyleSpec(BODY_FONT, BODY_PT, align=LEFT, line_pt=LINE_PT),
    "toc 2": StyleSpec(BODY_FONT, BODY_PT, align=LEFT, indent=True, line_pt=LINE_PT),
}
WORD_BUILT_IN = {"toc 1", "toc 2"}
KEPT_PARAGRAPH_PROPERTIES = {qn("w:keepNext"), qn("w:keepLines"), qn("w:outlineLvl")}  # outlineLvl is what 目录 reads
# what may follow w:pBdr in a w:pPr, in schema order (Word refuses a file whose elements are out of order)
AFTER_BORDERS = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def style_id(name: str) -> str:
    """The id python-docx gives a style of STYLES (its name without spaces: Heading 1 → Heading1)."""
    return name.replace(" ", "")


def set_page(document: Document) -> None:
    """A4 portrait with GB/T 9704 margins (mm); the footer's page number about 7 mm below the text."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(MARGINS_MM["bottom"] - 7 - 5)
    section.start_type = WD_SECTION_START.NEW_PAGE


def set_fonts(element: etree._Element, east_asian: str) -> None:
    """Name ``east_asian`` for CJK text and Times New Roman for Latin on an rPr, dropping theme fonts (which win over names)."""
    fonts = element.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute, name in (("w:ascii", LATIN_FONT), ("w:hAnsi", LATIN_FONT), ("w:cs", LATIN_FONT), ("w:eastAsia", east_asian)):
        fonts.set(qn(attribute), name)


def reset_style(style: ParagraphStyle) -> None:
    """Remove the template's run properties and paragraph properties other than keep-with-next and outline level."""
    for rpr in style.element.findall(qn("w:rPr")):
        style.element.remove(rpr)
    for ppr in style.element.findall(qn("w:pPr")):
        for child in list(ppr):
            if child.tag not in KEPT_PARAGRAPH_PROPERTIES:
                ppr.remove(child)


def add_box(style: ParagraphStyle) -> None:
    """A single thin border round a paragraph style (w:pBdr, which python-docx has no API for)."""
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "4")  # eighths of a point
        border.set(qn("w:space"), "4")  # points
        border.set(qn("w:color"), "auto")
        borders.append(border)
    style.element.get_or_add_pPr().insert_element_before(borders, *AFTER_BORDERS)


def apply_style(style: ParagraphStyle, spec: StyleSpec) -> None:
    """Give a paragraph style the font, size, alignment, indent and line spacing of ``spec``."""
    reset_style(style)
    style.font.name, style.font.size, style.font.bold = LATIN_FONT, Pt(spec.size_pt), spec.bold
    set_fonts(style.element.get_or_add_rPr(), spec.font)
    layout = style.paragraph_format
    layout.alignment = spec.align
    layout.first_line_indent = INDENT if spec.indent else Pt(0)
    layout.space_before = layout.space_after = Pt(0)
    if spec.line_pt is None:
        layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        layout.line_spacing, layout.line_spacing_rule = Pt(spec.line_pt), WD_LINE_SPACING.EXACTLY
    layout.keep_with_next = spec.keep_with_next
    if spec.boxed:
        add_box(style)


def define_styles(document: Document) -> None:
    """Set the report's paragraph styles (built-in ones adjusted, the others added), and Chinese as the East Asian language."""
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(defaults, BODY_FONT)
    defaults.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    names = {style.name for style in document.styles}
    for name, spec in STYLES.items():
        style = document.styles[name] if name in names else document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if name not in names:
            style.base_style = document.styles["Normal"]
        if name in WORD_BUILT_IN:  # Word's own style (the TOC field's), absent from the template: not a custom one
            style.element.attrib.pop(qn("w:customStyle"), None)
        apply_style(style, spec)


def font_entry(name: str, alternates: str, family: str) -> etree._Element:
    """A w:font element for the font table: the name, the alternates Word tries, GB2312 charset, family."""
    font = OxmlElement("w:font")
    font.set(qn("w:name"), name)
    for tag, value in (("w:altName", alternates), ("w:charset", GB2312_CHARSET), ("w:family", family), ("w:pitch", "variable")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        font.append(child)
    return font


def declare_fonts(document: Document) -> None:
    """Replace the template's font table part with one that also declares the 公文 fonts and their fallbacks."""
    part = document.part
    rid, old = next((rid, rel.target_part) for rid, rel in part.rels.items() if rel.reltype == RELATIONSHIP_TYPE.FONT_TABLE)
    table = parse_xml(old.blob)
    for font in table.findall(qn("w:font")):
        if font.get(qn("w:name")) in FONT_FALLBACKS:
            table.remove(font)
    for name, (alternates, family) in FONT_FALLBACKS.items():
        table.append(font_entry(name, alternates, family))
    blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
    part.drop_rel(rid)
    part.relate_to(Part(PackURI("/word/fontTable.xml"), CONTENT_TYPE.WML_FONT_TABLE, blob, part.package), RELATIONSHIP_TYPE.FONT_TABLE)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """Append a Word field (PAGE, TOC …) to a paragraph: its code, and ``placeholder`` shown until Word updates it."""

    def add_char(kind: str) -> None:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(char)

    add_char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    add_char("separate")
    paragraph.add_run(placeholder)
    add_char("end")


def fill_footer(footer: _Footer, align: WD_ALIGN_PARAGRAPH) -> None:
    """A 公文 page number, — 3 —, one character in from the given side."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = "Footer"
    paragraph.alignment = align
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = Pt(STYLES["Footer"].size_pt)
    else:
        paragraph.paragraph_format.left_indent = Pt(STYLES["Footer"].size_pt)
    paragraph.add_run("— ")
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" —")


def add_page_numbers(document: Document) -> None:
    """Page numbers in the footer, odd pages right and even pages left; none on the cover (the first page)."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_footer.is_linked_to_previous = False
    fill_footer(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    fill_footer(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def request_field_update(document: Document) -> None:
    """Ask Word to update fields (the table of contents) when it opens the file (w:updateFields), in schema order."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.insert_element_before(update, "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids")
    language = settings.find(qn("w:themeFontLang"))
    if language is not None:
        language.set(qn("w:eastAsia"), "zh-CN")


def prepare_document(document: Document) -> None:
    """Page, styles, font table, page numbers and field updating for a new report document."""
    set_page(document)
    define_styles(document)
    declare_fonts(document)
    add_page_numbers(document)
    request_field_update(document)
