#!/usr/bin/env python3
"""Build the Diarium sample corpus from the hand-written sources in samples/sources/.

Run on demand (not in CI). From the repository root:

    python3 samples/generate.py                  # every stage, then the checks
    python3 samples/generate.py truth born-digital   # only the named stages
    python3 samples/generate.py check            # only check what is already there

Stages, in order (each reads the output of the ones before it):

    truth         sources/<name>.src.txt -> <name>.txt and <name>.outline.json
    born-digital  -> born-digital/<name>.pdf (reportlab, DejaVu fonts, Swedish
                     hyphenation) and born-digital/<name>.hyphens.json
    scanned       -> scanned-eng/<name>.pdf: pages rasterised (pdftoppm, 200 dpi,
                     grey), lightly degraded (rotation, noise, blur, JPEG), OCR'd
                     with `tesseract -l eng` into a PDF with a text layer
    image-only    -> image-only/<name>.pdf: the same page images, no text layer
                     (only the documents in IMAGE_ONLY)
    bad           -> bad/*.pdf: empty, truncated, encrypted, not-a-pdf, garbage
    check         pdftotext-based checks and a short report on stdout

Requirements: python3 with reportlab, pyphen (Swedish hyphenation for reportlab),
pillow and numpy; poppler-utils (pdftoppm, pdftotext, pdfinfo), tesseract-ocr with
the eng model, qpdf; fonts-dejavu-core.

Determinism: reportlab runs in invariant mode, the degradation uses random
generators seeded from the document name and page number, tesseract runs
single-threaded and its creation date is pinned, qpdf encrypts with a static id
and nonce, the garbage file uses a fixed seed. Running the script twice gives
byte-identical files (as long as the tool versions stay the same).

Source markup (samples/sources/*.src.txt), one block per paragraph, blocks
separated by a blank line:

    @meta key: value        metadata lines (several values per key allowed)
    # Heading               level-1 heading (the first one is the document title)
    ## Heading              level-2 heading
    1. item                 numbered list, one item per line (starts at the first number)
    - item                  bullet list, one item per line
    @sig Name | Role        signature block, one signatory per line (set side by side)
    @toc Entry | page       table of contents, one entry per line (as printed)
    anything else           a paragraph; its lines are joined with single spaces
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
BORN = HERE / "born-digital"
SCANNED = HERE / "scanned-eng"
IMAGE_ONLY_DIR = HERE / "image-only"
BAD = HERE / "bad"

DOCS = ["utlatande-ks-2025-364", "tjansteutlatande-2017-54"]
IMAGE_ONLY = ["tjansteutlatande-2017-54"]
TRUNCATE_FROM = "tjansteutlatande-2017-54"
ENCRYPT_FROM = "utlatande-ks-2025-364"
ENCRYPT_USER_PASSWORD = "diarium"
ENCRYPT_OWNER_PASSWORD = "diarium-owner"

SCAN_DPI = 200
JPEG_QUALITY = 32
FIXED_PDF_DATE = b"D:20250101000000"  # pinned creation date for tesseract's PDFs

# Optional cross-check of the sources against the reference texts they were made from.
REFERENCE = {
    "utlatande-ks-2025-364": {
        "path": Path("/work/shared/truth/001_9eece3b752cf39c4.lines-1-394.txt"),
        "lines": 394,
        "drop_first_line": True,  # `Utlåtande Rotel I (Dnr KS 2025/364)` is the running header
        "fixes": [("enhetsoch", "enhets- och")],
    },
    "tjansteutlatande-2017-54": {
        "path": Path("/work/shared/seeds/003_794834f851509b4d.txt"),
        "lines": None,
        "drop_first_line": False,
        "fixes": [("Spånga- Tensta", "Spånga-Tensta")],
    },
}

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {
    "Serif": "DejaVuSerif.ttf",
    "Serif-Bold": "DejaVuSerif-Bold.ttf",
    "Serif-Italic": "DejaVuSerif-Italic.ttf",
    "Sans": "DejaVuSans.ttf",
    "Sans-Bold": "DejaVuSans-Bold.ttf",
}

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli",
          "augusti", "september", "oktober", "november", "december"]


def log(msg: str) -> None:
    print(msg, flush=True)


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, **kw)


def seed_for(*parts: object) -> int:
    h = hashlib.sha256("/".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(h[:8], "big")


# --------------------------------------------------------------------------- source


@dataclasses.dataclass
class Block:
    kind: str  # heading | paragraph | numbered | bullets | sig | toc
    text: str = ""
    level: int = 0
    items: list = dataclasses.field(default_factory=list)
    start: int = 1


@dataclasses.dataclass
class Source:
    name: str
    meta: dict
    blocks: list

    def one(self, key: str, default: str | None = None) -> str | None:
        vals = self.meta.get(key)
        if not vals or vals[0] == "":
            return default
        return vals[0]


class SourceError(Exception):
    pass


def parse_source(path: Path) -> Source:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, list[str]] = {}
    blocks: list[Block] = []
    raw_blocks = re.split(r"\n[ \t]*\n", text.strip("\n"))
    for raw in raw_blocks:
        lines = [ln.rstrip() for ln in raw.split("\n") if ln.strip()]
        if not lines:
            continue
        where = f"{path.name}: block starting {lines[0][:40]!r}"
        if all(ln.startswith("@meta ") for ln in lines):
            for ln in lines:
                m = re.match(r"@meta ([\w-]+):\s?(.*)$", ln)
                if not m:
                    raise SourceError(f"{where}: bad @meta line {ln!r}")
                meta.setdefault(m.group(1), []).append(m.group(2).strip())
            continue
        if all(ln.startswith("@sig ") for ln in lines):
            items = []
            for ln in lines:
                name, _, role = ln[5:].partition("|")
                items.append((name.strip(), role.strip()))
            blocks.append(Block("sig", items=items))
            continue
        if all(ln.startswith("@toc ") for ln in lines):
            items = []
            for ln in lines:
                entry, _, page = ln[5:].rpartition("|")
                items.append((entry.strip(), page.strip()))
            blocks.append(Block("toc", items=items))
            continue
        if any(ln.startswith("@") for ln in lines):
            raise SourceError(f"{where}: mixed @-directives and text")
        m = re.match(r"(#{1,2}) (.+)$", lines[0])
        if m:
            if len(lines) != 1:
                raise SourceError(f"{where}: a heading must be a block of its own")
            blocks.append(Block("heading", text=m.group(2).strip(), level=len(m.group(1))))
            continue
        if re.match(r"\d+\. ", lines[0]):
            if not all(re.match(r"\d+\. ", ln) for ln in lines):
                raise SourceError(f"{where}: every line of a numbered list must start with `N. `")
            nums = [int(ln.split(".", 1)[0]) for ln in lines]
            if nums != list(range(nums[0], nums[0] + len(nums))):
                raise SourceError(f"{where}: numbered list is not consecutive: {nums}")
            items = [re.sub(r"\s+", " ", ln.split(". ", 1)[1]).strip() for ln in lines]
            blocks.append(Block("numbered", items=items, start=nums[0]))
            continue
        if lines[0].startswith("- "):
            if not all(ln.startswith("- ") for ln in lines):
                raise SourceError(f"{where}: every line of a bullet list must start with `- `")
            blocks.append(Block("bullets", items=[re.sub(r"\s+", " ", ln[2:]).strip() for ln in lines]))
            continue
        if lines[0].startswith("#"):
            raise SourceError(f"{where}: only `# ` and `## ` headings are supported")
        para = re.sub(r"\s+", " ", " ".join(ln.strip() for ln in lines)).strip()
        blocks.append(Block("paragraph", text=para))
    name = (meta.get("name") or [path.name.split(".")[0]])[0]
    if not blocks or blocks[0].kind != "heading" or blocks[0].level != 1:
        raise SourceError(f"{path.name}: the first block must be the title as a `# ` heading")
    return Source(name=name, meta=meta, blocks=blocks)


def load_sources() -> list[Source]:
    docs = []
    for name in DOCS:
        src = parse_source(SOURCES / f"{name}.src.txt")
        if src.name != name:
            raise SourceError(f"{name}: @meta name is {src.name!r}")
        docs.append(src)
    return docs


# --------------------------------------------------------------------------- truth


def plain_text(src: Source) -> str:
    out: list[str] = []
    for b in src.blocks:
        if b.kind in ("heading", "paragraph"):
            out.append(b.text)
        elif b.kind == "numbered":
            out.append("\n".join(f"{b.start + i}. {it}" for i, it in enumerate(b.items)))
        elif b.kind == "bullets":
            out.append("\n".join(f"- {it}" for it in b.items))
        elif b.kind == "sig":
            out.append("\n".join(f"{n}\n{r}" if r else n for n, r in b.items))
        elif b.kind == "toc":
            out.append("\n".join(f"{e} {p}" for e, p in b.items))
    return "\n\n".join(out) + "\n"


def dates_mentioned(text: str) -> list[dict]:
    found = []
    pat = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")
    for m in pat.finditer(text):
        iso = f"{int(m.group(3)):04d}-{MONTHS.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}"
        found.append({"text": m.group(0), "iso": iso})
    return found


def split_pipe(value: str, n: int) -> list[str]:
    parts = [p.strip() for p in value.split("|")]
    parts += [""] * (n - len(parts))
    return parts[:n]


def outline(src: Source, text: str) -> dict:
    headings = [{"level": b.level, "text": b.text} for b in src.blocks if b.kind == "heading"]
    authors = []
    for v in src.meta.get("person", []):
        name, party, role = split_pipe(v, 3)
        authors.append({"name": name, "party": party or None, "role": role or None})
    reservations = []
    for v in src.meta.get("reservation", []):
        name, party, body, claims = split_pipe(v, 4)
        reservations.append({
            "author": name, "party": party or None, "body": body or None,
            "claims": [c.strip() for c in claims.split(";") if c.strip()],
        })
    header = [src.one(k) for k in ("header-left", "header-left-2", "header-right", "header-right-2")]
    synthetic = src.one("synthetic")
    return {
        "name": src.name,
        "source": f"sources/{src.name}.src.txt",
        "text": f"{src.name}.txt",
        "document_type": src.one("document-type"),
        "title": src.one("title"),
        "organisation": src.one("organisation"),
        "body": src.one("body"),
        "unit": src.one("unit"),
        "series": src.one("series"),
        "dnr": [d for d in src.meta.get("dnr", []) if d],
        "motion": src.one("motion"),
        "date": src.one("date"),
        "authors": authors,
        "reservations": reservations,
        "dates_mentioned": dates_mentioned(text),
        "headings": headings,
        "counts": {
            "headings": len(headings),
            "paragraphs": sum(1 for b in src.blocks if b.kind == "paragraph"),
            "list_items": sum(len(b.items) for b in src.blocks if b.kind in ("numbered", "bullets")),
        },
        "page_furniture": {
            "header": [h for h in header if h],
            "footer": "Sida {page} ({pages})",
        },
        "synthetic": synthetic,
        "truth_from": src.one("truth-from"),
    }


def stage_truth(docs: list[Source]) -> None:
    for src in docs:
        text = plain_text(src)
        (HERE / f"{src.name}.txt").write_text(text, encoding="utf-8")
        data = outline(src, text)
        (HERE / f"{src.name}.outline.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        log(f"truth: {src.name}.txt ({len(text)} chars), {src.name}.outline.json "
            f"({len(data['headings'])} headings)")


# --------------------------------------------------------------------------- born digital


def register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    for name, file in FONTS.items():
        path = FONT_DIR / file
        if not path.exists():
            sys.exit(f"missing font {path} (apt-get install fonts-dejavu-core)")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping("Serif", 0, 0, "Serif")
    addMapping("Serif", 1, 0, "Serif-Bold")
    addMapping("Serif", 0, 1, "Serif-Italic")
    addMapping("Serif", 1, 1, "Serif-Bold")


def layout_for(src: Source) -> dict:
    from reportlab.lib.units import cm
    if src.one("document-type") == "tjänsteutlåtande":
        # Stockholm's tjänsteutlåtande template: a narrow text column, wide left margin.
        return {"left": 5.0 * cm, "right": 2.5 * cm, "top": 3.2 * cm, "bottom": 2.6 * cm}
    return {"left": 2.6 * cm, "right": 2.6 * cm, "top": 3.0 * cm, "bottom": 2.6 * cm}


def styles() -> dict:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    body = ParagraphStyle(
        "Body", fontName="Serif", fontSize=11, leading=14.2, alignment=TA_JUSTIFY,
        spaceBefore=0, spaceAfter=8,
        hyphenationLang="sv_SE", embeddedHyphenation=1, uriWasteReduce=0.3,
        hyphenationMinWordLength=12,
    )
    return {
        "title": ParagraphStyle("Title", fontName="Sans-Bold", fontSize=16, leading=20,
                                alignment=TA_LEFT, spaceBefore=4, spaceAfter=12, keepWithNext=1),
        "h1": ParagraphStyle("H1", fontName="Sans-Bold", fontSize=13, leading=16,
                             alignment=TA_LEFT, spaceBefore=10, spaceAfter=6, keepWithNext=1),
        "h2": ParagraphStyle("H2", fontName="Sans-Bold", fontSize=11.5, leading=14.5,
                             alignment=TA_LEFT, spaceBefore=8, spaceAfter=5, keepWithNext=1),
        "body": body,
        "item": ParagraphStyle("Item", parent=body, leftIndent=20, bulletIndent=3,
                               bulletFontName="Serif", bulletFontSize=11, spaceAfter=3),
        "sig": ParagraphStyle("Sig", fontName="Serif", fontSize=11, leading=14, alignment=TA_LEFT),
        "toc": ParagraphStyle("Toc", fontName="Serif", fontSize=11, leading=15),
    }


def make_flowables(src: Source, width: float) -> list:
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle, KeepTogether
    from reportlab.platypus.flowables import Flowable
    from reportlab.pdfbase.pdfmetrics import stringWidth

    st = styles()

    class TocLine(Flowable):
        """One table-of-contents entry: text, dot leader, right-aligned page number."""

        def __init__(self, entry: str, page: str, style):
            super().__init__()
            self.entry, self.page, self.style = entry, page, style

        def wrap(self, aw, ah):
            self.width = aw
            return aw, self.style.leading

        def draw(self):
            c, s = self.canv, self.style
            y = s.leading - s.fontSize
            c.setFont(s.fontName, s.fontSize)
            c.drawString(0, y, self.entry)
            c.drawRightString(self.width, y, self.page)
            left = stringWidth(self.entry, s.fontName, s.fontSize) + 6
            right = self.width - stringWidth(self.page, s.fontName, s.fontSize) - 6
            dot = stringWidth(" .", s.fontName, s.fontSize)
            n = int((right - left) / dot)
            if n > 0:
                c.drawRightString(right, y, " ." * n)

    out: list = []
    first_heading = True
    for b in src.blocks:
        if b.kind == "heading":
            style = st["title"] if first_heading else st["h1" if b.level == 1 else "h2"]
            first_heading = False
            out.append(Paragraph(escape(b.text), style))
        elif b.kind == "paragraph":
            out.append(Paragraph(escape(b.text), st["body"]))
        elif b.kind in ("numbered", "bullets"):
            for i, it in enumerate(b.items):
                bullet = f"{b.start + i}." if b.kind == "numbered" else "\u2022"
                p = Paragraph(escape(it), st["item"], bulletText=bullet)
                if i == len(b.items) - 1:
                    p.style = st["item"].clone("ItemLast", spaceAfter=st["body"].spaceAfter)
                out.append(p)
        elif b.kind == "sig":
            cells = [[Paragraph(escape(n), st["sig"]) for n, _ in b.items],
                     [Paragraph(escape(r), st["sig"]) for _, r in b.items]]
            colw = min(width / max(len(b.items), 1), 7.5 * 28.35)
            t = Table(cells, colWidths=[colw] * len(b.items), hAlign="LEFT")
            t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(Spacer(1, 10))
            out.append(t)
            out.append(Spacer(1, 14))
        elif b.kind == "toc":
            lines = [TocLine(e, p, st["toc"]) for e, p in b.items]
            out.append(KeepTogether(lines))
            out.append(Spacer(1, 8))
    return out


def build_pdf(src: Source, path: Path) -> int:
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    rl_config.invariant = 1
    rl_config.useA85 = 0  # binary streams: no ASCII85 overhead
    m = layout_for(src)
    page_w, page_h = A4
    head_left = [h for h in (src.one("header-left"), src.one("header-left-2")) if h]
    head_right = [h for h in (src.one("header-right"), src.one("header-right-2")) if h]

    def render(total: int | None) -> tuple[bytes, int]:
        buf = io.BytesIO()

        def decorate(canvas, doc):
            canvas.saveState()
            canvas.setFillGray(0.15)
            y = page_h - 1.45 * 28.35
            for i, t in enumerate(head_left):
                canvas.setFont("Sans-Bold" if i == 0 else "Sans", 9 if i == 0 else 8)
                canvas.drawString(2.0 * 28.35, y - i * 11, t)
            for i, t in enumerate(head_right):
                canvas.setFont("Sans", 9 if i == 0 else 8)
                canvas.drawRightString(page_w - 2.0 * 28.35, y - i * 11, t)
            canvas.setFont("Sans", 9)
            canvas.drawCentredString(page_w / 2, 1.3 * 28.35, f"Sida {doc.page} ({total or 0})")
            canvas.restoreState()

        doc = BaseDocTemplate(
            buf, pagesize=A4, leftMargin=m["left"], rightMargin=m["right"],
            topMargin=m["top"], bottomMargin=m["bottom"],
            title=src.one("pdf-title", src.one("title")),
            author=src.one("pdf-author", ""),
            subject=f"{src.one('document-type')} — Diarium sample corpus",
            creator="Diarium samples/generate.py (reportlab)",
            keywords="Stockholms stad, diarium, sample",
            lang="sv-SE", invariant=1,
        )
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
        doc.build(make_flowables(src, doc.width))
        return buf.getvalue(), doc.page

    _, pages = render(None)          # first pass: count the pages
    data, pages2 = render(pages)     # second pass: `Sida X (Y)` with the real Y
    if pages2 != pages:
        raise RuntimeError(f"{src.name}: page count changed between passes ({pages} -> {pages2})")
    path.write_bytes(data)
    return pages


def pdftotext(path: Path, *args: str) -> str:
    return run(["pdftotext", *args, str(path), "-"], capture_output=True).stdout.decode("utf-8")


def strip_furniture(page_text: str, furniture: list[str]) -> list[str]:
    lines = []
    for ln in page_text.split("\n"):
        rest = ln
        for f in furniture:
            rest = rest.replace(f, "")
        rest = re.sub(r"Sida \d+ \(\d+\)", "", rest)
        if rest.strip() == "" and ln.strip() != "":
            continue
        if ln.strip():
            lines.append(ln.strip())
    return lines




def truth_tokens(text: str) -> set[str]:
    toks = set()
    for t in text.split():
        core = re.sub(r"^[^\w]+|[^\w-]+$", "", t)
        if core:
            toks.add(core)
    return toks


def line_end_hyphens(pdf: Path, src: Source, truth_text: str) -> list[dict]:
    """Every line of the PDF's text (pdftotext -raw) that ends in `letter-`, classified
    against the ground truth: soft (inserted by the layout, join without the hyphen),
    hard (a real hyphen inside a word, keep it: `OTTO-/teamet`), suspended (`enhets-/och`)."""
    furniture = [h for h in (src.one("header-left"), src.one("header-left-2"),
                             src.one("header-right"), src.one("header-right-2")) if h]
    tokens = truth_tokens(truth_text)
    pages = pdftotext(pdf, "-raw").split("\f")
    seq: list[tuple[int, str]] = []
    for pno, ptxt in enumerate(pages, 1):
        for ln in strip_furniture(ptxt, furniture):
            seq.append((pno, ln))
    found = []
    for (pno, ln), (pno2, nxt) in zip(seq, seq[1:]):
        if not re.search(r"\w-$", ln) or not nxt:
            continue
        head = re.sub(r"^[^\w]+", "", ln.split()[-1])[:-1]
        tail = re.sub(r"[^\w-]+$", "", nxt.split()[0])
        if head + tail in tokens and (head + "-" + tail) not in tokens:
            kind = "soft"
            joined = head + tail
        elif head + "-" + tail in tokens:
            kind = "hard"
            joined = head + "-" + tail
        elif head + "-" in tokens:
            kind = "suspended"
            joined = head + "- " + tail
        else:
            kind = "unknown"
            joined = None
        found.append({"page": pno, "next_page": pno2, "line_end": head + "-", "line_start": tail,
                      "joined": joined, "kind": kind})
    return found


def stage_born_digital(docs: list[Source]) -> None:
    try:
        import pyphen  # noqa: F401  (reportlab's hyphenation backend)
    except ImportError:
        sys.exit("pyphen is needed for the Swedish hyphenation: pip install pyphen")
    register_fonts()
    BORN.mkdir(exist_ok=True)
    for src in docs:
        pdf = BORN / f"{src.name}.pdf"
        pages = build_pdf(src, pdf)
        truth = (HERE / f"{src.name}.txt").read_text(encoding="utf-8")
        hy = line_end_hyphens(pdf, src, truth)
        (BORN / f"{src.name}.hyphens.json").write_text(
            json.dumps(hy, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        kinds = {k: sum(1 for h in hy if h["kind"] == k) for k in ("soft", "hard", "suspended", "unknown")}
        log(f"born-digital: {pdf.relative_to(HERE)}: {pages} pages, line-end hyphens {kinds}")


# --------------------------------------------------------------------------- scanned


def degrade_pages(pdf: Path, name: str, workdir: Path) -> list[Path]:
    import numpy as np
    from PIL import Image, ImageFilter

    raw = workdir / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    run(["pdftoppm", "-r", str(SCAN_DPI), "-gray", "-png", str(pdf), str(raw / "p")])
    out = []
    for i, png in enumerate(sorted(raw.glob("p-*.png")), 1):
        rng = np.random.default_rng(seed_for(name, i))
        img = Image.open(png).convert("L")
        # A sheet fed slightly askew: at most half a degree.
        angle = float(rng.uniform(-0.5, 0.5))
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        a = np.asarray(img, dtype=np.float32)
        # Toner and paper: text a little lighter, paper a little darker and uneven.
        a = 18 + a * (236 - 18) / 255.0
        yy = np.linspace(0, 1, a.shape[0])[:, None]
        a += 6 * (yy - 0.5) * float(rng.uniform(-1, 1))
        a += rng.normal(0, 3, a.shape)
        # A few specks of dust.
        specks = rng.random(a.shape) < 0.00012
        a[specks] = rng.uniform(40, 120, int(specks.sum()))
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
        img = img.filter(ImageFilter.GaussianBlur(radius=0.6))
        jpg = workdir / f"page-{i:03d}.jpg"
        img.save(jpg, "JPEG", quality=JPEG_QUALITY, dpi=(SCAN_DPI, SCAN_DPI), optimize=True)
        out.append(jpg)
    shutil.rmtree(raw)
    return out


def pin_pdf_dates(path: Path) -> None:
    """tesseract stamps the current time; overwrite it in place with a fixed date of
    the same length so that the cross-reference offsets stay valid."""
    data = path.read_bytes()

    def fix(m: re.Match) -> bytes:
        old = m.group(2)
        # D:YYYYMMDDHHmmSS followed (usually) by a time zone such as +01'00'
        tz = b"+00'00'" if len(old) == len(FIXED_PDF_DATE) + 7 else b"0" * (len(old) - len(FIXED_PDF_DATE))
        new = (FIXED_PDF_DATE + tz)[: len(old)]
        return m.group(1) + new + b")"

    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\()(D:[0-9Z'+\-]*)\)", fix, data)
    path.write_bytes(data)


def ocr(images: list[Path], out_pdf: Path, title: str) -> None:
    listing = images[0].parent / "pages.txt"
    listing.write_text("".join(f"{p}\n" for p in images))
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    base = out_pdf.with_suffix("")
    run(["tesseract", str(listing), str(base), "-l", "eng", "--dpi", str(SCAN_DPI),
         "-c", f"document_title={title}", "pdf"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pin_pdf_dates(out_pdf)


def image_pdf(images: list[Path], out_pdf: Path, src: Source) -> None:
    """The page images as they are (JPEG, embedded without re-encoding), no text."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1
    rl_config.useA85 = 0  # binary streams: no ASCII85 overhead
    c = canvas.Canvas(str(out_pdf), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(src.one("pdf-title", src.one("title")))
    c.setAuthor(src.one("pdf-author", ""))
    c.setCreator("Diarium samples/generate.py (scanner simulation, no OCR)")
    w, h = A4
    for img in images:
        c.drawImage(str(img), 0, 0, width=w, height=h)
        c.showPage()
    c.save()


def stage_scanned(docs: list[Source], scanned: bool = True, image_only: bool = True) -> None:
    SCANNED.mkdir(exist_ok=True)
    IMAGE_ONLY_DIR.mkdir(exist_ok=True)
    for src in docs:
        if not scanned and src.name not in IMAGE_ONLY:
            continue
        # A fixed work path: reportlab derives the image names from the file name.
        tmp = Path(tempfile.gettempdir()) / f"diarium-samples-{src.name}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        try:
            images = degrade_pages(BORN / f"{src.name}.pdf", src.name, tmp)
            if scanned:
                out = SCANNED / f"{src.name}.pdf"
                ocr(images, out, src.one("pdf-title", src.name))
                log(f"scanned: {out.relative_to(HERE)} ({len(images)} pages, "
                    f"{out.stat().st_size // 1024} KiB)")
            if image_only and src.name in IMAGE_ONLY:
                io_pdf = IMAGE_ONLY_DIR / f"{src.name}.pdf"
                image_pdf(images, io_pdf, src)
                log(f"image-only: {io_pdf.relative_to(HERE)} ({io_pdf.stat().st_size // 1024} KiB)")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------- bad


def stage_bad() -> None:
    BAD.mkdir(exist_ok=True)
    (BAD / "empty.pdf").write_bytes(b"")
    src = (BORN / f"{TRUNCATE_FROM}.pdf").read_bytes()
    (BAD / "truncated.pdf").write_bytes(src[: int(len(src) * 0.4)])
    enc = BAD / "encrypted.pdf"
    run(["qpdf", "--static-id", "--static-aes-iv",
         "--encrypt", ENCRYPT_USER_PASSWORD, ENCRYPT_OWNER_PASSWORD, "128", "--use-aes=y", "--",
         str(BORN / f"{ENCRYPT_FROM}.pdf"), str(enc)])
    (BAD / "not-a-pdf.pdf").write_text(
        "Det här är ingen PDF utan en vanlig textfil med filändelsen .pdf.\n"
        "This is not a PDF, just a text file named .pdf.\n", encoding="utf-8")
    rnd = random.Random(20251022)
    (BAD / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + bytes(rnd.getrandbits(8) for _ in range(24 * 1024)))
    log("bad: " + ", ".join(sorted(p.name for p in BAD.iterdir())))


# --------------------------------------------------------------------------- checks


def words(text: str) -> list[str]:
    return text.split()


def reference_tokens(name: str) -> list[str] | None:
    ref = REFERENCE.get(name)
    if not ref or not ref["path"].exists():
        return None
    lines = ref["path"].read_text(encoding="utf-8").split("\n")
    if ref["lines"]:
        lines = lines[: ref["lines"]]
    if ref["drop_first_line"]:
        lines = lines[1:]
    text = " ".join(ln.strip() for ln in lines)
    text = re.sub(r"\s+", " ", text)
    for a, b in ref["fixes"]:
        text = text.replace(a, b)
    return words(text)


def ocr_damage_examples(truth: str, ocr_text: str, limit: int = 12) -> tuple[list[tuple[str, str]], dict]:
    t = [w for w in truth.split()]
    o = [w for w in ocr_text.split()]
    sm = difflib.SequenceMatcher(a=t, b=o, autojunk=False)
    pairs = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            pairs += list(zip(t[i1:i2], o[j1:j2]))
    diacritic_words = [w for w in t if re.search(r"[åäöÅÄÖé]", w)]
    intact = sum(1 for w in o if re.search(r"[åäöÅÄÖ]", w))
    stats = {"truth_words": len(t), "ocr_words": len(o), "truth_words_with_åäö": len(diacritic_words),
             "ocr_words_with_åäö": intact, "word_match_ratio": round(sm.ratio(), 3),
             "replaced_word_pairs": len(pairs)}
    seen, examples = set(), []
    for a, b in pairs:
        if re.search(r"[åäöÅÄÖ]", a) and (a, b) not in seen:
            seen.add((a, b))
            examples.append((a, b))
    rnd = random.Random(7)
    rnd.shuffle(examples)
    return examples[:limit], stats


def stage_check(docs: list[Source]) -> bool:
    ok = True
    log("\n== checks ==")
    for src in docs:
        truth = (HERE / f"{src.name}.txt").read_text(encoding="utf-8")
        # 1. ground truth against the reference text it was transcribed from
        ref = reference_tokens(src.name)
        if ref is None:
            log(f"{src.name}: reference text not available, skipped the transcription check")
        else:
            mine = words(truth)
            sm = difflib.SequenceMatcher(a=ref, b=mine, autojunk=False)
            diffs = [(tag, " ".join(ref[i1:i2]), " ".join(mine[j1:j2]))
                     for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]
            log(f"{src.name}: truth vs reference: {len(diffs)} differing stretch(es)")
            for d in diffs:
                log(f"    {d[0]}: {d[1]!r} -> {d[2]!r}")
        # 2. born-digital text layer
        bd = BORN / f"{src.name}.pdf"
        layout = pdftotext(bd, "-layout")
        if not all(ch in layout for ch in "åäö"):
            ok = False
            log(f"FAIL {bd.name}: å/ä/ö missing from pdftotext output")
        hy = json.loads((BORN / f"{src.name}.hyphens.json").read_text(encoding="utf-8"))
        soft = [h for h in hy if h["kind"] == "soft"]
        if len(soft) < 10:
            ok = False
            log(f"FAIL {bd.name}: only {len(soft)} soft line-end hyphenations")
        info = run(["pdfinfo", str(bd)], capture_output=True).stdout.decode()
        pages = re.search(r"Pages:\s+(\d+)", info).group(1)
        title = re.search(r"Title:\s+(.*)", info).group(1)
        log(f"born-digital/{bd.name}: {pages} pages, title {title!r}, "
            f"hyphens soft={len(soft)} hard={sum(h['kind'] == 'hard' for h in hy)} "
            f"suspended={sum(h['kind'] == 'suspended' for h in hy)} "
            f"unknown={sum(h['kind'] == 'unknown' for h in hy)}")
        log("    e.g. " + ", ".join(f"{h['line_end']}/{h['line_start']}" for h in soft[:8]))
        # 3. scanned text layer
        sc = SCANNED / f"{src.name}.pdf"
        if sc.exists():
            ocr_text = pdftotext(sc)
            examples, stats = ocr_damage_examples(truth, ocr_text)
            log(f"scanned-eng/{sc.name}: {stats}")
            log("    damage e.g. " + ", ".join(f"{a}→{b}" for a, b in examples))
            if stats["ocr_words"] < 0.8 * stats["truth_words"]:
                ok = False
                log(f"FAIL {sc.name}: text layer much shorter than the truth")
        # 4. image-only
        io_pdf = IMAGE_ONLY_DIR / f"{src.name}.pdf"
        if io_pdf.exists():
            n = len(pdftotext(io_pdf).strip())
            log(f"image-only/{io_pdf.name}: pdftotext returns {n} non-space characters")
            if n > 20:
                ok = False
                log(f"FAIL {io_pdf.name}: has a text layer")
    # 5. bad inputs
    for p in sorted(BAD.glob("*.pdf")):
        r = subprocess.run(["pdfinfo", str(p)], capture_output=True)
        err = r.stderr.decode(errors="replace").strip().splitlines()
        log(f"bad/{p.name}: {p.stat().st_size} bytes, pdfinfo exit {r.returncode}"
            + (f" ({err[-1]})" if err else ""))
        if p.name != "truncated.pdf" and r.returncode == 0:
            ok = False
            log(f"FAIL bad/{p.name}: pdfinfo accepted it")
    # 6. sizes
    total = 0
    log("\n== files ==")
    for p in sorted(HERE.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            total += p.stat().st_size
            log(f"{p.stat().st_size:>10}  {p.relative_to(HERE)}")
    log(f"{total:>10}  total ({total / 1024 / 1024:.2f} MiB)")
    if total > 6 * 1024 * 1024:
        ok = False
        log("FAIL: samples/ is larger than 6 MiB")
    log("checks " + ("passed" if ok else "FAILED"))
    return ok


# --------------------------------------------------------------------------- main

STAGES = ["truth", "born-digital", "scanned", "image-only", "bad", "check"]


def main(argv: list[str]) -> int:
    wanted = argv or STAGES
    unknown = [s for s in wanted if s not in STAGES]
    if unknown:
        print(f"unknown stage(s) {unknown}; stages: {' '.join(STAGES)}", file=sys.stderr)
        return 64
    docs = load_sources()
    if "truth" in wanted:
        stage_truth(docs)
    if "born-digital" in wanted:
        stage_born_digital(docs)
    if "scanned" in wanted or "image-only" in wanted:
        stage_scanned(docs, scanned="scanned" in wanted, image_only="image-only" in wanted)
    if "bad" in wanted:
        stage_bad()
    if "check" in wanted:
        return 0 if stage_check(docs) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
