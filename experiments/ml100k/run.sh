#!/usr/bin/env bash
# Runs every MovieLens-100k sweep of the reproduction, most informative first. Resumable: finished
# runs are skipped, so rerun it after an interruption. Usage: experiments/ml100k/run.sh [LAWN_CMD]
# LAWN_CMD defaults to the repository's ./lawn launcher.
set -uo pipefail
cd "$(dirname "$0")"
lawn=${1:-../../lawn}
order=(
  table4-adam-b1024 table4-adam-lawn-b1024 table4-adam-b10240 table4-adam-lawn-b10240
  table4-lamb-b1024 table4-lamb-lawn-b1024 table4-lamb-b10240 table4-lamb-lawn-b10240
  table4-sgd-b1024 table4-sgd-b10240
  table2-lsr-b10240 table2-hoffer-b10240
  table4-adam-b102400 table4-adam-lawn-b102400 table4-adam-b409600 table4-adam-lawn-b409600
  table2-lsr-b102400 table2-hoffer-b102400
  table5-adam-focal0.5 table5-adam-lawn-focal0.5 table5-adam-focal2 table5-adam-lawn-focal2
  table5-adam-focal5 table5-adam-lawn-focal5
  table4-lamb-b102400 table4-lamb-lawn-b102400 table4-lamb-b409600 table4-lamb-lawn-b409600
  table4-sgd-b102400 table4-sgd-b409600
)
start=$(date +%s)
$lawn sweep figure1-adam.yaml || echo "figure1-adam: some runs failed" >&2
$lawn sweep figure1-lawn.yaml || echo "figure1-lawn: some runs failed" >&2
for name in "${order[@]}"; do
  echo "== $name ($(( $(date +%s) - start )) s)"
  $lawn sweep "sweeps/$name.yaml" || echo "$name: some runs failed" >&2
done
echo "all sweeps done in $(( $(date +%s) - start )) s"
