#!/usr/bin/env bash
# Fuzzes the batch: N hostile PDFs (scripts/fuzz_corpus.py, fixed seed) converted in one batch
# with --isolate, then without, into fresh output folders. Reports files, failures, crashes and
# timeouts in children, seconds, and whether the batch process itself ever died by a signal;
# inputs whose child crashed are copied to <work>/crashes for reproduction.
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
mkdir -p "$work/crashes"
died=0
for mode in isolated plain; do
    out="$work/out-$mode"
    rm -rf "$out"
    flags=(-q --timeout 60)
    [ "$mode" = isolated ] && flags+=(--isolate)
    start=$(date +%s.%N)
    set +e
    "$diarium" convert "$work/in" -o "$out" "${flags[@]}" > "$work/$mode.log" 2>&1
    status=$?
    set -e
    seconds=$(python3 -c "print(round($(date +%s.%N) - $start, 1))")
    if [ "$status" -gt 1 ]; then died=1; echo "fuzz: $mode batch exited with status $status (a signal if > 128)" >&2; fi
    python3 - "$out/report.json" "$mode" "$status" "$seconds" "$work" <<'EOF'
import json, shutil, sys, os
report, mode, status, seconds, work = sys.argv[1:]
try:
    data = json.load(open(report))
except OSError:
    print(f"{mode}: no report (exit status {status})"); sys.exit(0)
failures = data.get("failures", [])
crashed = [f for f in failures if "crashed with signal" in f["message"]]
timeouts = [f for f in failures if "timed out" in f["message"]]
for failure in crashed:
    source = os.path.join(work, "in", os.path.basename(failure["file"]))
    if os.path.exists(source): shutil.copy(source, os.path.join(work, "crashes"))
documents = data["documents"]
print(f"{mode}: {documents['total']} files, {documents['converted']} converted, {documents['failed']} failed "
      f"({len(crashed)} crashed in a child, {len(timeouts)} timed out), exit status {status}, {float(seconds):.1f} s")
EOF
done
echo "fuzz: inputs and outputs in $work"
exit $died
