#!/usr/bin/env bash
# Benchmarks the whole Diarium pipeline beside pdftotext on the same PDFs.
#
#   scripts/bench.sh [copies]     (default 40 copies of each born-digital sample: 560 pages;
#                                  RUNS=n sets the rounds, default 10)
#
# Needs GNU time (peak memory) and pdftotext (Debian: time poppler-utils;
# installed here if missing). Prints pages per second, CPU time against
# pdftotext, the speed-up of --jobs 2, the cost of a re-run with nothing
# changed, and peak memory (which must not grow with the number of documents).
set -euo pipefail
cd "$(dirname "$0")/.."
copies="${1:-40}"
# Ten rounds: on a shared 2-core VM single runs vary by ±5 %.
runs="${RUNS:-10}"
TIMEFORMAT="%3R %3U %3S"

for tool in /usr/bin/time pdftotext; do
  if ! command -v "$tool" >/dev/null; then
    sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get install -y -qq time poppler-utils >/dev/null
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

# The commands take turns, round after round, timed by bash's `time` (to the
# millisecond, wall and the children's CPU, as getrusage reports it): on a shared
# VM the machine's speed drifts over minutes, and measuring each command's
# runs back to back (as hyperfine does) would let that drift decide the ratios.
names=("pdftotext" "pdftotext -P2" "diarium --jobs 1" "diarium --jobs 2" "diarium re-run, nothing changed")
prepares=("" "" "rm -rf $work/out1" "rm -rf $work/out2" "")
commands=(
  "find $work/corpus -name '*.pdf' -print0 | xargs -0 -n1 -P1 sh -c 'pdftotext \"\$0\" /dev/null'"
  "find $work/corpus -name '*.pdf' -print0 | xargs -0 -n1 -P2 sh -c 'pdftotext \"\$0\" /dev/null'"
  "$diarium convert $work/corpus -o $work/out1 -q --jobs 1 --pipeline $pipeline"
  "$diarium convert $work/corpus -o $work/out2 -q --jobs 2 --pipeline $pipeline"
  "$diarium convert $work/corpus -o $work/out2 -q --jobs 2 --pipeline $pipeline"
)
: > "$work/times"
for round in $(seq 0 "$runs"); do  # round 0 warms the caches and is not counted
  for i in "${!commands[@]}"; do
    [[ -n "${prepares[$i]}" ]] && sh -c "${prepares[$i]}"  # before the clock starts
    { time sh -c "${commands[$i]}" >/dev/null; } 2> "$work/t"
    if [[ $round -gt 0 ]]; then echo "$i $(tail -1 "$work/t")" >> "$work/times"; fi
  done
done

peak() {  # prints the maximum resident set size in MiB of the command
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {printf "%.0f", $2 / 1024}'
}
rm -rf "$work/m1" "$work/m2" "$work/m5"
mem1=$(peak "$diarium" convert "$work/corpus" -o "$work/m1" -q --jobs 1 --pipeline "$pipeline")
mem2=$(peak "$diarium" convert "$work/corpus" -o "$work/m2" -q --jobs 2 --pipeline "$pipeline")
mem5=$(peak "$diarium" convert "$work/corpus5x" -o "$work/m5" -q --jobs 2 --pipeline "$pipeline")
memp=$(peak sh -c "find $work/corpus -name '*.pdf' -print0 | xargs -0 -n1 -P1 sh -c 'pdftotext \"\$0\" /dev/null'")

python3 - "$work" "$pages" "$mem1" "$mem2" "$mem5" "$memp" "$((documents * 5))" "${names[@]}" <<'PY'
import statistics, sys
work, pages = sys.argv[1], int(sys.argv[2])
mem1, mem2, mem5, memp, docs5 = sys.argv[3:8]
names = sys.argv[8:]
walls, cpus = {n: [] for n in names}, {n: [] for n in names}
for line in open(f"{work}/times"):
    i, elapsed, user, system = line.split()
    walls[names[int(i)]].append(float(elapsed))
    cpus[names[int(i)]].append(float(user) + float(system))
def wall(name): return statistics.mean(walls[name])
def cpu(name): return statistics.mean(cpus[name])
base = cpu("pdftotext")
print()
print(f"| run ({len(walls[names[0]])} rounds) | wall s (mean ± σ) | CPU s | pages/s | CPU vs pdftotext |")
print("| --- | ---: | ---: | ---: | ---: |")
for name in names:
    print(f"| {name} | {wall(name):.3f} ± {statistics.pstdev(walls[name]):.3f} | {cpu(name):.3f} | {pages / wall(name):.0f} | {cpu(name) / base:.2f}× |")
print()
print(f"--jobs 2 speed-up over --jobs 1: {wall('diarium --jobs 1') / wall('diarium --jobs 2'):.2f}×")
print(f"re-run with nothing changed: {100 * wall('diarium re-run, nothing changed') / wall('diarium --jobs 2'):.1f}% of a full run")
print(f"peak memory: --jobs 1 {mem1} MiB, --jobs 2 {mem2} MiB, --jobs 2 on 5× the documents ({docs5}) {mem5} MiB; pdftotext {memp} MiB")
PY
