#!/usr/bin/env bash
# Prints every quality figure the README reports, from the sample corpus and
# the seed-001 truth lines. Speed and memory: scripts/bench.sh and
# scripts/bench-ocr.sh.
#   scripts/measure.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
swift build -c release >/dev/null 2>&1 || swift build -c release
diarium="$PWD/.build/release/diarium"

echo "== extract: born-digital text layer against the source text (WER of the text layer)"
for name in utlatande-ks-2025-364 tjansteutlatande-2017-54; do
  echo "-- born-digital/$name"
  "$diarium" evaluate ocr "samples/born-digital/$name.pdf" --truth "samples/$name.txt" --reocr never
done

echo
echo "== repair: seed 001, lines 1-394, against the hand correction"
"$diarium" evaluate repair --damaged Tests/RepairTests/Fixtures/001-damaged.lines-1-394.txt \
                           --truth Tests/RepairTests/Fixtures/001-truth.lines-1-394.txt
for name in utlatande-ks-2025-364 tjansteutlatande-2017-54; do
  echo "-- repair: scanned-eng/$name (tesseract -l eng text layer)"
  "$diarium" evaluate repair --damaged "samples/scanned-eng/$name.pdf" --truth "samples/$name.txt"
  echo "-- repair: born-digital/$name (must change nothing)"
  "$diarium" evaluate repair --damaged "samples/born-digital/$name.pdf" --truth "samples/$name.txt"
done

echo
echo "== ocr: image-only, and tesseract -l eng scans read again with reocr: damaged"
"$diarium" evaluate ocr samples/image-only/tjansteutlatande-2017-54.pdf --truth samples/tjansteutlatande-2017-54.txt
for name in utlatande-ks-2025-364 tjansteutlatande-2017-54; do
  echo "-- scanned-eng/$name"
  "$diarium" evaluate ocr "samples/scanned-eng/$name.pdf" --truth "samples/$name.txt"
done

echo
echo "== segment: headings and metadata over the samples"
"$diarium" evaluate segment samples

echo
echo "== segment: the structure corpus (corpus/), tuning and held-out organisations, per production path"
"$diarium" evaluate segment corpus
