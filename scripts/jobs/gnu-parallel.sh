#!/usr/bin/env bash
# Four shards on one machine (or, with --sshlogin, on several sharing a
# network file system) through GNU parallel.
set -euo pipefail
parallel --line-buffer diarium convert "$1" -o "$2" --shard {}/4 --jobs 1 -q ::: 1 2 3 4
