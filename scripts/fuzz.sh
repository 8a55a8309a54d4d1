#!/usr/bin/env bash
# Fuzzes the batch: N hostile PDFs (scripts/fuzz_corpus.py, fixed seed) and the good documents of
# samples/born-digital, converted in one batch with --isolate, then without, each twice into the
# same output folder (the second run meets the journal's failures and the cache). Reports files,
# failures, crashes and timeouts in children, seconds, and whether the batch process itself ever
# died by a signal; inputs whose child crashed are copied to <work>/crashes for reproduction.
# Checks, per mode and run: every input is in report.json (converted, up to date, or failed with
# a cause), the good documents' outputs are byte-identical to a run of the good documents alone,
# and `diarium validate` accepts every output. Exits 1 when a check fails or a batch died.
#
#   scripts/fuzz.sh 2000 [seed] [work-folder]
set -euo pipefail
count=${1:?usage: scripts/fuzz.sh N [seed] [work-folder]}
seed=${2:-1}
work=${3:-$(mktemp -d /tmp/diarium-fuzz.XXXXXX)}
root=$(cd "$(dirname "$0")/.." && pwd)
diarium=${DIARIUM:-$root/.build/release/diarium}
[ -x "$diarium" ] || { echo "fuzz: $diarium not built; run swift build -c release first" >&2; exit 2; }

python3 "$root/scripts/fuzz_corpus.py" --out "$work/in" --count "$count" --seed "$seed"
# The good documents in a folder of their own, so their outputs have the same relative paths
# beside the hostile files as in the reference run without them.
rm -rf "$work/in/good" "$work/good-alone" "$work/out-good-alone"
mkdir -p "$work/in/good" "$work/good-alone/good" "$work/crashes"
cp "$root"/samples/born-digital/*.pdf "$work/in/good/"
cp "$root"/samples/born-digital/*.pdf "$work/good-alone/good/"
good=$(find "$work/in/good" -name '*.pdf' | wc -l)
inputs=$(find "$work/in" -name '*.pdf' | wc -l)
set +e
"$diarium" convert "$work/good-alone" -o "$work/out-good-alone" -q > "$work/good-alone.log" 2>&1
status=$?
set -e
[ "$status" -eq 0 ] || { echo "fuzz: the good documents alone did not convert (status $status); see $work/good-alone.log" >&2; exit 2; }

failed_checks=0
for mode in isolated plain; do
    out="$work/out-$mode"
    rm -rf "$out"
    flags=(-q --timeout 60)
    [ "$mode" = isolated ] && flags+=(--isolate)
    for run in 1 2; do
        start=$(date +%s.%N)
        set +e
        "$diarium" convert "$work/in" -o "$out" "${flags[@]}" > "$work/$mode-$run.log" 2>&1
        status=$?
        set -e
        seconds=$(python3 -c "print(round($(date +%s.%N) - $start, 1))")
        if [ "$status" -gt 1 ]; then
            failed_checks=1
            echo "fuzz: $mode batch (run $run) exited with status $status (a signal if > 128)" >&2
        fi
        set +e
        python3 - "$out/report.json" "$mode" "$run" "$status" "$seconds" "$work" "$inputs" <<'PYTHON'
import json, shutil, sys, os
report, mode, run, status, seconds, work, inputs = sys.argv[1:]
try:
    data = json.load(open(report))
except (OSError, ValueError) as error:
    print(f"{mode}, run {run}: no report ({error}; exit status {status})"); sys.exit(1)
failures = data.get("failures", [])
crashed = [f for f in failures if "crashed with signal" in f["message"]]
timeouts = [f for f in failures if "timed out" in f["message"]]
for failure in crashed:
    source = os.path.join(work, "in", os.path.basename(failure["file"]))
    if os.path.exists(source): shutil.copy(source, os.path.join(work, "crashes"))
documents = data["documents"]
print(f"{mode}, run {run}: {documents['total']} files, {documents['converted']} converted, "
      f"{documents['upToDate']} up to date, {documents['failed']} failed ({len(crashed)} crashed in a child, "
      f"{len(timeouts)} timed out), exit status {status}, {float(seconds):.1f} s")
problems = []
accounted = documents["converted"] + documents["upToDate"] + documents["failed"]
if documents["total"] != int(inputs) or accounted != int(inputs):
    problems.append(f"{inputs} inputs, but the report counts {documents['total']} and accounts for {accounted}")
if len(failures) != documents["failed"] or not all(f.get("message") and f.get("file") for f in failures):
    problems.append("a failure without its file or cause")
for problem in problems: print(f"fuzz: {mode}, run {run}: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PYTHON
        accounted=$?
        diff -r "$work/out-good-alone/good" "$out/good" > "$work/$mode-$run.good.diff" 2>&1
        identical=$?
        "$diarium" validate "$out" > "$work/$mode-$run.validate.log" 2>&1
        validated=$?
        set -e
        [ "$accounted" -eq 0 ] || failed_checks=1
        if [ "$identical" -ne 0 ]; then
            failed_checks=1
            echo "fuzz: $mode, run $run: the good documents' outputs differ beside the hostile files; see $work/$mode-$run.good.diff" >&2
        fi
        if [ "$validated" -ne 0 ]; then
            failed_checks=1
            echo "fuzz: $mode, run $run: diarium validate rejected an output (status $validated); see $work/$mode-$run.validate.log" >&2
        fi
    done
done
echo "fuzz: $good good documents among $inputs inputs; inputs and outputs in $work"
if [ "$failed_checks" -eq 0 ]; then
    echo "fuzz: every report complete, the good documents byte-identical to a run without the hostile files, every output valid"
fi
exit $failed_checks
