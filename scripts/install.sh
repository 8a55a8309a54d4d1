#!/usr/bin/env bash
# Installs diarium so it runs from anywhere, without the source tree or the build folder:
#   <prefix>/bin/diarium
#   <prefix>/share/diarium/{pipelines,schemas,repair}/   the default pipelines, the schemas, the repair data
#   <prefix>/share/diarium/BUILD                        the git commit (diarium --version prints it)
#   <prefix>/share/man/man1/diarium.1                   when swift-argument-parser's generate-manual tool is built
#   bash, zsh and fish completion scripts
#
#   scripts/install.sh [--prefix DIR] [--no-build] [--build-folder DIR]
#     --prefix DIR        where to install (default /usr/local)
#     --no-build          install what is already built (no swift build; the man page needs a built generate-manual)
#     --build-folder DIR  the folder holding the built diarium (default: swift build -c release's)
# The binary finds these files by its own location, so a link to <prefix>/bin/diarium works too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=/usr/local
build=1
bin=""
while (( $# > 0 )); do
    case "$1" in
        --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
        --no-build) build=0; shift ;;
        --build-folder) bin=${2:?--build-folder needs a folder}; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

cd "$root"
if (( build )); then
    command -v swift >/dev/null || { echo "install: swift is not on PATH; get a Swift 6 toolchain from https://www.swift.org/install/linux/ and run scripts/setup.sh" >&2; exit 2; }
    swift build -c release
    bin=${bin:-$(swift build -c release --show-bin-path)}
fi
bin=${bin:-$root/.build/release}
[ -x "$bin/diarium" ] || { echo "install: no built diarium in $bin (run without --no-build, or pass --build-folder)" >&2; exit 2; }

share="$prefix/share/diarium"
# Everything is staged beside the prefix and moved into place, so an interrupted install
# never leaves a binary without its data files.
stage=$(mktemp -d "${prefix%/}/.diarium-install.XXXXXX" 2>/dev/null || { mkdir -p "$prefix" && mktemp -d "${prefix%/}/.diarium-install.XXXXXX"; })
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/share/pipelines" "$stage/share/schemas" "$stage/share/repair"
install -m 755 "$bin/diarium" "$stage/bin/diarium"
install -m 644 Pipelines/*.yaml "$stage/share/pipelines/"
install -m 644 Schemas/* "$stage/share/schemas/"
install -m 644 Sources/Repair/Resources/confusions.tsv Sources/Repair/Resources/wordfreq-sv.txt Sources/Repair/Resources/README.md "$stage/share/repair/"
install -m 644 LICENSE "$stage/share/LICENSE"
git -C "$root" rev-parse HEAD > "$stage/share/BUILD" 2>/dev/null || echo unknown > "$stage/share/BUILD"

mkdir -p "$stage/completions"
"$stage/bin/diarium" --generate-completion-script bash > "$stage/completions/diarium"
"$stage/bin/diarium" --generate-completion-script zsh > "$stage/completions/_diarium"
"$stage/bin/diarium" --generate-completion-script fish > "$stage/completions/diarium.fish"
# The man page is made by swift-argument-parser's generate-manual tool (the manual plugin's)
# from the very binary being installed, so --no-build installs one too. Running the tool
# directly, not the plugin, avoids the plugin's rebuild of the whole package. With --no-build
# nothing is compiled: the tool must already be built (beside the binary or in this checkout).
manual_tool=""
if (( build )) && swift build -c release --product generate-manual >/dev/null 2>&1; then
    manual_tool="$(swift build -c release --show-bin-path)/generate-manual"
fi
for candidate in "$bin/generate-manual" "$root/.build/release/generate-manual" "$root/.build/debug/generate-manual"; do
    [ -n "$manual_tool" ] && break
    [ -x "$candidate" ] && manual_tool=$candidate
done
manual=""
if [ -n "$manual_tool" ] && [ -x "$manual_tool" ]; then
    mkdir -p "$stage/man"
    if "$manual_tool" "$stage/bin/diarium" --output-directory "$stage/man" >/dev/null 2>&1 && [ -s "$stage/man/diarium.1" ]; then
        manual="$stage/man/diarium.1"
    fi
fi
[ -n "$manual" ] || echo "install: no man page (swift-argument-parser's generate-manual is not built; \`swift build --product generate-manual\` builds it)" >&2

mkdir -p "$prefix/bin" "$share" "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
         "$prefix/share/fish/vendor_completions.d" "$prefix/share/man/man1"
rm -rf "$share.new" && mv "$stage/share" "$share.new" && rm -rf "$share" && mv "$share.new" "$share"
mv -f "$stage/completions/diarium" "$prefix/share/bash-completion/completions/diarium"
mv -f "$stage/completions/_diarium" "$prefix/share/zsh/site-functions/_diarium"
mv -f "$stage/completions/diarium.fish" "$prefix/share/fish/vendor_completions.d/diarium.fish"
if [ -n "$manual" ]; then install -m 644 "$manual" "$prefix/share/man/man1/diarium.1"; fi
mv -f "$stage/bin/diarium" "$prefix/bin/diarium"
echo "install: $("$prefix/bin/diarium" --version) in $prefix/bin, data in $share"
