#!/bin/sh
# Renders every corpus spec through all production paths (word, html, typeset, scan) and writes the truth.
# Extra arguments are passed on, e.g.  corpus/tools/build.sh --paths word,typeset --only ID  or  --force
set -e
cd "$(dirname "$0")/../.."
python3 corpus/tools/check_specs.py >/dev/null || echo "warning: check_specs.py reports problems" >&2
exec python3 corpus/tools/render.py --jobs "${JOBS:-2}" "$@"
