#!/usr/bin/env python3
"""Write docs/fields.md, the field reference of Diarium's JSON outputs, from the published schemas.

    /usr/bin/python3 scripts/field-reference.py            # writes docs/fields.md
    /usr/bin/python3 scripts/field-reference.py --check    # exits 1 when docs/fields.md is out of date

One table per object (the document, each object under $defs, and each object written inline
in an array), with each field's path, type, whether it is required, and its description.
Only the standard library is used.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = [
    ("diarium-1.schema.json", "Document outputs (`<name>.json`)", "document", ""),
    ("diarium-report-1.schema.json", "Run report (`report.json`)", "report", "report "),
]
OUT = ROOT / "docs" / "fields.md"


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    s = heading.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


class Reference:
    def __init__(self, schema, root_name, prefix):
        self.schema = schema
        self.defs = schema.get("$defs", {})
        self.prefix = prefix            # tells apart tables of the two schemas
        self.tables = []                # (name, description, rows)
        self.queued = []                # (name, schema) of objects still to write
        self.seen = set()
        self.queue(root_name, schema)

    # Objects get a table of their own; everything else is described in one cell.
    def is_object(self, s):
        if not isinstance(s, dict):
            return False
        return s.get("type") == "object" or "properties" in s

    def heading(self, name):
        return f"{self.prefix}`{name}`"

    def link(self, name):
        return f"[`{name}`](#{slug(self.heading(name))})"

    def queue(self, name, s):
        if name not in self.seen:
            self.seen.add(name)
            self.queued.append((name, s))

    def resolve(self, ref):
        assert ref.startswith("#/$defs/"), ref
        name = ref[len("#/$defs/"):]
        return name, self.defs[name]

    def type_of(self, s, owner):
        """A short description of a schema's type, queueing the objects it names."""
        if "$ref" in s:
            name, target = self.resolve(s["$ref"])
            if self.is_object(target):
                self.queue(name, target)
                return self.link(name)
            return self.type_of(target, name)
        for key in ("oneOf", "anyOf"):
            if key in s:
                parts = [p for p in s[key]]
                nulls = [p for p in parts if p.get("type") == "null"]
                rest = [self.type_of(p, owner) for p in parts if p.get("type") != "null"]
                text = " or ".join(rest)
                return text + " or null" if nulls else text
        if "const" in s:
            return f"`{json.dumps(s['const'], ensure_ascii=False)}`"
        if "enum" in s:
            return "one of " + ", ".join(f"`{v}`" for v in s["enum"])
        t = s.get("type")
        if isinstance(t, list):
            nullable = "null" in t
            t = [x for x in t if x != "null"]
            text = " or ".join(self.type_of(dict(s, type=x), owner) for x in t)
            return text + " or null" if nullable else text
        if "prefixItems" in s:
            parts = "; ".join(self.type_of(p, owner) for p in s["prefixItems"])
            return f"array [{parts}]" + ("" if s.get("items") is False else ", then more")
        if t == "array" or "items" in s:
            items = s.get("items", {})
            if self.is_object(items) and "$ref" not in items:
                name = f"{owner}[]"
                self.queue(name, items)
                inner = self.link(name)
            else:
                inner = self.type_of(items, owner)
            text = f"array of {inner}"
            if "minItems" in s or "maxItems" in s:
                lo, hi = s.get("minItems"), s.get("maxItems")
                text += f" ({lo}" + (f"–{hi}" if hi is not None and hi != lo else "") + " items)" if lo is not None else f" (≤ {hi} items)"
            return text
        if t == "object" or "properties" in s:
            name = owner
            self.queue(name, s)
            return self.link(name)
        text = t or "any"
        if "format" in s:
            text += f" ({s['format']})"
        lo, hi = s.get("minimum"), s.get("maximum")
        if lo is not None and hi is not None:
            text += f", {lo}–{hi}"
        elif lo is not None:
            text += f", ≥ {lo}"
        elif hi is not None:
            text += f", ≤ {hi}"
        if "pattern" in s and "format" not in s:
            text += f", pattern `{s['pattern']}`"
        return text

    def description(self, s):
        d = s.get("description")
        if d is None and "$ref" in s:
            _, target = self.resolve(s["$ref"])
            if not self.is_object(target):
                d = target.get("description")
        return (d or "").replace("|", "\\|").replace("\n", " ")

    def run(self):
        while self.queued:
            name, s = self.queued.pop(0)
            required = set(s.get("required", []))
            rows = []
            for field, fs in s.get("properties", {}).items():
                owner = f"{name}.{field}" if name not in ("document", "report") else field
                rows.append((field, self.type_of(fs, owner), "yes" if field in required else "no",
                             self.description(fs)))
            self.tables.append((name, s.get("description", ""), rows))
        return self.tables


def render():
    out = [
        "# Field reference",
        "",
        "Generated from the published schemas in `Schemas/` by `scripts/field-reference.py`; do not edit",
        "by hand. After changing a schema, regenerate it with:",
        "",
        "    /usr/bin/python3 scripts/field-reference.py",
        "",
        "One table per object: each field, its type, whether the key must be present, and the schema's",
        "description. In a document's JSON every key is always present (a value the document lacks is",
        "`null`, or `[]` for a list), so \"required\" is \"yes\" throughout; the XML output",
        "(`Schemas/diarium-1.xsd`) carries the same values under the same names (see the README's",
        "*Output formats*). Types link to the object they name. The Akoma Ntoso output (`--formats akn`)",
        "maps these fields onto Akoma Ntoso elements as [akoma-ntoso.md](akoma-ntoso.md) lists.",
        "",
    ]
    for file, title, root_name, prefix in SCHEMAS:
        schema = json.loads((ROOT / "Schemas" / file).read_text(encoding="utf-8"))
        tables = Reference(schema, root_name, prefix).run()
        out += [f"## {title}", "", f"Schema: `Schemas/{file}` — {schema.get('title', '')}.", ""]
        for name, desc, rows in tables:
            out += [f"### {prefix}`{name}`", ""]
            if desc and name != root_name:
                out += [desc.replace("\n", " "), ""]
            elif name == root_name and schema.get("description"):
                out += [schema["description"], ""]
            out += ["| field | type | required | description |", "| --- | --- | --- | --- |"]
            for field, typ, req, d in rows:
                out.append(f"| `{field}` | {typ.replace('|', chr(92) + '|')} | {req} | {d} |")
            out.append("")
    return "\n".join(out)


def main():
    text = render()
    if "--check" in sys.argv[1:]:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run scripts/field-reference.py", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
