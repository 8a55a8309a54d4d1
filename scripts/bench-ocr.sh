#!/usr/bin/env bash
# Benchmarks the OCR stage: pages read per second with --jobs 1 and --jobs 2.
#
#   scripts/bench-ocr.sh [copies]     (default 4 copies of the image-only sample: 20 pages)
#
# The corpus is copies of samples/image-only/ (scans without a text layer),
# converted with a pipeline of extract → ocr → emit, so the time is almost
# all rendering and recognition. Each document runs on one thread with its
# own Tesseract engine, so --jobs bounds the cores used; the CPU column shows
# it (user + system seconds against wall-clock seconds).
# Uses DIARIUM=<binary> when set, else builds .build/release/diarium.
# Needs hyperfine and pdfinfo (Debian: hyperfine poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
copies="${1:-4}"

for tool in hyperfine pdfinfo; do
  command -v "$tool" >/dev/null || { echo "bench-ocr: $tool is missing (apt-get install hyperfine poppler-utils)" >&2; exit 1; }
done
if [[ -z "${DIARIUM:-}" ]]; then
  scripts/setup.sh >/dev/null
  swift build -c release >/dev/null 2>&1 || swift build -c release
  DIARIUM="$PWD/.build/release/diarium"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
for sample in samples/image-only/*.pdf; do
  for i in $(seq 1 "$copies"); do cp "$sample" "$work/corpus/$(basename "$sample" .pdf)-$i.pdf"; done
done
pages=0
for f in "$work"/corpus/*.pdf; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done
echo "corpus: $(ls "$work/corpus" | wc -l) image-only PDFs, $pages pages (samples/image-only × $copies)"

cat > "$work/ocr.yaml" <<'YAML'
name: bench-ocr
version: 1
stages:
  - id: extract
  - id: ocr
    settings:
      dpi: 300
  - id: emit
    settings:
      formats: [txt]
YAML

hyperfine --style basic --runs 2 --export-json "$work/times.json" \
  --prepare "rm -rf $work/out1" -n "jobs 1" "$DIARIUM convert $work/corpus -o $work/out1 -q --jobs 1 --pipeline $work/ocr.yaml" \
  --prepare "rm -rf $work/out2" -n "jobs 2" "$DIARIUM convert $work/corpus -o $work/out2 -q --jobs 2 --pipeline $work/ocr.yaml" \
  >/dev/null

python3 - "$work" "$pages" <<'PY'
import glob, json, sys
work, pages = sys.argv[1], int(sys.argv[2])
runs = {r["command"]: r for r in json.load(open(f"{work}/times.json"))["results"]}
# The stage's own time per page (render + recognise), from the last run's artifacts.
per_page = [p["ocr"]["seconds"] for f in glob.glob(f"{work}/out1/.diarium/artifacts/*/ocr.json")
            for p in json.load(open(f))["pages"] if p.get("ocr")]
print(f"{'':10} {'wall s':>8} {'pages/s':>8} {'CPU s':>8} {'cores':>6}")
for name in ("jobs 1", "jobs 2"):
    r = runs[name]
    cpu = r["user"] + r["system"]
    print(f"{name:10} {r['mean']:8.1f} {pages / r['mean']:8.2f} {cpu:8.1f} {cpu / r['mean']:6.2f}")
print(f"speed-up of --jobs 2: {runs['jobs 1']['mean'] / runs['jobs 2']['mean']:.2f}×")
if per_page:
    print(f"OCR stage per page (--jobs 1): mean {sum(per_page) / len(per_page):.2f} s over {len(per_page)} pages")
PY
