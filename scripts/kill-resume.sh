#!/usr/bin/env bash
# Kills a batch with kill -9 at N random moments and resumes it each time with the same
# command; every output must then be byte-identical to an uninterrupted run's.
#
#   scripts/kill-resume.sh [N] [seed] [work-folder]      (N defaults to 20, seed to 1)
#
# The inputs are samples/ (born-digital, scanned and image-only documents, and the bad files,
# which must fail the same way) plus, where corpus/pdf is present, one PDF of each kind of
# corpus/pdf/word, html and typeset and the smallest scan of corpus/pdf/scan. They are
# converted once uninterrupted as the reference; then, per round, into a fresh folder:
# convert, kill -9 after a delay drawn from the seed (uniform over the reference run's length,
# so startup, the middle and the end are all hit), then the same command again, which must
# finish with status 0 or 1. Compared with the reference: every .xml, .json and .txt output
# byte for byte, and report.json's set of failed files and stages (its counts and timings
# say what each run did, so they differ by design). Leftover temporary files count as a
# difference too. Exits 1 when any round differs, 2 on a setup error.
#
# DIARIUM names the executable (default: the release build, else the debug build).
set -euo pipefail
rounds=${1:-20}
seed=${2:-1}
work=${3:-$(mktemp -d /tmp/diarium-kill-resume.XXXXXX)}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${DIARIUM:-}" ]; then
    DIARIUM=$root/.build/release/diarium
    [ -x "$DIARIUM" ] || DIARIUM=$root/.build/debug/diarium
fi
[ -x "$DIARIUM" ] || { echo "kill-resume: $DIARIUM not built; run swift build -c release first" >&2; exit 2; }
case $rounds in ''|*[!0-9]*) echo "kill-resume: N must be a whole number" >&2; exit 2;; esac

# Inputs: a copy, so the samples and the corpus are never written to.
inputs=$work/in
rm -rf "$inputs"
mkdir -p "$inputs"
(cd "$root/samples" && find . -name '*.pdf' -print0 | while IFS= read -r -d '' file; do
    mkdir -p "$inputs/samples/$(dirname "$file")"
    cp "$file" "$inputs/samples/$file"
done)
if [ -d "$root/corpus/pdf" ]; then
    mkdir -p "$inputs/corpus"
    for kind in word html typeset; do
        first=$(find "$root/corpus/pdf/$kind" -name '*.pdf' 2>/dev/null | LC_ALL=C sort | awk "NR == 1")
        [ -n "$first" ] && cp "$first" "$inputs/corpus/$kind-$(basename "$first")"
    done
    # The smallest scan: a real scan's OCR, without making each round minutes long.
    scan=$(find "$root/corpus/pdf/scan" -name '*.pdf' -printf '%s %p\n' 2>/dev/null | LC_ALL=C sort -n | awk "NR == 1" | cut -d' ' -f2-)
    [ -n "$scan" ] && cp "$scan" "$inputs/corpus/scan-$(basename "$scan")"
fi
documents=$(find "$inputs" -name '*.pdf' | wc -l)

# One command for every run: resuming means running exactly this again.
convert() { "$DIARIUM" convert "$inputs" -o "$1" -q --jobs 2; }

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }

began=$(now)
reference=$work/reference
rm -rf "$reference"
set +e
convert "$reference" > "$work/reference.log" 2>&1
status=$?
set -e
if [ "$status" -gt 1 ]; then echo "kill-resume: the reference run exited with status $status; see $work/reference.log" >&2; exit 2; fi
reference_seconds=$(elapsed "$began" "$(now)")
echo "kill-resume: $documents PDFs, reference run $reference_seconds s (exit status $status), $rounds rounds, seed $seed"

# The delays, all drawn up front from the seed so a failing round can be replayed.
mapfile -t delays < <(python3 -c "
import random, sys
rounds, seed, length = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
generator = random.Random(seed)
for _ in range(rounds): print(f'{generator.uniform(0.05, length):.2f}')
" "$rounds" "$seed" "$reference_seconds")

# Compares a resumed folder with the reference; prints one word (identical or differing) and,
# on stderr, what differs.
compare() {
    python3 - "$reference" "$1" <<'EOF'
import json, os, sys
reference, resumed = sys.argv[1:]

def outputs(folder):
    files = {}
    for directory, subfolders, names in os.walk(folder):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            if name.rsplit(".", 1)[-1] in ("xml", "json", "txt") and not name.startswith("report"):
                path = os.path.join(directory, name)
                with open(path, "rb") as file:
                    files[os.path.relpath(path, folder)] = file.read()
    return files

def failed(folder):
    with open(os.path.join(folder, "report.json")) as file:
        report = json.load(file)
    return sorted((failure["file"], failure["stage"]) for failure in report.get("failures", []))

problems = []
expected, got = outputs(reference), outputs(resumed)
for name in sorted(set(expected) | set(got)):
    if name not in got: problems.append(f"missing {name}")
    elif name not in expected: problems.append(f"extra {name}")
    elif expected[name] != got[name]: problems.append(f"differs {name}")
try:
    if failed(reference) != failed(resumed):
        problems.append(f"failures {failed(resumed)} instead of {failed(reference)}")
except (OSError, ValueError, KeyError) as error:
    problems.append(f"report.json: {error}")
for directory, _, names in os.walk(resumed):
    problems += [f"leftover {os.path.join(directory, name)}" for name in names if name.endswith(".tmp")]
for problem in problems: print(f"  {problem}", file=sys.stderr)
print("differing" if problems else "identical")
EOF
}

identical=0
differing=0
missed=0
printf '%5s  %8s  %14s  %13s  %s\n' round "kill at" "outputs before" "resume status" result
for round in $(seq 1 "$rounds"); do
    out=$work/round-$round
    rm -rf "$out"
    delay=${delays[$((round - 1))]}
    "$DIARIUM" convert "$inputs" -o "$out" -q --jobs 2 > "$work/round-$round.log" 2>&1 &
    pid=$!
    sleep "$delay"
    # A run that already ended is not killed: the round then only checks a rerun.
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; else missed=$((missed + 1)); fi
    wait "$pid" 2>/dev/null || true
    before=$(find "$out" -path "$out/.diarium" -prune -o \( -name '*.xml' -o -name '*.txt' -o -name '*.json' \) ! -name 'report*' -print 2>/dev/null | wc -l)
    set +e
    convert "$out" >> "$work/round-$round.log" 2>&1
    resumed=$?
    set -e
    if [ "$resumed" -gt 1 ]; then
        result=differing
        echo "  the resumed run exited with status $resumed; see $work/round-$round.log" >&2
    else
        result=$(compare "$out")
    fi
    if [ "$result" = identical ]; then identical=$((identical + 1)); rm -rf "$out"; else differing=$((differing + 1)); fi
    printf '%5d  %7ss  %14d  %13d  %s\n' "$round" "$delay" "$before" "$resumed" "$result"
done
seconds=$(elapsed "$began" "$(now)")

echo
echo "| rounds | byte-identical | differing | killed after the run ended | seconds |"
echo "| ---: | ---: | ---: | ---: | ---: |"
echo "| $rounds | $identical | $differing | $missed | $seconds |"
echo "kill-resume: work folder $work (differing rounds are kept as round-N)"
[ "$differing" -eq 0 ]
