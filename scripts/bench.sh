#!/usr/bin/env bash
# Benchmarks the whole Diarium pipeline beside pdftotext on the same PDFs.
#
#   scripts/bench.sh [copies]     (default 40 copies of each born-digital sample: 560 pages;
#                                  RUNS=n sets the runs per command, default 10)
#
# Needs hyperfine, GNU time and pdftotext (Debian: hyperfine time poppler-utils;
# installed here if missing). Prints pages per second, CPU time against
# pdftotext, the speed-up of --jobs 2, the cost of a re-run with nothing
# changed, and peak memory (which must not grow with the number of documents).
set -euo pipefail
cd "$(dirname "$0")/.."
copies="${1:-40}"
# Ten runs each: on a shared 2-core VM single runs vary by ±5 %.
runs="${RUNS:-10}"

for tool in hyperfine /usr/bin/time pdftotext; do
  if ! command -v "$tool" >/dev/null; then
    sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get install -y -qq hyperfine time poppler-utils >/dev/null
    break
  fi
done
scripts/setup.sh >/dev/null
swift build -c release >/dev/null 2>&1 || swift build -c release
diarium="$PWD/.build/release/diarium"
pipeline="$PWD/Pipelines/council.yaml"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
make_corpus() {  # folder, copies
  mkdir -p "$1"
  for sample in samples/born-digital/*.pdf; do
    for i in $(seq 1 "$2"); do cp "$sample" "$1/$(basename "$sample" .pdf)-$i.pdf"; done
  done
}
make_corpus "$work/corpus" "$copies"
make_corpus "$work/corpus5x" $((copies * 5))
pages=0
for f in "$work"/corpus/*.pdf; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done
documents=$(ls "$work/corpus" | wc -l)
echo "corpus: $documents born-digital PDFs, $pages pages (samples/born-digital × $copies)"

bench() {  # output json, then hyperfine arguments
  local json="$1"; shift
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$json" "$@" >/dev/null
}
bench "$work/t1.json" \
  -n "pdftotext" "find $work/corpus -name '*.pdf' -print0 | xargs -0 -n1 -P1 sh -c 'pdftotext \"\$0\" /dev/null'" \
  -n "pdftotext -P2" "find $work/corpus -name '*.pdf' -print0 | xargs -0 -n1 -P2 sh -c 'pdftotext \"\$0\" /dev/null'"
bench "$work/t2.json" \
  --prepare "rm -rf $work/out1" -n "diarium --jobs 1" "$diarium convert $work/corpus -o $work/out1 -q --jobs 1 --pipeline $pipeline" \
  --prepare "rm -rf $work/out2" -n "diarium --jobs 2" "$diarium convert $work/corpus -o $work/out2 -q --jobs 2 --pipeline $pipeline"
bench "$work/t3.json" \
  -n "diarium re-run, nothing changed" "$diarium convert $work/corpus -o $work/out2 -q --jobs 2 --pipeline $pipeline"

peak() {  # prints the maximum resident set size in MiB of the command
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {printf "%.0f", $2 / 1024}'
}
rm -rf "$work/m1" "$work/m2" "$work/m5"
mem1=$(peak "$diarium" convert "$work/corpus" -o "$work/m1" -q --jobs 1 --pipeline "$pipeline")
mem2=$(peak "$diarium" convert "$work/corpus" -o "$work/m2" -q --jobs 2 --pipeline "$pipeline")
mem5=$(peak "$diarium" convert "$work/corpus5x" -o "$work/m5" -q --jobs 2 --pipeline "$pipeline")
memp=$(peak sh -c "find $work/corpus -name '*.pdf' -print0 | xargs -0 -n1 -P1 sh -c 'pdftotext \"\$0\" /dev/null'")

python3 - "$work" "$pages" "$mem1" "$mem2" "$mem5" "$memp" "$((documents * 5))" <<'PY'
import json, sys
runs = {r["command"]: r for part in ("t1", "t2", "t3") for r in json.load(open(f"{sys.argv[1]}/{part}.json"))["results"]}
pages = int(sys.argv[2])
mem1, mem2, mem5, memp, docs5 = sys.argv[3:8]
def cpu(name): return runs[name]["user"] + runs[name]["system"]
def wall(name): return runs[name]["mean"]
base = cpu("pdftotext")
print()
print("| run | wall s (mean ± σ) | CPU s | pages/s | CPU vs pdftotext |")
print("| --- | ---: | ---: | ---: | ---: |")
for name in runs:
    print(f"| {name} | {wall(name):.3f} ± {runs[name]['stddev']:.3f} | {cpu(name):.3f} | {pages / wall(name):.0f} | {cpu(name) / base:.2f}× |")
print()
print(f"--jobs 2 speed-up over --jobs 1: {wall('diarium --jobs 1') / wall('diarium --jobs 2'):.2f}×")
print(f"re-run with nothing changed: {100 * wall('diarium re-run, nothing changed') / wall('diarium --jobs 2'):.1f}% of a full run")
print(f"peak memory: --jobs 1 {mem1} MiB, --jobs 2 {mem2} MiB, --jobs 2 on 5× the documents ({docs5}) {mem5} MiB; pdftotext {memp} MiB")
PY
