#!/usr/bin/env python3
"""Derive the Swedish word-frequency prior the repair stage ships.

Reads the Swedish data of the PyPI package `wordfreq` (data CC BY-SA 4.0,
code Apache 2.0; Robyn Speer et al.) and writes
Sources/Repair/Resources/wordfreq-sv.txt: the most frequent words made of
letters (with inner hyphens), grouped by frequency bin so each word is
written once and each frequency once.

Format (UTF-8, one item a line):
  # comment lines (source, licence, parameters)
  !letters <share>   share of å/ä/ö among letters in running Swedish text,
                     weighted by frequency: the norm the damage estimate
                     compares a document against
  @<zipf×100>        starts a bin; the words below it share that Zipf value
  <word>             lower-case word

Usage: python3 scripts/derive-wordfreq.py [--top 200000] [--out PATH]
"""
import argparse
import re
import sys
from pathlib import Path

import wordfreq

WORD = re.compile(r"^[a-zåäöéüæøà]+(?:-[a-zåäöéüæøà]+)*$")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=200_000, help="words taken from the top of the list before filtering")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "Sources/Repair/Resources/wordfreq-sv.txt"))
    args = parser.parse_args()

    version = getattr(wordfreq, "__version__", None)
    if version is None:
        from importlib.metadata import version as package_version
        version = package_version("wordfreq")

    bins: dict[int, list[str]] = {}
    diacritics = 0.0
    letters = 0.0
    for word in wordfreq.top_n_list("sv", args.top, wordlist="large"):
        if not WORD.match(word):
            continue
        zipf = wordfreq.zipf_frequency(word, "sv", wordlist="large")
        if zipf <= 0:
            continue
        frequency = wordfreq.word_frequency(word, "sv", wordlist="large")
        plain = word.replace("-", "")
        letters += frequency * len(plain)
        diacritics += frequency * sum(plain.count(c) for c in "åäö")
        bins.setdefault(round(zipf * 100), []).append(word)

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        f.write(f"# Swedish word frequencies derived from wordfreq {version} (large list, top {args.top}).\n")
        f.write("# Data: wordfreq by Robyn Speer et al., CC BY-SA 4.0; derived by scripts/derive-wordfreq.py.\n")
        f.write(f"!letters {diacritics / letters:.5f}\n")
        count = 0
        for zipf in sorted(bins, reverse=True):
            f.write(f"@{zipf}\n")
            for word in sorted(bins[zipf]):
                f.write(word + "\n")
                count += 1
    print(f"wrote {count} words in {len(bins)} bins to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
