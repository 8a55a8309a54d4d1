#!/usr/bin/env bash
# A Slurm array job: 16 tasks share one input tree and one output folder.
# Each task converts the documents of its shard; the shards never overlap,
# so no two tasks write the same file, and the journal (SQLite, WAL) takes
# their records side by side. Submit with:  sbatch scripts/jobs/slurm-array.sh
#SBATCH --job-name=diarium
#SBATCH --array=1-16
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=08:00:00
set -euo pipefail
diarium convert /archive/pdf -o /archive/diarium \
  --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" \
  --jobs "${SLURM_CPUS_PER_TASK}" --isolate --timeout 300 -q
# Afterwards: diarium status /archive/diarium ; each shard wrote report-shard-K-of-16.json.
