#!/usr/bin/env python3
"""Learn the OCR confusion weights the repair stage ships.

Takes pairs of texts: OCR output and its hand-checked truth (for example the
first 394 lines of seed 001 and their correction). Words are aligned with
difflib, then characters inside each aligned word pair; every place where the
intended text differs from the printed one is counted as a confusion
`intended → printed` (one or two characters each side, so `ä → é&` and
`m → rn` are learnt too). Also counted: how often each intended character
was seen at all, so a count becomes a rate.

Writes Sources/Repair/Resources/confusions.tsv:
  # comments
  intended<TAB>printed<TAB>count<TAB>intendedSeen

Usage: python3 scripts/derive-confusions.py OCR.txt TRUTH.txt [OCR.txt TRUTH.txt ...] [--out PATH]

An OCR text may also be a PDF with a text layer (a tesseract scan): its text
is read with `pdftotext`.
"""
import argparse
import difflib
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

# Word characters as the repair stage sees them: letters, digits and the
# glyphs an engine without Swedish puts where å/ä/ö/I stood.
TOKEN = re.compile(r"[\w&|]+(?:-[\w&|]+)*")


# Confusions the OCR damage catalogue (shared/DOMAIN.md) and the genre show
# but a given training pair may lack: each gets one pseudo-observation, so the
# repair can consider it at a low rate instead of never.
CATALOGUE = [
    ("ö", "g"), ("ö", "0"), ("ö", "t"), ("ö", "6"), ("ä", "&"), ("å", "d"),
    ("ä", "é&"), ("ä", "éa"), ("ö", "é"), ("ä", "é"),
    ("m", "rn"), ("rn", "m"), ("l", "1"), ("l", "i"), ("l", "|"), ("i", "l"), ("i", "1"),
    ("å", "ä"), ("ä", "å"), ("a", "s"), ("ll", "li"), ("ll", "il"),
]


def words(text: str) -> list[str]:
    return TOKEN.findall(text)


def count_pair(intended: str, printed: str, confusions: Counter) -> None:
    matcher = difflib.SequenceMatcher(a=intended, b=printed, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        a, b = intended[i1:i2], printed[j1:j2]
        if len(a) <= 2 and len(b) <= 2:
            confusions[(a, b)] += 1


def read(path: str) -> str:
    if path.lower().endswith(".pdf"):
        return subprocess.run(["pdftotext", path, "-"], check=True, capture_output=True, text=True).stdout
    return Path(path).read_text(encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", help="pairs: OCR text, then its truth")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "Sources/Repair/Resources/confusions.tsv"))
    args = parser.parse_args()
    if len(args.files) % 2:
        parser.error("give the files in pairs: OCR text, then its truth")

    confusions: Counter = Counter()
    seen: Counter = Counter()
    for ocr_path, truth_path in zip(args.files[::2], args.files[1::2]):
        ocr = words(read(ocr_path))
        truth = words(Path(truth_path).read_text(encoding="utf-8"))
        for word in truth:
            seen.update(word.lower())
        matcher = difflib.SequenceMatcher(a=truth, b=ocr, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            # Only word-for-word replacements teach a character confusion;
            # split or merged words would teach noise.
            if op == "replace" and i2 - i1 == j2 - j1:
                for intended, printed in zip(truth[i1:i2], ocr[j1:j2]):
                    count_pair(intended.lower(), printed.lower(), confusions)

    for pair in CATALOGUE:
        if pair not in confusions:
            confusions[pair] = 1

    out = Path(args.out)
    with out.open("w", encoding="utf-8") as f:
        f.write("# OCR confusions intended → printed, learnt by scripts/derive-confusions.py from:\n")
        for ocr_path, truth_path in zip(args.files[::2], args.files[1::2]):
            f.write(f"#   {Path(ocr_path).name} against {Path(truth_path).name}\n")
        f.write("# intended\tprinted\tcount\tintendedSeen (how often the intended text occurred)\n")
        for (a, b), n in sorted(confusions.items(), key=lambda item: (-item[1], item[0])):
            if not a:
                total = sum(seen.values())  # an inserted glyph: per character read
            elif len(a) == 1:
                total = seen[a]
            else:
                total = max(n, min(seen[c] for c in a))
            f.write(f"{a}\t{b}\t{n}\t{max(total, n)}\n")
    print(f"wrote {len(confusions)} confusions to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
