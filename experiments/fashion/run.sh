#!/usr/bin/env bash
# Runs the Fashion-MNIST sweeps, most informative first (resumable: finished runs are skipped, an
# interrupted one resumes from its last checkpoint). Usage: run.sh [LAWN_CMD]
set -uo pipefail
cd "$(dirname "$0")"
lawn=${1:-../../lawn}
start=$(date +%s)
for name in table3-adam-b4096 table3-adam-b10240 table3-sgd-b10240 table3-sgd-b4096 \
    table3-adam-b256 table3-adam-lawn-b256 table3-sgd-b256 \
    table3-adam-lawn-b4096 table3-adam-lawn-b10240 \
    efree-adam-lawn-b4096 table3-lamb-b4096 table3-lamb-lawn-b4096; do
  echo "== $name ($(( $(date +%s) - start )) s)"
  $lawn sweep "sweeps/$name.yaml" || echo "$name: some runs failed" >&2
done
echo "all sweeps done in $(( $(date +%s) - start )) s"
