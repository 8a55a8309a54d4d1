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
    python3             # test helpers: the fuzz corpus, schema cross-checks
    python3-jsonschema  # the independent JSON Schema check in the tests (Debian's, not pip's: PEP 668)
    chromium            # the review page's browser test (headless: load, screenshot, click)
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

if ! command -v swift >/dev/null; then
  echo "setup: the system packages are in place, but swift is not on PATH: install a Swift 6 toolchain" >&2
  echo "       (https://www.swift.org/install/linux/ or swiftly), then run swift build -c release" >&2
  exit 1
fi
echo "setup: all dependencies present"
