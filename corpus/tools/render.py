#!/usr/bin/env python3
"""Diarium corpus renderer: corpus/docs/<org>/<id>.yaml -> corpus/pdf/<path>/<id>.pdf + corpus/truth/<id>.json.

    python3 corpus/tools/render.py [--paths word,html,typeset,scan] [--jobs 2] [--only ID ...]
                                   [--force] [--docs DIR] [--out DIR] [--variant NAME]

Paths: word (python-docx -> LibreOffice), html (Chromium print), typeset (reportlab), scan (word PDF
rasterised, degraded, OCR'd by tesseract). See corpus/README.md. Deterministic: every choice is
drawn from random.Random seeded by a hash of the organisation slug / document id.
"""
import argparse
import concurrent.futures
import datetime
import hashlib
import html as htmlmod
import io
import json
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

SCRIPT = pathlib.Path(__file__).resolve()
CORPUS = SCRIPT.parents[1]
PATHS = ["word", "html", "typeset", "scan"]
PROTOCOL_TYPES = {"protokoll", "protokollsutdrag", "kallelse"}
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]
FONTS = {  # family -> (regular, bold, italic) files
    "DejaVu Sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf", "dejavu/DejaVuSans-Oblique.ttf"),
    "DejaVu Serif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf", "dejavu/DejaVuSerif-Italic.ttf"),
    "Liberation Sans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf",
                        "liberation/LiberationSans-Italic.ttf"),
    "Liberation Serif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf",
                         "liberation/LiberationSerif-Italic.ttf"),
    "Carlito": ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf", "crosextra/Carlito-Italic.ttf"),
    "Caladea": ("crosextra/Caladea-Regular.ttf", "crosextra/Caladea-Bold.ttf", "crosextra/Caladea-Italic.ttf"),
}
FONT_DIR = "/usr/share/fonts/truetype/"
DEFAULT_LABEL = {"protokoll": "Sammanträdesprotokoll", "protokollsutdrag": "Protokollsutdrag", "kallelse": "Kallelse"}
PERSONS = ["Anna Lindqvist", "Johan Sundberg", "Maria Ek", "Lars Holmgren", "Microsoft Office User",
           "Karin Nyström", "Microsoft Office User", "Erik Wallin"]


# --------------------------------------------------------------------------------------------- helpers
def slug(text):
    table = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuaaoeu")
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower().translate(table)).strip("-")


def rng_for(*parts):
    # A variant (--variant) draws every choice afresh: new house styles for the same texts.
    variant = os.environ.get("CORPUS_VARIANT", "")
    if variant:
        parts = (variant,) + parts
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


def as_date(value):
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def iso(value):
    d = as_date(value)
    return d.isoformat() if d else (str(value) if value not in (None, "") else None)


def fmt_date(value, style):
    d = as_date(value)
    if d is None:
        return str(value) if value else ""
    if style == "words":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == "dots":
        return d.strftime("%d.%m.%Y")
    return d.isoformat()


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    return str(value)


def as_list(value):
    if value is None or value == "":
        return []
    return [cell(v) for v in value] if isinstance(value, list) else [cell(value)]


def esc(text):
    return htmlmod.escape(str(text), quote=True)


# --------------------------------------------------------------------------------------------- styles
def org_style(spec):
    """Choices that change printed *body* text or letterhead text: one per organisation, all paths."""
    org = spec["organisation"]
    r = rng_for("org", slug(org))
    base = re.sub(r"^(Region|Landstinget)\s+|\s+(kommun|stad|kommunförbund)$", "", org).strip() or org
    if base != org and base.endswith("s") and not base.endswith(("fors", "ås", "näs", "vas")):
        base = base[:-1]   # genitive: "Hultsfreds kommun" -> Hultsfred
    style = {
        "date": r.choice(["iso", "iso", "words", "dots"]),
        "dnr": r.choice(["Dnr {}", "Dnr {}", "Diarienummer: {}", "Dnr: {}", "Vår beteckning {}"]),
        "fm_date": r.choice(["words", "iso"]),
        "logo_color": r.choice([(0, 84, 150), (170, 20, 40), (0, 110, 60), (40, 40, 40), (190, 120, 0),
                                (90, 40, 130)]),
        "logo_shape": r.choice(["shield", "rect", "circle"]),
        "address": [f"Postadress: {org}, {r.randint(100, 989)} {r.randint(10, 99)} {base}",
                    f"Besöksadress: {r.choice(['Storgatan', 'Stadshusgatan', 'Rådhustorget', 'Kungsgatan', 'Torget', 'Skolgatan'])} {r.randint(1, 40)}",
                    f"Telefon: 0{r.randint(10, 980)}-{r.randint(10, 99)} {r.randint(10, 99)} 00",
                    f"www.{slug(base).replace('-', '')}.se"],
        "web": f"www.{slug(base).replace('-', '')}.se",
    }
    return style


def path_style(spec, path):
    """Layout choices: one per organisation and path (organisations switch templates)."""
    r = rng_for("path", slug(spec["organisation"]), path)
    size = r.choice([10, 10.5, 11, 11, 12])
    style = {
        "font": r.choice(list(FONTS)),
        "size": size,
        "heading": r.choice(["larger", "larger", "bodybold", "caps", "numbered"]),
        "h1": r.choice([14, 15, 16]),
        "h2": r.choice([12, 12.5, 13]),
        "title": r.choice([14, 16, 17, 18, 20]),
        "later": r.choice(["org_dnr", "label_date", "org_label", "org_dnr"]),
        "pagefmt": r.choice(["Sida {P} ({N})", "{P} ({N})", "{P}/{N}", "Sida {P} ({N})"]),
        "pagepos": r.choice(["right", "right", "center"]),
        "firstpage_num": r.random() < 0.6,
        "address": r.choice(["none", "none", "first", "all"]),
        "bullet": r.choice(["•", "•", "–"]),
        "olmark": r.choice(["1.", "1.", "1.", "a)"]),
        "item_layout": r.choice(["oneline", "table", "ownline"]),
        "item_break": r.random() < 0.5,
        "justify": r.random() < 0.5,
        "logo": r.random() < 0.6,
        "margin_left": r.choice([20, 22, 25, 25, 28]),
        "margin_right": r.choice([18, 20, 22]),
        "lh_split": r.choice([0.55, 0.6, 0.5]),
    }
    if style["heading"] == "bodybold":
        style["h1"] = style["h2"] = size
    if style["heading"] == "caps":
        style["h1"] = size + 1
        style["h2"] = size + 0.5
    return style


def ol_marker(style, n):
    if style["olmark"] == "a)":
        return f"{'abcdefghijklmnopqrstuvwxyz'[n % 26]})"
    return f"{n + 1}."


# --------------------------------------------------------------------------------------------- model
def paragraphs_label(numbers):
    if not numbers:
        return ""
    first, last = str(numbers[0]), str(numbers[-1])
    if len(numbers) == 1:
        return first
    m1, m2 = re.match(r"^(.*?)§\s*(.+)$", first), re.match(r"^(.*?)§\s*(.+)$", last)
    if m1 and m2 and m1.group(2)[0].isdigit():
        return f"{m1.group(1)}§§ {m1.group(2)}–{m2.group(2)}"
    m1, m2 = re.match(r"^(.+?)\s*§$", first), re.match(r"^(.+?)\s*§$", last)
    if m1 and m2:
        return f"{m1.group(1)}–{m2.group(1)} §§"
    return f"{first}–{last}"


def letterhead(spec, ost):
    lh = spec.get("letterhead") or {}
    meeting = spec.get("meeting") or {}
    protocol = spec["type"] in PROTOCOL_TYPES
    org = lh.get("organisation") or spec["organisation"]
    units = as_list(lh.get("unit"))
    if protocol and not units and meeting.get("organ"):
        units = [cell(meeting["organ"])]
    label = lh.get("label") or (DEFAULT_LABEL.get(spec["type"]) if protocol else None)
    date = lh.get("date") or (meeting.get("date") if protocol else None)
    dnrs = as_list(lh.get("dnr"))
    right = []
    if label:
        right.append(("label", cell(label)))
    if lh.get("designation"):
        right.append(("designation", cell(lh["designation"])))
    if date:
        right.append(("date", fmt_date(date, ost["date"])))
    for d in dnrs:
        right.append(("dnr", ost["dnr"].format(d)))
    for c in as_list(lh.get("contact")):
        right.append(("contact", c))
    return {"org": cell(org), "units": units, "right": right, "label": cell(label) if label else None,
            "date": fmt_date(date, ost["date"]) if date else None,
            "dnr": ost["dnr"].format(dnrs[0]) if dnrs else None}


def blocks_to_model(blocks, in_item=False):
    out = []
    for b in blocks or []:
        if not isinstance(b, dict):
            continue
        for lvl in ("h1", "h2", "h3"):
            if lvl in b:
                level = int(lvl[1])
                if in_item:
                    level = max(2, level)
                out.append({"t": "h", "level": level, "text": cell(b[lvl]).strip(), "kind": b.get("kind") or "other",
                            "authors": b.get("authors"), "in_item": in_item})
        if "p" in b:
            out.append({"t": "p", "text": cell(b["p"]).strip()})
        if "ol" in b or "ul" in b:
            out.append({"t": "list", "ordered": "ol" in b, "items": [cell(i).strip() for i in (b.get("ol") or b.get("ul"))]})
        if "table" in b:
            out.append({"t": "table", "rows": [[cell(c) for c in row] for row in b["table"]]})
        if "sig" in b:
            out.append({"t": "sig", "pairs": [(cell(s[0]), cell(s[1]) if len(s) > 1 else "") for s in b["sig"]]})
        if "vote" in b:
            v = b["vote"]
            rows = [[cell(x[0]), cell(x[1]) if len(x) > 1 else "", cell(x[2]).capitalize() if len(x) > 2 else ""]
                    for x in (v.get("votes") or [])]
            # YAML 1.1 reads unquoted `yes:`/`no:` keys as booleans.
            v = {({True: "yes", False: "no"}.get(k, k) if isinstance(k, bool) else k): x for k, x in v.items()}
            out.append({"t": "vote", "yes": v.get("yes", 0), "no": v.get("no", 0), "abstain": v.get("abstain", 0),
                        "rows": rows})
    return out


def person_line(entry):
    entry = entry if isinstance(entry, list) else [entry]
    name = cell(entry[0])
    party = cell(entry[1]) if len(entry) > 1 and entry[1] else ""
    role = cell(entry[2]) if len(entry) > 2 and entry[2] else ""
    text = f"{name} ({party})" if party else name
    return f"{text}, {role}" if role else text


def build_model(spec, ost):
    """The printed content, identical for every path (layout is the renderer's business)."""
    model = [{"t": "title", "text": cell(spec["title"]).strip()}]
    typ = spec["type"]
    if typ not in PROTOCOL_TYPES:
        model += blocks_to_model(spec.get("body"))
        return model
    m = spec.get("meeting") or {}
    items = spec.get("items") or []
    numbers = [cell(i["number"]) for i in items]
    date_txt = fmt_date(m.get("date"), ost["fm_date"])
    if typ == "kallelse":
        rows = [("Organ", [cell(m.get("organ"))])]
        rows.append(("Tid", [" ".join(x for x in (date_txt, cell(m.get("time"))) if x)]))
        if m.get("place"):
            rows.append(("Plats", [cell(m["place"])]))
        model.append({"t": "front", "rows": rows})
    else:
        rows = []
        place_lines = [x for x in (cell(m.get("place")), ", ".join(x for x in (date_txt, cell(m.get("time"))) if x)) if x]
        rows.append(("Plats och tid", place_lines))
        if m.get("decisionMakers"):
            rows.append(("Beslutande", [person_line(p) for p in m["decisionMakers"]]))
        if m.get("others"):
            rows.append(("Övriga närvarande", [person_line([o[0], "", o[1] if len(o) > 1 else ""]) if isinstance(o, list)
                                                else cell(o) for o in m["others"]]))
        if m.get("adjusters"):
            rows.append(("Utses att justera", as_list(m["adjusters"])))
        adj = ", ".join(x for x in (cell(m.get("adjustmentPlace")), fmt_date(m.get("adjustment"), ost["fm_date"])) if x)
        if adj:
            rows.append(("Justeringens plats och tid", [adj]))
        rows.append(("Paragrafer", [paragraphs_label(numbers)]))
        model.append({"t": "front", "rows": rows})
        if typ == "protokoll":
            sigs = []
            if m.get("secretary"):
                sigs.append(("Sekreterare", [cell(m["secretary"])]))
            if m.get("chair"):
                sigs.append(("Ordförande", [cell(m["chair"])]))
            if m.get("adjusters"):
                sigs.append(("Justerande", as_list(m["adjusters"])))
            if sigs:
                model.append({"t": "signatures", "rows": sigs})
            model.append({"t": "anslag", "organ": cell(m.get("organ")), "date": m.get("date"),
                          "adjustment": m.get("adjustment"), "place": cell(m.get("adjustmentPlace")) or "Kommunkansliet",
                          "secretary": cell(m.get("secretary"))})
    model += blocks_to_model(spec.get("body"))
    if spec.get("toc"):
        model.append({"t": "toc", "title": "Ärendelista", "lines": [(cell(i["number"]), cell(i["title"]), n)
                                                                   for n, i in enumerate(items)]})
    if typ == "kallelse":
        model.append({"t": "label", "text": "Ärenden"})
    for n, it in enumerate(items):
        model.append({"t": "item", "number": cell(it["number"]), "title": cell(it["title"]).strip(),
                      "dnr": ost["dnr"].format(cell(it["dnr"])) if it.get("dnr") else None, "key": n,
                      "index": n, "kallelse": typ == "kallelse", "protokoll": typ == "protokoll"})
        model += blocks_to_model(it.get("body"), in_item=True)
    if typ == "protokollsutdrag":
        model.append({"t": "utdrag", "secretary": cell(m.get("secretary"))})
    return model


def anslag_rows(el, ost):
    date = as_date(el["adjustment"]) or ((as_date(el["date"]) or datetime.date(2000, 1, 1)) + datetime.timedelta(days=4))
    up = date + datetime.timedelta(days=1)
    down = up + datetime.timedelta(days=21)
    return [("Organ", el["organ"]), ("Sammanträdesdatum", fmt_date(el["date"], "iso")),
            ("Datum då anslaget sätts upp", up.isoformat()), ("Datum då anslaget tas ned", down.isoformat()),
            ("Förvaringsplats för protokollet", el["place"]), ("Underskrift", el["secretary"])]


ANSLAG_HEAD = "ANSLAG/BEVIS"
ANSLAG_TEXT = "Protokollet är justerat. Justeringen har tillkännagivits genom anslag"


def model_furniture(el, ost):
    if el["t"] == "anslag":
        out = [ANSLAG_HEAD, ANSLAG_TEXT]
        for label, value in anslag_rows(el, ost):
            out += [label, value]
        return [x for x in out if x]
    if el["t"] == "utdrag":
        return [x for x in ("Rätt utdraget intygar", el["secretary"], "Utdragsbestyrkande") if x]
    return []


# --------------------------------------------------------------------------------------------- truth
def running_header(spec, lh, pst, ost):
    """(left, right) text lines of the header on pages 2.. for a path style."""
    if spec["type"] in PROTOCOL_TYPES:
        m = spec.get("meeting") or {}
        return [lh["org"], cell(m.get("organ"))], [lh["label"] or "", fmt_date(m.get("date"), ost["date"])]
    mode = pst["later"]
    if mode == "org_dnr":
        return [lh["org"]], [lh["dnr"] or lh["date"] or ""]
    if mode == "label_date":
        return [lh["label"] or lh["org"]], [lh["date"] or ""]
    return [lh["org"]], [" ".join(x for x in (lh["label"], lh["date"]) if x)]


def path_furniture(spec, path, ost):
    pst = path_style(spec, path)
    lh = letterhead(spec, ost)
    out = [lh["org"]] + lh["units"] + [t for _, t in lh["right"]]
    left, right = running_header(spec, lh, pst, ost)
    out += left + right
    if pst["address"] != "none":
        out += ost["address"]
    if spec["type"] in PROTOCOL_TYPES and spec["type"] != "kallelse":
        out += ["Justerandes sign", "Utdragsbestyrkande"]
    return [x for x in out if x]


def truth(spec):
    ost = org_style(spec)
    model = build_model(spec, ost)
    lh_spec = spec.get("letterhead") or {}
    meeting = spec.get("meeting")
    protocol = spec["type"] in PROTOCOL_TYPES
    headings, body, furniture = [], [], []
    votes, reservations, tables = [], [], []
    item = None
    for el in model:
        t = el["t"]
        if t == "title":
            body.append(el["text"])
        elif t == "h":
            headings.append({"text": el["text"], "level": el["level"], "kind": el["kind"], "number": None})
            body.append(el["text"])
            if el["kind"] == "reservation" or el.get("authors"):
                reservations.append({"item": item, "authors": [{"name": cell(a[0]), "party": cell(a[1]) if len(a) > 1 else None}
                                                              for a in (el.get("authors") or []) if a]})
        elif t == "p" or t == "label":
            body.append(el["text"])
        elif t == "list":
            body += el["items"]
        elif t == "table":
            body += [" ".join(r) for r in el["rows"]]
            tables.append([list(r) for r in el["rows"]])
        elif t == "sig":
            for name, role in el["pairs"]:
                body += [x for x in (name, role) if x]
        elif t == "vote":
            body += ["Omröstningsresultat", vote_line(el)]
            if el["rows"]:
                body += ["Ledamot Parti Röst"] + [" ".join(x for x in r if x) for r in el["rows"]]
                tables.append([["Ledamot", "Parti", "Röst"]] + [list(r) for r in el["rows"]])
            votes.append({"item": item, "yes": el["yes"], "no": el["no"], "abstain": el["abstain"]})
        elif t in ("front", "signatures"):
            if t == "signatures":
                body.append("Underskrifter")
            for label, lines in el["rows"]:
                body += [label] + [x for x in lines if x]
        elif t == "toc":
            headings.append({"text": el["title"], "level": 1, "kind": "innehallsforteckning", "number": None})
            body.append(el["title"])
            body += [f"{n} {title}" for n, title, _ in el["lines"]]
        elif t == "item":
            item = el["number"]
            headings.append({"text": el["title"], "level": 1, "kind": "paragraf", "number": el["number"]})
            body.append(f"{el['number']} {el['title']}")
            if el["dnr"]:
                body.append(el["dnr"])
        furniture += model_furniture(el, ost)
    for path in ("word", "html", "typeset"):
        furniture += path_furniture(spec, path, ost)
    seen, furn = set(), []
    for f in furniture:
        if f not in seen:
            seen.add(f)
            furn.append(f)
    date = (meeting or {}).get("date") if protocol else lh_spec.get("date")
    if date is None:
        date = lh_spec.get("date") if protocol else None
    dnr = as_list(lh_spec.get("dnr"))
    mt = None
    if meeting:
        def people(lst, keys):
            out = []
            for e in lst or []:
                e = e if isinstance(e, list) else [e]
                out.append({k: (cell(e[i]) if len(e) > i and e[i] not in (None, "") else None) for i, k in enumerate(keys)})
            return out
        mt = {"organ": cell(meeting.get("organ")) or None, "date": iso(meeting.get("date")),
              "time": cell(meeting.get("time")) or None, "place": cell(meeting.get("place")) or None,
              "decisionMakers": people(meeting.get("decisionMakers"), ["name", "party", "role"]),
              "others": people(meeting.get("others"), ["name", "role"]),
              "chair": cell(meeting.get("chair")) or None, "secretary": cell(meeting.get("secretary")) or None,
              "adjusters": as_list(meeting.get("adjusters")),
              "adjustment": iso(meeting.get("adjustment")), "adjustmentPlace": cell(meeting.get("adjustmentPlace")) or None}
    units = as_list(lh_spec.get("unit"))
    return {
        "id": spec["id"], "organisation": spec["organisation"], "source": spec.get("source"), "type": spec["type"],
        "title": cell(spec["title"]).strip(),
        "metadata": {"documentType": spec["type"], "title": cell(spec["title"]).strip(), "date": iso(date), "dnr": dnr,
                     "organisation": cell(lh_spec.get("organisation") or spec["organisation"]),
                     "unit": units[0] if units else None,
                     "label": cell(lh_spec["label"]) if lh_spec.get("label") else None,
                     "designation": cell(lh_spec["designation"]) if lh_spec.get("designation") else None},
        "headings": headings, "body": [b for b in body if b], "furniture": furn, "meeting": mt,
        "items": [{"number": cell(i["number"]), "title": cell(i["title"]).strip(), "dnr": cell(i["dnr"]) if i.get("dnr") else None}
                  for i in (spec.get("items") or [])],
        "votes": votes, "reservations": reservations,
        # Each table (and each vote's list of members) as printed: rows of cells.
        "tables": tables,
    }


def vote_line(el):
    return f"Ja-röster: {el['yes']}, Nej-röster: {el['no']}, Avstår: {el['abstain']}"


def heading_printer(pst):
    """Returns a function (level, text, in_item) -> printed text, keeping numbering counters."""
    counters = [0, 0, 0]

    def show(level, text, in_item=False):
        if pst["heading"] == "numbered" and not in_item:
            counters[level - 1] += 1
            for i in range(level, 3):
                counters[i] = 0
            nums = [str(max(c, 1)) for c in counters[:level]]
            return (nums[0] + ". " if level == 1 else ".".join(nums) + " ") + text
        if pst["heading"] == "caps" and level == 1 and not in_item:
            return text.upper()
        return text
    return show


def doc_title_meta(spec, lh, path):
    r = rng_for("meta", spec["id"], path)
    words = [w for w in re.findall(r"[A-Za-zÅÄÖåäö]+", cell(spec["title"])) if len(w) > 3][:3]
    prefix = {"tjansteskrivelse": "TS", "tjansteutlatande": "TU", "utlatande": "Utl", "motion": "Motion",
              "remissvar": "Remissvar", "protokoll": "Protokoll", "protokollsutdrag": "Utdrag", "kallelse": "Kallelse"}.get(spec["type"], "Dok")
    name = f"{prefix} {' '.join(w.lower() for w in words)}".strip()
    ext = {"word": ".docx", "html": r.choice([".docx", ".html", ".htm"]), "typeset": ".pdf"}[path]
    choices = [name + ext, f"{lh['label'] or 'Dokument'} mall", lh["label"] or "Dokument",
               f"{spec['id'][:24]}{ext}", "Microsoft Word - " + name + ".docx"]
    return r.choice(choices), r.choice(PERSONS)


def logo_png(spec, ost, out_dir):
    from PIL import Image, ImageDraw
    out_dir = pathlib.Path(tempfile.gettempdir()) / "diarium-logos"   # fixed path: reportlab names images by path
    out_dir.mkdir(exist_ok=True)
    path = out_dir / f"logo-{slug(spec['organisation'])}-{hashlib.sha256(repr(ost['logo_color']).encode()).hexdigest()[:6]}.png"
    if path.exists():
        return path
    w, h = 120, 140
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    c = ost["logo_color"]
    if ost["logo_shape"] == "shield":
        d.polygon([(8, 6), (112, 6), (112, 70), (60, 134), (8, 70)], fill=c)
        d.line([(60, 18), (60, 110)], fill=(255, 255, 255), width=10)
        d.line([(22, 50), (98, 50)], fill=(255, 255, 255), width=10)
    elif ost["logo_shape"] == "rect":
        d.rectangle([6, 20, 114, 120], fill=c)
        d.polygon([(20, 100), (60, 40), (100, 100)], fill=(255, 255, 255))
    else:
        d.ellipse([6, 16, 114, 124], fill=c)
        d.ellipse([36, 46, 84, 94], fill=(255, 255, 255))
    tmp = path.with_suffix(f".{os.getpid()}.tmp.png")
    img.save(tmp, optimize=True)
    os.replace(tmp, path)
    return path


# --------------------------------------------------------------------------------------------- word
def render_docx(spec, out_docx, work):
    from docx import Document
    from docx.enum.section import WD_SECTION  # noqa: F401
    from docx.enum.table import WD_TABLE_ALIGNMENT  # noqa: F401
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER  # noqa: F401
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    ost, pst = org_style(spec), path_style(spec, "word")
    lh = letterhead(spec, ost)
    model = build_model(spec, ost)
    font, size = pst["font"], pst["size"]
    doc = Document()

    def set_rfonts(rpr_parent, name):
        rpr = rpr_parent.get_or_add_rPr() if hasattr(rpr_parent, "get_or_add_rPr") else rpr_parent
        for old in rpr.findall(qn("w:rFonts")):
            rpr.remove(old)
        rf = OxmlElement("w:rFonts")
        for k in ("ascii", "hAnsi", "cs", "eastAsia"):
            rf.set(qn(f"w:{k}"), name)
        rpr.insert(0, rf)

    normal = doc.styles["Normal"]
    set_rfonts(normal.element, font)
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    if pst["justify"]:
        normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    hsizes = {1: pst["h1"], 2: pst["h2"], 3: size}
    for lvl in (1, 2, 3):
        st = doc.styles[f"Heading {lvl}"]
        set_rfonts(st.element, font)
        st.font.size = Pt(hsizes[lvl])
        st.font.bold = True
        st.font.italic = False
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.paragraph_format.space_before = Pt(12 if lvl == 1 else 9)
        st.paragraph_format.space_after = Pt(4)
        st.paragraph_format.keep_with_next = True
        st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin, sec.right_margin = Mm(pst["margin_left"]), Mm(pst["margin_right"])
    sec.top_margin, sec.bottom_margin = Mm(22), Mm(22)
    sec.header_distance, sec.footer_distance = Mm(10), Mm(10)
    sec.different_first_page_header_footer = True
    text_w = 210 - pst["margin_left"] - pst["margin_right"]

    def add_field(par, instr, fsize=None):
        def run_with(child):
            r = par.add_run()
            if fsize:
                r.font.size = Pt(fsize)
            r._r.append(child)
            return r
        b = OxmlElement("w:fldChar"); b.set(qn("w:fldCharType"), "begin"); run_with(b)
        it = OxmlElement("w:instrText"); it.set(qn("xml:space"), "preserve"); it.text = f" {instr} "; run_with(it)
        s = OxmlElement("w:fldChar"); s.set(qn("w:fldCharType"), "separate"); run_with(s)
        r = par.add_run("1")
        if fsize:
            r.font.size = Pt(fsize)
        e = OxmlElement("w:fldChar"); e.set(qn("w:fldCharType"), "end"); run_with(e)

    def page_number(par, fsize):
        fmt = pst["pagefmt"]
        parts = re.split(r"(\{P\}|\{N\})", fmt)
        for part in parts:
            if part == "{P}":
                add_field(par, "PAGE", fsize)
            elif part == "{N}":
                add_field(par, "NUMPAGES", fsize)
            elif part:
                par.add_run(part).font.size = Pt(fsize)

    def borders(table, on):
        tblPr = table._tbl.tblPr
        for old in tblPr.findall(qn("w:tblBorders")):
            tblPr.remove(old)
        bd = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:val"), "single" if on else "nil")
            if on:
                el.set(qn("w:sz"), "4"); el.set(qn("w:space"), "0"); el.set(qn("w:color"), "000000")
            bd.append(el)
        tblPr.append(bd)

    def widths(table, mm_list):
        table.autofit = False
        grid = table._tbl.tblGrid
        for gc, w in zip(grid.findall(qn("w:gridCol")), mm_list):
            gc.set(qn("w:w"), str(int(Mm(w).twips)))
        tblPr = table._tbl.tblPr
        for old in tblPr.findall(qn("w:tblW")):
            tblPr.remove(old)
        tw_ = OxmlElement("w:tblW"); tw_.set(qn("w:w"), str(int(Mm(sum(mm_list)).twips))); tw_.set(qn("w:type"), "dxa")
        tblPr.append(tw_)
        for row in table.rows:
            for c, w in zip(row.cells, mm_list):
                c.width = Mm(w)

    def cell_par(c, text="", bold=False, fsize=None, first=False, align=None, space_after=0):
        p = c.paragraphs[0] if first else c.add_paragraph()
        if text:
            r = p.add_run(text)
            r.bold = bold
            if fsize:
                r.font.size = Pt(fsize)
        p.paragraph_format.space_after = Pt(space_after)
        p.paragraph_format.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.LEFT
        return p

    def bottom_rule(p):
        pPr = p._p.get_or_add_pPr()
        pbdr = OxmlElement("w:pBdr")
        b = OxmlElement("w:bottom")
        b.set(qn("w:val"), "single"); b.set(qn("w:sz"), "6"); b.set(qn("w:space"), "1"); b.set(qn("w:color"), "000000")
        pbdr.append(b)
        pPr.insert_element_before(pbdr, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                                  "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                                  "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                                  "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                                  "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                                  "w:pPrChange")

    def clear(container):
        for p in list(container.paragraphs):
            p._p.getparent().remove(p._p)

    # --- first page header: letterhead
    fh = sec.first_page_header
    clear(fh)
    split = pst["lh_split"]
    t = fh.add_table(1, 2, Mm(text_w))
    borders(t, False)
    widths(t, [text_w * split, text_w * (1 - split)])
    left, right = t.rows[0].cells
    first = True
    if pst["logo"]:
        p = cell_par(left, first=True)
        p.add_run().add_picture(str(logo_png(spec, ost, work)), height=Mm(13))
        first = False
    cell_par(left, lh["org"], bold=True, fsize=size + 4, first=first, space_after=1)
    for u in lh["units"]:
        cell_par(left, u, fsize=size - 1)
    for n, (kind, text) in enumerate(lh["right"]):
        cell_par(right, text, bold=(kind == "label"), fsize=(size + 2 if kind == "label" else size - 1), first=(n == 0),
                 space_after=1)
    fh.add_paragraph().paragraph_format.space_after = Pt(0)

    # --- later-page header
    hl, hr = running_header(spec, lh, pst, ost)
    hd = sec.header
    clear(hd)
    t = hd.add_table(1, 2, Mm(text_w))
    borders(t, False)
    widths(t, [text_w * 0.6, text_w * 0.4])
    for n, x in enumerate([x for x in hl if x]):
        cell_par(t.rows[0].cells[0], x, bold=(n == 0), fsize=size - 1, first=(n == 0))
    protocol = spec["type"] in PROTOCOL_TYPES
    rr = [x for x in hr if x]
    for n, x in enumerate(rr):
        cell_par(t.rows[0].cells[1], x, fsize=size - 1, first=(n == 0), align=WD_ALIGN_PARAGRAPH.RIGHT)
    if protocol:
        p = cell_par(t.rows[0].cells[1], fsize=size - 1, align=WD_ALIGN_PARAGRAPH.RIGHT, first=not rr)
        page_number(p, size - 1)
    hd.add_paragraph().paragraph_format.space_after = Pt(0)

    # --- footers
    def footer(container, first_page):
        clear(container)
        if protocol and spec["type"] != "kallelse":
            ft = container.add_table(2, 2, Mm(80))
            borders(ft, True)
            widths(ft, [40, 40])
            cell_par(ft.rows[0].cells[0], "Justerandes sign", fsize=7, first=True)
            cell_par(ft.rows[0].cells[1], "Utdragsbestyrkande", fsize=7, first=True)
            ft.rows[1].height = Mm(8)
        p = container.add_paragraph()
        p.paragraph_format.alignment = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}[pst["pagepos"]]
        p.paragraph_format.space_after = Pt(0)
        if not protocol and (not first_page or pst["firstpage_num"]):
            page_number(p, size - 1)
        if pst["address"] == "all" or (pst["address"] == "first" and first_page):
            p2 = container.add_paragraph()
            p2.paragraph_format.space_after = Pt(0)
            p2.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            bottom_rule(p) if False else None
            p2.add_run("   ".join(ost["address"])).font.size = Pt(7)
    footer(sec.first_page_footer, True)
    footer(sec.footer, False)

    # --- body
    show = heading_printer(pst)

    def para(text, bold=False, fsize=None, align=None, after=None, style=None):
        p = doc.add_paragraph(style=style)
        r = p.add_run(text)
        r.bold = bold
        if fsize:
            r.font.size = Pt(fsize)
        if align is not None:
            p.paragraph_format.alignment = align
        if after is not None:
            p.paragraph_format.space_after = Pt(after)
        return p

    def data_table(rows, header=True, col_w=None):
        tb = doc.add_table(len(rows), len(rows[0]))
        tb.style = doc.styles["Table Grid"]
        borders(tb, True)
        if col_w:
            widths(tb, col_w)
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                c = tb.rows[i].cells[j]
                num = bool(re.fullmatch(r"[-−]?[\d  ,.%]+", v.strip())) and i > 0
                cell_par(c, v, bold=(i == 0 and header), fsize=size - 1, first=True,
                         align=WD_ALIGN_PARAGRAPH.RIGHT if num else WD_ALIGN_PARAGRAPH.LEFT)
        doc.add_paragraph().paragraph_format.space_after = Pt(0)

    def label_table(rows, sig_lines=False):
        tb = doc.add_table(len(rows), 2)
        borders(tb, False)
        widths(tb, [48, text_w - 48])
        for i, (label, lines) in enumerate(rows):
            lp = cell_par(tb.rows[i].cells[0], label, bold=True, first=True, space_after=4)
            if sig_lines:
                lp.paragraph_format.space_before = Pt(16)
            c = tb.rows[i].cells[1]
            for n, line in enumerate(lines):
                if sig_lines:
                    p = cell_par(c, first=(n == 0), space_after=0)
                    bottom_rule(p)
                    p.paragraph_format.space_before = Pt(16)
                    p.paragraph_format.right_indent = Mm(max(0, text_w - 48 - 75))
                    cell_par(c, line, space_after=4)
                else:
                    cell_par(c, line, first=(n == 0), space_after=(4 if n == len(lines) - 1 else 0))
        doc.add_paragraph().paragraph_format.space_after = Pt(0)

    def page_break():
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    first_item = True
    for el in model:
        t_ = el["t"]
        if t_ == "title":
            p = para(el["text"], bold=True, fsize=pst["title"], after=10, align=WD_ALIGN_PARAGRAPH.LEFT)
            p.paragraph_format.space_before = Pt(6)
            p.paragraph_format.keep_with_next = True
        elif t_ == "h":
            doc.add_paragraph(show(el["level"], el["text"], el["in_item"]), style=f"Heading {el['level']}")
        elif t_ in ("p", "label"):
            para(el["text"], bold=(t_ == "label"))
        elif t_ == "list":
            for n, it in enumerate(el["items"]):
                marker = ol_marker(pst, n) if el["ordered"] else pst["bullet"]
                p = para(f"{marker}\t{it}", after=3)
                pf = p.paragraph_format
                pf.left_indent, pf.first_line_indent = Mm(7), Mm(-7)
                pf.tab_stops.add_tab_stop(Mm(7))
        elif t_ == "table":
            data_table(el["rows"])
        elif t_ == "sig":
            pairs = el["pairs"]
            for k in range(0, len(pairs), 2):
                chunk = pairs[k:k + 2]
                tb = doc.add_table(3, 2)
                borders(tb, False)
                widths(tb, [text_w / 2, text_w / 2])
                for j, (name, role) in enumerate(chunk):
                    c = tb.rows[0].cells[j]
                    cell_par(c, "", first=True, space_after=18)
                    cell_par(tb.rows[1].cells[j], name, first=True)
                    cell_par(tb.rows[2].cells[j], role, first=True)
                doc.add_paragraph().paragraph_format.space_after = Pt(0)
        elif t_ == "vote":
            para("Omröstningsresultat", bold=True, after=2)
            para(vote_line(el))
            if el["rows"]:
                data_table([["Ledamot", "Parti", "Röst"]] + el["rows"], col_w=[70, 30, 30])
        elif t_ == "front":
            label_table(el["rows"])
        elif t_ == "signatures":
            para("Underskrifter", bold=True, after=0)
            label_table(el["rows"], sig_lines=True)
        elif t_ == "anslag":
            rows = anslag_rows(el, ost)
            tb = doc.add_table(len(rows) + 2, 2)
            borders(tb, True)
            widths(tb, [62, text_w - 62])
            a = tb.rows[0].cells[0].merge(tb.rows[0].cells[1])
            cell_par(a, ANSLAG_HEAD, bold=True, first=True, fsize=size - 1)
            b = tb.rows[1].cells[0].merge(tb.rows[1].cells[1])
            cell_par(b, ANSLAG_TEXT, first=True, fsize=size - 1)
            for i, (label, value) in enumerate(rows):
                cell_par(tb.rows[i + 2].cells[0], label, first=True, fsize=size - 1)
                cell_par(tb.rows[i + 2].cells[1], value, first=True, fsize=size - 1)
            doc.add_paragraph().paragraph_format.space_after = Pt(0)
        elif t_ == "toc":
            page_break()
            doc.add_paragraph(el["title"], style="Heading 1")
            for num, title, _ in el["lines"]:
                p = para(f"{num}\t{title}", after=2)
                p.paragraph_format.tab_stops.add_tab_stop(Mm(22))
        elif t_ == "item":
            if el["protokoll"] and (first_item or pst["item_break"]):
                page_break()
            first_item = False
            if pst["item_layout"] == "table" and not el["kallelse"]:
                tb = doc.add_table(1, 2)
                borders(tb, False)
                widths(tb, [25, text_w - 25])
                p = tb.rows[0].cells[0].paragraphs[0]
                p.style = doc.styles["Heading 1"]
                p.add_run(el["number"])
                p2 = tb.rows[0].cells[1].paragraphs[0]
                p2.style = doc.styles["Heading 1"]
                p2.add_run(el["title"])
            elif pst["item_layout"] == "ownline" and not el["kallelse"]:
                para(el["number"], bold=True, after=0).paragraph_format.keep_with_next = True
                doc.add_paragraph(el["title"], style="Heading 1").paragraph_format.space_before = Pt(0)
            elif el["kallelse"]:
                hp = doc.add_paragraph(style="Heading 1")
                hr_ = hp.add_run(f"{el['number']} {el['title']}")
                hr_.font.size = Pt(size + 1)
                hp.paragraph_format.space_before = Pt(10)
            else:
                doc.add_paragraph(f"{el['number']} {el['title']}", style="Heading 1")
            if el["dnr"]:
                para(el["dnr"], after=6)
        elif t_ == "utdrag":
            para("Rätt utdraget intygar", after=0).paragraph_format.space_before = Pt(24)
            p = para("", after=0)
            bottom_rule(p)
            p.paragraph_format.space_before = Pt(20)
            p.paragraph_format.right_indent = Mm(text_w - 70)
            para(el["secretary"], after=10)
            tb = doc.add_table(2, 1)
            borders(tb, True)
            widths(tb, [60])
            cell_par(tb.rows[0].cells[0], "Utdragsbestyrkande", fsize=8, first=True)
            tb.rows[1].height = Mm(10)
    title, author = doc_title_meta(spec, lh, "word")
    cp = doc.core_properties
    cp.title, cp.author, cp.last_modified_by = title, author, author
    d = as_date((spec.get("letterhead") or {}).get("date") or (spec.get("meeting") or {}).get("date")) or datetime.date(2020, 1, 1)
    cp.created = cp.modified = datetime.datetime(d.year, d.month, d.day, 9, 0, 0)
    cp.revision = 1
    doc.save(out_docx)


def run_soffice(docx_files, outdir, profile):
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to",
           "pdf:writer_pdf_Export", "--outdir", str(outdir)] + [str(f) for f in docx_files]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120 + 30 * len(docx_files))


# --------------------------------------------------------------------------------------------- html
def render_html(spec, work):
    ost, pst = org_style(spec), path_style(spec, "html")
    lh = letterhead(spec, ost)
    model = build_model(spec, ost)
    size = pst["size"]
    protocol = spec["type"] in PROTOCOL_TYPES
    show = heading_printer(pst)
    hl, hr = running_header(spec, lh, pst, ost)

    def css_str(text):
        return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'
    pfmt = pst["pagefmt"]
    parts = []
    for part in re.split(r"(\{P\}|\{N\})", pfmt):
        if part == "{P}":
            parts.append("counter(page)")
        elif part == "{N}":
            parts.append("counter(pages)")
        elif part:
            parts.append(css_str(part))
    pagenum = " ".join(parts)
    box = {"right": "@bottom-right", "center": "@bottom-center"}[pst["pagepos"]]
    margin = f"22mm {pst['margin_right']}mm 24mm {pst['margin_left']}mm"
    right_number = (' "\\A " ' + pagenum) if protocol else ''
    later = [f"@top-left {{ content: {css_str(chr(10).join(x for x in hl if x))}; white-space: pre; font-size: {size - 1}pt; vertical-align: bottom; padding-bottom: 4mm; }}",
             f"@top-right {{ content: {css_str(chr(10).join(x for x in hr if x))}{right_number}; white-space: pre; text-align: right; font-size: {size - 1}pt; vertical-align: bottom; padding-bottom: 4mm; }}"]
    foot_later, foot_first = [], []
    if not protocol:
        foot_later.append(f"{box} {{ content: {pagenum}; font-size: {size - 1}pt; }}")
        if pst["firstpage_num"]:
            foot_first.append(f"{box} {{ content: {pagenum}; font-size: {size - 1}pt; }}")
        else:
            foot_first.append(f"{box} {{ content: none; }}")
    addr = css_str("   ".join(ost["address"]))
    addr_box = "@bottom-left" if pst["pagepos"] == "center" and not protocol else "@bottom-center"
    if pst["pagepos"] == "center" and not protocol:
        addr_box = "@bottom-left"
    if pst["address"] in ("all", "first") and not (protocol and spec["type"] != "kallelse"):
        rule = f"{addr_box} {{ content: {addr}; font-size: 7pt; vertical-align: bottom; padding-bottom: 6mm; }}"
        foot_first.append(rule)
        foot_later.append(rule if pst["address"] == "all" else f"{addr_box} {{ content: none; }}")
    if protocol and spec["type"] != "kallelse":
        jb = ("@bottom-center { content: \"Justerandes sign\"; width: 38mm; border: 0.6pt solid #000; font-size: 7pt; "
              "vertical-align: top; height: 11mm; margin-top: 5mm; margin-bottom: 6mm; padding: 1mm; text-align: left; }")
        ub = jb.replace("@bottom-center", "@bottom-right").replace("Justerandes sign", "Utdragsbestyrkande")
        lb = "@bottom-left { content: \"\"; width: auto; }"
        la = f"@bottom-left {{ content: {addr}; width: auto; font-size: 7pt; vertical-align: bottom; padding-bottom: 6mm; }}"
        foot_later += [la if pst["address"] == "all" else lb, jb, ub]
        foot_first += [la if pst["address"] != "none" else lb, jb, ub]
    font = pst["font"]
    h1size = pst["h1"]
    h2size = pst["h2"]
    logo = ""
    if pst["logo"]:
        import base64
        logo = ('<img class="logo" alt="" src="data:image/png;base64,'
                + base64.b64encode(logo_png(spec, ost, work).read_bytes()).decode() + '">')
    css = f"""
@page {{ size: A4; margin: {margin}; {' '.join(later)} {' '.join(foot_later)} }}
@page :first {{ margin-top: 14mm; @top-left {{ content: none; }} @top-right {{ content: none; }} {' '.join(foot_first)} }}
html {{ font-family: '{font}'; font-size: {size}pt; line-height: 1.3; color: #000; }}
body {{ margin: 0; }}
p {{ margin: 0 0 6pt 0; {'text-align: justify; hyphens: auto;' if pst['justify'] else ''} }}
h1, h2, h3 {{ font-weight: bold; margin: 12pt 0 4pt 0; break-after: avoid; }}
h1 {{ font-size: {h1size}pt; }} h2 {{ font-size: {h2size}pt; }} h3 {{ font-size: {size}pt; }}
.title {{ font-size: {pst['title']}pt; font-weight: bold; margin: 8pt 0 12pt 0; line-height: 1.2; }}
.lh {{ display: grid; grid-template-columns: {int(pst['lh_split'] * 100)}% auto; margin-bottom: 14mm; }}
.lh .org {{ font-weight: bold; font-size: {size + 4}pt; }}
.lh .unit, .lh .r {{ font-size: {size - 1}pt; }}
.lh .label {{ font-weight: bold; font-size: {size + 2}pt; }}
.logo {{ height: 13mm; display: block; margin-bottom: 2mm; }}
ul, ol {{ margin: 0 0 6pt 0; padding: 0; list-style: none; }}
li {{ margin: 0 0 3pt 0; padding-left: 7mm; text-indent: -7mm; }}
li .m {{ display: inline-block; width: 7mm; text-indent: 0; }}
table.data {{ border-collapse: collapse; margin: 4pt 0 10pt 0; font-size: {size - 1}pt; }}
table.data td, table.data th {{ border: 0.6pt solid #000; padding: 2pt 5pt; text-align: left; vertical-align: top; }}
table.data th {{ font-weight: bold; }}
table.data td.num {{ text-align: right; }}
table.lab {{ border-collapse: collapse; width: 100%; margin-bottom: 8pt; }}
table.lab td {{ vertical-align: top; padding: 0 0 6pt 0; }}
table.lab td.l {{ font-weight: bold; width: 48mm; }}
.sigline {{ border-bottom: 0.6pt solid #000; width: 75mm; height: 16pt; }}
table.sig {{ width: 100%; margin: 8pt 0; }} table.sig td {{ width: 50%; vertical-align: top; padding-top: 22pt; }}
table.anslag {{ border-collapse: collapse; width: 100%; margin-top: 16pt; font-size: {size - 1}pt; }}
table.anslag td {{ border: 0.6pt solid #000; padding: 3pt 5pt; }}
table.item {{ width: 100%; border-collapse: collapse; }} table.item td {{ vertical-align: baseline; padding: 0; }}
table.item td.n {{ width: 25mm; }}
.pb {{ break-before: page; }}
.toc div {{ margin-bottom: 2pt; }} .toc span.n {{ display: inline-block; width: 22mm; }}
.box {{ border: 0.6pt solid #000; width: 60mm; height: 14mm; font-size: 7pt; padding: 1mm; margin-top: 10pt; }}
"""
    o = []
    o.append('<div class="lh"><div>' + logo + f'<div class="org">{esc(lh["org"])}</div>'
             + "".join(f'<div class="unit">{esc(u)}</div>' for u in lh["units"]) + "</div><div>"
             + "".join(f'<div class="{"label" if k == "label" else "r"}">{esc(t)}</div>' for k, t in lh["right"])
             + "</div></div>")
    first_item = True
    for el in model:
        t_ = el["t"]
        if t_ == "title":
            o.append(f'<div class="title">{esc(el["text"])}</div>')
        elif t_ == "h":
            lv = el["level"]
            o.append(f"<h{lv}>{esc(show(lv, el['text'], el['in_item']))}</h{lv}>")
        elif t_ == "p":
            o.append(f"<p>{esc(el['text'])}</p>")
        elif t_ == "label":
            o.append(f"<p><b>{esc(el['text'])}</b></p>")
        elif t_ == "list":
            tag = "ol" if el["ordered"] else "ul"
            lis = "".join(f'<li><span class="m">{esc(ol_marker(pst, n) if el["ordered"] else pst["bullet"])}</span>{esc(x)}</li>'
                          for n, x in enumerate(el["items"]))
            o.append(f"<{tag}>{lis}</{tag}>")
        elif t_ in ("table", "vote"):
            rows = el["rows"] if t_ == "table" else [["Ledamot", "Parti", "Röst"]] + el["rows"]
            if t_ == "vote":
                o.append(f"<p><b>Omröstningsresultat</b><br>{esc(vote_line(el))}</p>")
                if not el["rows"]:
                    continue
            trs = []
            for i, row in enumerate(rows):
                tds = []
                for v in row:
                    if i == 0:
                        tds.append(f"<th>{esc(v)}</th>")
                    else:
                        num = bool(re.fullmatch(r"[-−]?[\d  ,.%]+", v.strip()))
                        tds.append(f'<td{" class=num" if num else ""}>{esc(v)}</td>')
                trs.append("<tr>" + "".join(tds) + "</tr>")
            o.append('<table class="data">' + "".join(trs) + "</table>")
        elif t_ == "sig":
            pairs = el["pairs"]
            for k in range(0, len(pairs), 2):
                o.append('<table class="sig"><tr>' + "".join(
                    f"<td>{esc(n)}<br>{esc(r)}</td>" for n, r in pairs[k:k + 2]) + "</tr></table>")
        elif t_ in ("front", "signatures"):
            if t_ == "signatures":
                o.append("<p><b>Underskrifter</b></p>")
            trs = []
            for label, lines in el["rows"]:
                if t_ == "signatures":
                    val = "".join(f'<div class="sigline"></div><div>{esc(x)}</div>' for x in lines)
                else:
                    val = "<br>".join(esc(x) for x in lines)
                trs.append(f'<tr><td class="l">{esc(label)}</td><td>{val}</td></tr>')
            o.append('<table class="lab">' + "".join(trs) + "</table>")
        elif t_ == "anslag":
            trs = [f'<tr><td colspan="2"><b>{ANSLAG_HEAD}</b></td></tr>', f'<tr><td colspan="2">{ANSLAG_TEXT}</td></tr>']
            trs += [f"<tr><td>{esc(a)}</td><td>{esc(b)}</td></tr>" for a, b in anslag_rows(el, ost)]
            o.append('<table class="anslag">' + "".join(trs) + "</table>")
        elif t_ == "toc":
            o.append(f'<h1 class="pb">{esc(el["title"])}</h1><div class="toc">'
                     + "".join(f'<div><span class="n">{esc(n)}</span>{esc(t)}</div>' for n, t, _ in el["lines"]) + "</div>")
        elif t_ == "item":
            cls = ' class="pb"' if el["protokoll"] and (first_item or pst["item_break"]) else ""
            first_item = False
            if pst["item_layout"] == "table" and not el["kallelse"]:
                o.append(f'<table class="item"{cls}><tr><td class="n"><h1>{esc(el["number"])}</h1></td>'
                         f'<td><h1>{esc(el["title"])}</h1></td></tr></table>')
            elif pst["item_layout"] == "ownline" and not el["kallelse"]:
                o.append(f'<div{cls}><p style="margin:12pt 0 0 0"><b>{esc(el["number"])}</b></p>'
                         f'<h1 style="margin-top:0">{esc(el["title"])}</h1></div>')
            elif el["kallelse"]:
                o.append(f'<h1 style="font-size:{size + 1}pt; margin-top:10pt">{esc(el["number"] + " " + el["title"])}</h1>')
            else:
                o.append(f'<h1{cls}>{esc(el["number"] + " " + el["title"])}</h1>')
            if el["dnr"]:
                o.append(f"<p>{esc(el['dnr'])}</p>")
        elif t_ == "utdrag":
            o.append(f'<p style="margin-top:24pt">Rätt utdraget intygar</p><div class="sigline"></div>'
                     f'<p>{esc(el["secretary"])}</p><div class="box">Utdragsbestyrkande</div>')
    title, _ = doc_title_meta(spec, lh, "html")
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f"<style>{css}</style></head><body>" + "\n".join(o) + "</body></html>")


def run_chromium(html_file, pdf_file, profile):
    cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run",
           f"--user-data-dir={profile}", "--disable-extensions", f"--print-to-pdf={pdf_file}", f"file://{html_file}"]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


# --------------------------------------------------------------------------------------------- typeset
_REGISTERED = set()


def register_font(family):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    key = family.replace(" ", "")
    if family not in _REGISTERED:
        reg, bold, ital = FONTS[family]
        pdfmetrics.registerFont(TTFont(key, FONT_DIR + reg))
        pdfmetrics.registerFont(TTFont(key + "-Bold", FONT_DIR + bold))
        pdfmetrics.registerFont(TTFont(key + "-Italic", FONT_DIR + ital))
        addMapping(key, 0, 0, key)
        addMapping(key, 1, 0, key + "-Bold")
        addMapping(key, 0, 1, key + "-Italic")
        addMapping(key, 1, 1, key + "-Bold")
        _REGISTERED.add(family)
    return key, key + "-Bold"


def render_typeset(spec, pdf_file, work):
    from reportlab import rl_config
    rl_config.invariant = 1
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as rlcanvas
    from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, KeepTogether, PageBreak, PageTemplate,
                                    Paragraph, Spacer, Table, TableStyle)
    from reportlab.platypus.flowables import HRFlowable

    ost, pst = org_style(spec), path_style(spec, "typeset")
    lh = letterhead(spec, ost)
    model = build_model(spec, ost)
    reg, bold = register_font(pst["font"])
    size = pst["size"]
    protocol = spec["type"] in PROTOCOL_TYPES
    W, H = A4
    ml, mr = pst["margin_left"] * mm, pst["margin_right"] * mm
    tw = W - ml - mr
    hyph = {"hyphenationLang": "sv_SE", "embeddedHyphenation": 1, "uriWasteReduce": 0.3} if pst["justify"] else {}
    body = ParagraphStyle("body", fontName=reg, fontSize=size, leading=size * 1.3, spaceAfter=6,
                          alignment=TA_JUSTIFY if pst["justify"] else TA_LEFT, **hyph)
    small = ParagraphStyle("small", parent=body, fontSize=size - 1, leading=(size - 1) * 1.25, spaceAfter=0,
                           alignment=TA_LEFT, hyphenationLang="")
    hs = {lv: ParagraphStyle(f"h{lv}", fontName=bold, fontSize=s, leading=s * 1.25, spaceBefore=12 if lv == 1 else 9,
                             spaceAfter=4, keepWithNext=1)
          for lv, s in ((1, pst["h1"]), (2, pst["h2"]), (3, size))}
    title_st = ParagraphStyle("title", fontName=bold, fontSize=pst["title"], leading=pst["title"] * 1.2, spaceBefore=4,
                              spaceAfter=12, keepWithNext=1)
    lst = ParagraphStyle("li", parent=body, leftIndent=7 * mm, bulletIndent=0, spaceAfter=3)
    bold_st = ParagraphStyle("b", parent=body, fontName=bold, alignment=TA_LEFT, keepWithNext=1)
    show = heading_printer(pst)
    hl, hr = running_header(spec, lh, pst, ost)
    logo = logo_png(spec, ost, work) if pst["logo"] else None

    def P(text, st=body):
        return Paragraph(esc(text), st)

    # letterhead height on page 1
    lh_lines_left = (len(lh["units"]) * (size + 1) + (size + 6)) + (15 * mm if logo else 0)
    lh_lines_right = sum((size + 4) if k == "label" else (size + 1) for k, _ in lh["right"])
    lh_h = max(lh_lines_left, lh_lines_right) + 26 * mm

    def draw_furniture(c, page, total):
        c.saveState()
        top = H - 14 * mm
        if page == 1:
            y = top
            if logo:
                c.drawImage(str(logo), ml, y - 13 * mm, width=11 * mm, height=13 * mm, mask="auto")
                y -= 15 * mm
            c.setFont(bold, size + 4)
            c.drawString(ml, y - size - 2, lh["org"])
            y -= size + 6
            c.setFont(reg, size - 1)
            for u in lh["units"]:
                c.drawString(ml, y - size, u)
                y -= size + 1
            x = ml + tw * pst["lh_split"]
            y = top
            for k, t in lh["right"]:
                if k == "label":
                    c.setFont(bold, size + 2)
                    c.drawString(x, y - size - 1, t)
                    y -= size + 4
                else:
                    c.setFont(reg, size - 1)
                    c.drawString(x, y - size, t)
                    y -= size + 1
        else:
            c.setFont(reg, size - 1)
            y = H - 14 * mm
            for n, t in enumerate(x for x in hl if x):
                c.setFont(bold if n == 0 else reg, size - 1)
                c.drawString(ml, y - size, t)
                y -= size + 1
            y = H - 14 * mm
            rr = [x for x in hr if x]
            if protocol:
                rr.append(pst["pagefmt"].replace("{P}", str(page)).replace("{N}", str(total)))
            c.setFont(reg, size - 1)
            for t in rr:
                c.drawRightString(W - mr, y - size, t)
                y -= size + 1
        if not protocol and (page > 1 or pst["firstpage_num"]):
            c.setFont(reg, size - 1)
            txt = pst["pagefmt"].replace("{P}", str(page)).replace("{N}", str(total))
            if pst["pagepos"] == "right":
                c.drawRightString(W - mr, 14 * mm, txt)
            else:
                c.drawCentredString(W / 2, 14 * mm, txt)
        if pst["address"] == "all" or (pst["address"] == "first" and page == 1):
            c.setFont(reg, 7)
            c.setLineWidth(0.4)
            c.line(ml, 11.5 * mm, W - mr, 11.5 * mm)
            c.drawCentredString(W / 2, 8 * mm, "   ".join(ost["address"]))
        if protocol and spec["type"] != "kallelse":
            c.setLineWidth(0.6)
            bx = W - mr - 80 * mm
            for n, lab in enumerate(("Justerandes sign", "Utdragsbestyrkande")):
                c.rect(bx + n * 40 * mm, 13 * mm, 40 * mm, 12 * mm)
                c.setFont(reg, 7)
                c.drawString(bx + n * 40 * mm + 1.5 * mm, 22 * mm, lab)
        c.restoreState()

    class NumberedCanvas(rlcanvas.Canvas):
        def __init__(self, *a, **k):
            rlcanvas.Canvas.__init__(self, *a, **k)
            self._states = []

        def showPage(self):
            self._states.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._states)
            for st in self._states:
                self.__dict__.update(st)
                draw_furniture(self, self._pageNumber, total)
                rlcanvas.Canvas.showPage(self)
            rlcanvas.Canvas.save(self)

    bottom = (30 if protocol and spec["type"] != "kallelse" else 22) * mm
    top_later = 30 * mm if protocol else 24 * mm
    f1 = Frame(ml, bottom, tw, H - lh_h - bottom, id="f1", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f2 = Frame(ml, bottom, tw, H - top_later - bottom, id="f2", leftPadding=0, rightPadding=0, topPadding=0,
               bottomPadding=0)
    pages = {}

    def story(toc_pages):
        s = []
        first_item = True
        lab_w = 48 * mm
        plain = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("RIGHTPADDING", (0, 0), (-1, -1), 4), ("TOPPADDING", (0, 0), (-1, -1), 0),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])
        for el in model:
            t_ = el["t"]
            if t_ == "title":
                s.append(P(el["text"], title_st))
            elif t_ == "h":
                s.append(P(show(el["level"], el["text"], el["in_item"]), hs[el["level"]]))
            elif t_ == "p":
                s.append(P(el["text"]))
            elif t_ == "label":
                s.append(P(el["text"], bold_st))
            elif t_ == "list":
                for n, x in enumerate(el["items"]):
                    marker = ol_marker(pst, n) if el["ordered"] else pst["bullet"]
                    s.append(Paragraph(esc(x), lst, bulletText=marker))
            elif t_ in ("table", "vote"):
                if t_ == "vote":
                    s.append(P("Omröstningsresultat", bold_st))
                    s.append(P(vote_line(el)))
                    if not el["rows"]:
                        continue
                rows = el["rows"] if t_ == "table" else [["Ledamot", "Parti", "Röst"]] + el["rows"]
                hst = ParagraphStyle("th", parent=small, fontName=bold)
                rst = ParagraphStyle("tdr", parent=small, alignment=TA_RIGHT)
                data = [[Paragraph(esc(v), hst if i == 0 else
                                   (rst if re.fullmatch(r"[-−]?[\d  ,.%]+", v.strip()) else small)) for v in row]
                        for i, row in enumerate(rows)]
                ncol = len(rows[0])
                colw = [tw * 0.45] + [tw * 0.55 / (ncol - 1)] * (ncol - 1) if ncol > 1 else [tw]
                if t_ == "vote":
                    colw = [70 * mm, 30 * mm, 30 * mm]
                tb = Table(data, colWidths=colw, hAlign="LEFT", repeatRows=1)
                tb.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
                s += [tb, Spacer(1, 8)]
            elif t_ == "sig":
                pairs = el["pairs"]
                for k in range(0, len(pairs), 2):
                    chunk = pairs[k:k + 2]
                    data = [[Paragraph(esc(n) + ("<br/>" + esc(r) if r else ""), ParagraphStyle("sg", parent=body, alignment=TA_LEFT))
                             for n, r in chunk]]
                    tb = Table(data, colWidths=[tw / 2] * len(chunk), hAlign="LEFT")
                    tb.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 26),
                                            ("VALIGN", (0, 0), (-1, -1), "TOP")]))
                    s.append(KeepTogether([tb]))
            elif t_ in ("front", "signatures"):
                if t_ == "signatures":
                    s.append(P("Underskrifter", bold_st))
                data, st_cmds = [], list(plain.getCommands())
                for label, lines in el["rows"]:
                    if t_ == "signatures":
                        val = [Spacer(1, 16), HRFlowable(width=75 * mm, thickness=0.5, color="black", hAlign="LEFT",
                                                         spaceAfter=2)]
                        val += [Paragraph(esc(x), small) for x in lines[:1]]
                        for x in lines[1:]:
                            val += [Spacer(1, 16), HRFlowable(width=75 * mm, thickness=0.5, color="black",
                                                              hAlign="LEFT", spaceAfter=2), Paragraph(esc(x), small)]
                    else:
                        val = [Paragraph(esc(x), ParagraphStyle("fv", parent=body, alignment=TA_LEFT, spaceAfter=0))
                               for x in lines]
                    data.append([Paragraph(esc(label), ParagraphStyle("fl", parent=body, fontName=bold, alignment=TA_LEFT,
                                                                      spaceAfter=0)), val])
                tb = Table(data, colWidths=[lab_w, tw - lab_w], hAlign="LEFT")
                tb.setStyle(TableStyle(st_cmds))
                s += [tb, Spacer(1, 6)]
            elif t_ == "anslag":
                rows = [[ANSLAG_HEAD, ""], [ANSLAG_TEXT, ""]] + [[a, b] for a, b in anslag_rows(el, ost)]
                data = [[Paragraph(esc(a), ParagraphStyle("ah", parent=small, fontName=bold) if i == 0 else small),
                         Paragraph(esc(b), small)] for i, (a, b) in enumerate(rows)]
                tb = Table(data, colWidths=[62 * mm, tw - 62 * mm], hAlign="LEFT")
                tb.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, "black"), ("GRID", (0, 2), (-1, -1), 0.4, "black"),
                                        ("SPAN", (0, 0), (1, 0)), ("SPAN", (0, 1), (1, 1)),
                                        ("LINEBELOW", (0, 1), (-1, 1), 0.4, "black")]))
                s += [Spacer(1, 14), KeepTogether([tb])]
            elif t_ == "toc":
                s.append(PageBreak())
                s.append(P(el["title"], hs[1]))
                tst = ParagraphStyle("toc", parent=body, alignment=TA_LEFT, spaceAfter=2)
                data = []
                for num, title, key in el["lines"]:
                    pg = toc_pages.get(key)
                    data.append([Paragraph(esc(num), tst), Paragraph(esc(title), tst), Paragraph(str(pg) if pg else "", ParagraphStyle("tp", parent=tst, alignment=TA_RIGHT))])
                tb = Table(data, colWidths=[22 * mm, tw - 34 * mm, 12 * mm], hAlign="LEFT")
                tb.setStyle(TableStyle(list(plain.getCommands()) + [("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
                s.append(tb)
            elif t_ == "item":
                if el["protokoll"] and (first_item or pst["item_break"]):
                    s.append(PageBreak())
                elif el["protokoll"]:
                    s.append(CondPageBreak(60 * mm))
                first_item = False
                if pst["item_layout"] == "table" and not el["kallelse"]:
                    tb = Table([[P(el["number"], hs[1]), P(el["title"], hs[1])]], colWidths=[25 * mm, tw - 25 * mm],
                               hAlign="LEFT")
                    tb.setStyle(TableStyle(list(plain.getCommands()) + [("TOPPADDING", (0, 0), (-1, -1), 10)]))
                    tb.keepWithNext = 1
                    fl = tb
                elif pst["item_layout"] == "ownline" and not el["kallelse"]:
                    s.append(P(el["number"], ParagraphStyle("ino", parent=bold_st, spaceBefore=12, spaceAfter=0)))
                    fl = P(el["title"], ParagraphStyle("it", parent=hs[1], spaceBefore=0))
                elif el["kallelse"]:
                    fl = P(el["number"] + " " + el["title"], ParagraphStyle("ki", parent=hs[1], fontSize=size + 1,
                                                                             leading=(size + 1) * 1.25, spaceBefore=10))
                else:
                    fl = P(el["number"] + " " + el["title"], hs[1])
                fl._item_key = el["key"]
                s.append(fl)
                if el["dnr"]:
                    s.append(P(el["dnr"], ParagraphStyle("dnr", parent=body, alignment=TA_LEFT)))
            elif t_ == "utdrag":
                s += [Spacer(1, 20), P("Rätt utdraget intygar"), Spacer(1, 18),
                      HRFlowable(width=70 * mm, thickness=0.5, color="black", hAlign="LEFT", spaceAfter=2),
                      P(el["secretary"])]
                tb = Table([[Paragraph("Utdragsbestyrkande", ParagraphStyle("ub", parent=small, fontSize=7))], [""]],
                           colWidths=[60 * mm], rowHeights=[None, 10 * mm], hAlign="LEFT")
                tb.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, "black")]))
                s += [Spacer(1, 8), tb]
        return s

    title, author = doc_title_meta(spec, lh, "typeset")

    def build(target, toc_pages):
        doc = BaseDocTemplate(target, pagesize=A4, leftMargin=ml, rightMargin=mr, title=title, author=author,
                              creator="Microsoft Word" if False else "ReportLab", subject="")
        doc.addPageTemplates([PageTemplate(id="first", frames=[f1], autoNextPageTemplate="later"),
                              PageTemplate(id="later", frames=[f2])])

        def after(fl):
            if hasattr(fl, "_item_key"):
                pages.setdefault(fl._item_key, doc.page)
        doc.afterFlowable = after
        doc.build(story(toc_pages), canvasmaker=NumberedCanvas)

    if spec.get("toc") and protocol:
        build(io.BytesIO(), {})
        first = dict(pages)
        pages.clear()
        build(str(pdf_file), first)
    else:
        build(str(pdf_file), {})


# --------------------------------------------------------------------------------------------- scan
def render_scan(spec, word_pdf, pdf_file, work):
    r = rng_for("scan", spec["id"])
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="scan-", dir=work))
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        subprocess.run(["pdftoppm", "-r", "200", "-gray", str(word_pdf), str(tmp / "pg")], check=True, timeout=300)
        pages = sorted(tmp.glob("pg-*.pgm"))
        outs = []
        for n, pg in enumerate(pages):
            angle = r.choice([-1, 1]) * r.uniform(0.1, 0.6)
            paper = r.randint(225, 237)
            quality = r.randint(35, 42)
            blur = r.uniform(0.9, 1.2)
            noise = r.uniform(0.05, 0.12)
            jpg = tmp / f"p{n:03d}.jpg"
            subprocess.run(["convert", str(pg), "-seed", str(r.randint(1, 10 ** 6)), "-background", "white",
                            "-rotate", f"{angle:.3f}", "-gravity", "center", "-extent", "1654x2339",
                            "-attenuate", f"{noise:.2f}", "+noise", "Gaussian", "-blur", f"0x{blur:.2f}",
                            "+level", f"{r.randint(8, 14)}%,{paper / 255 * 100:.1f}%", "-colorspace", "Gray",
                            "-strip", "-density", "200", "-units", "PixelsPerInch", "-quality", str(quality), str(jpg)],
                           check=True, timeout=120)
            base = tmp / f"o{n:03d}"
            subprocess.run(["tesseract", str(jpg), str(base), "-l", "swe", "--dpi", "200", "pdf"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=600)
            outs.append(str(base) + ".pdf")
        part = tmp / "joined.pdf"
        subprocess.run(["qpdf", "--empty", "--deterministic-id", "--pages"] + outs + ["--", str(part)], check=True,
                       timeout=120)
        os.replace(part, pdf_file)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------------------------- driver
def load_specs(docs_dir, only):
    specs = []
    for f in sorted(pathlib.Path(docs_dir).glob("*/*.yaml")):
        if only and f.stem not in only:
            continue
        try:
            spec = yaml.safe_load(f.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            print(f"skip {f}: {e}", file=sys.stderr)
            continue
        if not isinstance(spec, dict) or not spec.get("id") or not spec.get("title") or not spec.get("organisation"):
            print(f"skip {f}: incomplete", file=sys.stderr)
            continue
        spec["_file"] = f
        specs.append(spec)
    return specs


def stale(pdf, spec, force, extra=()):
    if force or not pdf.exists():
        return True
    m = pdf.stat().st_mtime
    deps = [spec["_file"].stat().st_mtime, SCRIPT.stat().st_mtime] + [e.stat().st_mtime for e in extra if e.exists()]
    return m <= max(deps)


def write_truth(spec, out):
    data = json.dumps(truth(spec), ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"
    f = out / "truth" / f"{spec['id']}.json"
    if not f.exists() or f.read_text(encoding="utf-8") != data:
        f.write_text(data, encoding="utf-8")


def _typeset_job(args):
    spec_file, pdf, work = args
    spec = yaml.safe_load(pathlib.Path(spec_file).read_text(encoding="utf-8"))
    spec["_file"] = pathlib.Path(spec_file)
    tmp = pathlib.Path(str(pdf) + ".part")
    try:
        render_typeset(spec, tmp, pathlib.Path(work))
        os.replace(tmp, pdf)
        return spec["id"], None
    except Exception as e:  # noqa: BLE001
        import traceback
        return spec["id"], traceback.format_exc(limit=3) or str(e)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--paths", default=",".join(PATHS))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--docs", default=str(CORPUS / "docs"))
    ap.add_argument("--out", default=str(CORPUS))
    ap.add_argument("--variant", default="",
                    help="draw every layout choice from another seed (new house styles for the same texts); use with --out")
    a = ap.parse_args(argv)
    if a.variant:
        if pathlib.Path(a.out).resolve() == CORPUS:
            ap.error("--variant writes other PDFs and truth: give it its own --out")
        os.environ["CORPUS_VARIANT"] = a.variant
    paths = [p.strip() for p in a.paths.split(",") if p.strip()]
    bad = set(paths) - set(PATHS)
    if bad:
        ap.error(f"unknown paths {sorted(bad)}")
    out = pathlib.Path(a.out).resolve()
    for d in ["truth"] + [f"pdf/{p}" for p in PATHS if p in paths]:
        (out / d).mkdir(parents=True, exist_ok=True)
    work = pathlib.Path(tempfile.mkdtemp(prefix="diarium-render-"))
    specs = load_specs(a.docs, set(a.only) if a.only else None)
    print(f"{len(specs)} specs -> {out}", flush=True)
    failures = []
    t0 = time.time()
    for spec in specs:
        try:
            write_truth(spec, out)
        except Exception as e:  # noqa: BLE001
            failures.append((spec["id"], "truth", repr(e)))
    print(f"truth: {time.time() - t0:.1f}s")
    jobs = max(1, a.jobs)
    timings = {}

    if "word" in paths or "scan" in paths:
        t0 = time.time()
        todo = [s for s in specs if stale(out / "pdf/word" / f"{s['id']}.pdf", s, a.force)] if "word" in paths else []
        docx_dir = work / "docx"
        docx_dir.mkdir()
        made = []
        for s in todo:
            try:
                render_docx(s, docx_dir / f"{s['id']}.docx", work)
                made.append(s)
            except Exception as e:  # noqa: BLE001
                failures.append((s["id"], "word/docx", repr(e)))
        chunks = [made[i::jobs] for i in range(jobs)]
        pdf_dir = work / "wordpdf"
        pdf_dir.mkdir()

        def conv(k):
            chunk = chunks[k]
            for i in range(0, len(chunk), 25):
                run_soffice([docx_dir / f"{s['id']}.docx" for s in chunk[i:i + 25]], pdf_dir, work / f"lo{k}")
        with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
            list(ex.map(conv, [k for k in range(jobs) if chunks[k]]))
        for s in made:
            f = pdf_dir / f"{s['id']}.pdf"
            if f.exists():
                os.replace(f, out / "pdf/word" / f"{s['id']}.pdf")
            else:
                failures.append((s["id"], "word", "soffice produced no PDF"))
        if "word" in paths:
            timings["word"] = (time.time() - t0, len(made))
            print(f"word: {len(made)} in {time.time() - t0:.1f}s", flush=True)

    if "html" in paths:
        t0 = time.time()
        todo = [s for s in specs if stale(out / "pdf/html" / f"{s['id']}.pdf", s, a.force)]
        hdir = work / "html"
        hdir.mkdir()

        def one(s):
            try:
                hf = hdir / f"{s['id']}.html"
                hf.write_text(render_html(s, work), encoding="utf-8")
                part = hdir / f"{s['id']}.pdf"
                run_chromium(hf, part, work / f"chrome-{threading_ident()}")
                if not part.exists():
                    return (s["id"], "html", "chromium produced no PDF")
                os.replace(part, out / "pdf/html" / f"{s['id']}.pdf")
            except Exception as e:  # noqa: BLE001
                return (s["id"], "html", repr(e))
        with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
            failures += [r for r in ex.map(one, todo) if r]
        timings["html"] = (time.time() - t0, len(todo))
        print(f"html: {len(todo)} in {time.time() - t0:.1f}s", flush=True)

    if "typeset" in paths:
        t0 = time.time()
        todo = [s for s in specs if stale(out / "pdf/typeset" / f"{s['id']}.pdf", s, a.force)]
        args = [(str(s["_file"]), str(out / "pdf/typeset" / f"{s['id']}.pdf"), str(work)) for s in todo]
        if jobs > 1 and len(args) > 1:
            with concurrent.futures.ProcessPoolExecutor(jobs) as ex:
                results = list(ex.map(_typeset_job, args))
        else:
            results = [_typeset_job(x) for x in args]
        failures += [(i, "typeset", e) for i, e in results if e]
        timings["typeset"] = (time.time() - t0, len(todo))
        print(f"typeset: {len(todo)} in {time.time() - t0:.1f}s", flush=True)

    if "scan" in paths:
        t0 = time.time()
        todo = []
        for s in specs:
            wp = out / "pdf/word" / f"{s['id']}.pdf"
            if not wp.exists():
                failures.append((s["id"], "scan", "no word PDF (run the word path)"))
                continue
            if stale(out / "pdf/scan" / f"{s['id']}.pdf", s, a.force, extra=[wp]):
                todo.append(s)

        def one_scan(s):
            try:
                render_scan(s, out / "pdf/word" / f"{s['id']}.pdf", out / "pdf/scan" / f"{s['id']}.pdf", work)
            except Exception as e:  # noqa: BLE001
                return (s["id"], "scan", repr(e))
        with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
            failures += [r for r in ex.map(one_scan, todo) if r]
        timings["scan"] = (time.time() - t0, len(todo))
        print(f"scan: {len(todo)} in {time.time() - t0:.1f}s", flush=True)

    shutil.rmtree(work, ignore_errors=True)
    for p, (sec, n) in timings.items():
        files = list((out / "pdf" / p).glob("*.pdf"))
        size = sum(f.stat().st_size for f in files)
        print(f"{p:8s} rendered {n:4d} in {sec:7.1f}s; {len(files)} PDFs, {size / 1e6:.1f} MB")
    for f in failures:
        print("FAIL", *f, file=sys.stderr)
    return 1 if failures else 0


def threading_ident():
    import threading
    return threading.get_ident()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
