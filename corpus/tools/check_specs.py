#!/usr/bin/env python3
"""Checks corpus specs against corpus/FORMAT.md: python3 corpus/tools/check_specs.py [files…]."""
import datetime
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
TYPES = {"utlatande", "tjansteutlatande", "tjansteskrivelse", "remissvar", "motion", "skrivelse",
         "delegationsbeslut", "kallelse", "protokoll", "protokollsutdrag", "other"}
KINDS = {"forslag_till_beslut", "sammanfattning", "bakgrund", "arendet", "arendets_beredning", "beredning",
         "synpunkter", "bedomning", "konsekvenser", "remissammanstallning", "remissinstans", "reservationer",
         "reservation", "bilagor", "beslutsunderlag", "yrkanden", "propositionsordning", "omrostning", "beslut",
         "protokollsanteckning", "sarskilt_yttrande", "expediering", "innehallsforteckning", "other"}
BLOCK_KEYS = {"h1", "h2", "h3", "p", "ol", "ul", "table", "sig", "vote"}
LETTERHEAD_KEYS = {"organisation", "unit", "label", "designation", "date", "dnr", "contact"}
MEETING_KEYS = {"organ", "date", "time", "place", "decisionMakers", "others", "chair", "secretary",
                "adjusters", "adjustment", "adjustmentPlace"}


def slug(text):
    table = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuaaoeu")
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")


def iso(value):
    return isinstance(value, (datetime.date,)) or bool(re.fullmatch(r"\d{4}-\d\d-\d\d", str(value)))


def check_blocks(blocks, where, errors):
    if not isinstance(blocks, list):
        errors.append(f"{where}: body must be a list of blocks")
        return
    for n, block in enumerate(blocks):
        at = f"{where}[{n}]"
        if not isinstance(block, dict):
            errors.append(f"{at}: a block is a mapping, got {block!r}")
            continue
        keys = set(block) & BLOCK_KEYS
        extra = set(block) - BLOCK_KEYS - {"kind", "authors"}
        if len(keys) != 1 or extra:
            errors.append(f"{at}: exactly one of {sorted(BLOCK_KEYS)} (plus kind/authors), got {sorted(block)}")
            continue
        key = keys.pop()
        value = block[key]
        if key in {"h1", "h2", "h3", "p"} and not (isinstance(value, str) and value.strip()):
            errors.append(f"{at}: {key} needs text")
        if "kind" in block and (key[0] != "h" or block["kind"] not in KINDS):
            errors.append(f"{at}: kind {block['kind']!r} (only on headings; one of {sorted(KINDS)})")
        if key in {"ol", "ul"} and not (isinstance(value, list) and value and all(isinstance(i, str) for i in value)):
            errors.append(f"{at}: {key} is a list of strings")
        if key == "table" and not (isinstance(value, list) and len(value) >= 2
                                   and all(isinstance(r, list) and len(r) == len(value[0]) for r in value)):
            errors.append(f"{at}: table is a list of rows of equal length (header first)")
        if key == "sig" and not (isinstance(value, list) and all(isinstance(s, list) and len(s) == 2 for s in value)):
            errors.append(f"{at}: sig is a list of [name, role]")
        if key == "vote" and isinstance(value, dict):
            # YAML 1.1 reads unquoted `yes:`/`no:` keys as booleans; the renderer maps them back.
            value = {({True: "yes", False: "no"}.get(k, k) if isinstance(k, bool) else k): x for k, x in value.items()}
        if key == "vote" and not (isinstance(value, dict) and {"yes", "no"} <= set(value)):
            errors.append(f"{at}: vote needs yes and no counts")


def check(path):
    errors = []
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return [f"{path}: not YAML: {error}"]
    if not isinstance(spec, dict):
        return [f"{path}: not a mapping"]
    for key in ("id", "organisation", "source", "type", "title"):
        if not spec.get(key):
            errors.append(f"{path}: missing {key}")
    if spec.get("id") != path.stem:
        errors.append(f"{path}: id {spec.get('id')!r} must equal the file name")
    if spec.get("organisation") and slug(spec["organisation"]) != path.parent.name:
        errors.append(f"{path}: folder must be {slug(spec['organisation'])!r}")
    if spec.get("type") not in TYPES:
        errors.append(f"{path}: type {spec.get('type')!r} not in {sorted(TYPES)}")
    letterhead = spec.get("letterhead") or {}
    if set(letterhead) - LETTERHEAD_KEYS:
        errors.append(f"{path}: unknown letterhead keys {sorted(set(letterhead) - LETTERHEAD_KEYS)}")
    if "date" in letterhead and not iso(letterhead["date"]):
        errors.append(f"{path}: letterhead date must be ISO")
    check_blocks(spec.get("body", []), f"{path}: body", errors)
    protocol = spec.get("type") in {"protokoll", "protokollsutdrag", "kallelse"}
    if protocol:
        meeting = spec.get("meeting")
        if not isinstance(meeting, dict) or not meeting.get("organ") or not iso(meeting.get("date", "")):
            errors.append(f"{path}: a {spec['type']} needs meeting.organ and an ISO meeting.date")
        elif set(meeting) - MEETING_KEYS:
            errors.append(f"{path}: unknown meeting keys {sorted(set(meeting) - MEETING_KEYS)}")
        items = spec.get("items")
        if not isinstance(items, list) or not items:
            errors.append(f"{path}: a {spec['type']} needs items")
        else:
            for n, item in enumerate(items):
                if not isinstance(item, dict) or not item.get("number") or not item.get("title"):
                    errors.append(f"{path}: items[{n}] needs number and title")
                    continue
                if "§" not in str(item["number"]):
                    errors.append(f"{path}: items[{n}].number {item['number']!r} has no §")
                check_blocks(item.get("body", []), f"{path}: items[{n}].body", errors)
            if spec["type"] == "protokoll" and len(items) < 10:
                errors.append(f"{path}: a whole-meeting protokoll has at least 10 items")
    elif "items" in spec or "meeting" in spec:
        errors.append(f"{path}: meeting/items only in protokoll, protokollsutdrag, kallelse")
    return errors


def main(args):
    paths = [pathlib.Path(a) for a in args] or sorted((ROOT / "docs").glob("*/*.yaml"))
    errors = [e for p in paths for e in check(p)]
    ids = [p.stem for p in paths]
    errors += [f"duplicate id {i}" for i in {i for i in ids if ids.count(i) > 1}]
    for error in errors:
        print(error)
    print(f"{len(paths)} specs, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
