#!/usr/bin/env bash
# Installs the Debian packages Diarium needs to build, run and test, when
# they are missing. Safe to run again: it installs nothing already present.
#   scripts/setup.sh          build and run dependencies
#   scripts/setup.sh --test   also what the test suite uses (xmllint, Python jsonschema)
set -euo pipefail

packages=(
  pkg-config
  libpoppler-glib-dev   # extract: PDF text, fonts and positions
  libxml2-dev           # emit/validate: XML writing and XSD validation
  libhunspell-dev       # repair: Swedish lexicon and compounds
  hunspell-sv           # repair: the sv_SE dictionary
  libtesseract-dev      # ocr: Tesseract's C API
  tesseract-ocr-swe     # ocr: the Swedish model
  tesseract-ocr-eng     # ocr: the English model (languages: swe+eng for mixed documents)
  libsqlite3-dev        # the run journal (SQLite through GRDB)
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(
    libxml2-utils       # xmllint, the independent XSD check in the tests
    poppler-utils       # pdftotext, the baseline in benchmarks and tests
  )
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if (( ${#missing[@]} > 0 )); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ "${1:-}" == "--test" ]] && ! python3 -c "import jsonschema" 2>/dev/null; then
  echo "setup: installing Python jsonschema (used only by the tests)"
  python3 -m pip install --quiet jsonschema
fi
echo "setup: all dependencies present"
