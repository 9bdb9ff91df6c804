#!/usr/bin/env bash
# Runs stage 1 of Table 4 at the paper's budgets, Adam first, then LAMB. Resumable: finished runs are
# skipped and an interrupted run resumes from its last checkpoint. Usage: run.sh [LAWN_CMD] [SWEEP...]
set -uo pipefail
cd "$(dirname "$0")"
lawn=${1:-../../lawn}; shift || true
order=("$@")
if [ ${#order[@]} -eq 0 ]; then
  for b in 1024 10240 102400 409600; do order+=("adam-wd-b$b" "adam-lawn-b$b"); done
  for b in 1024 10240 102400 409600; do order+=("lamb-wd-b$b" "lamb-lawn-b$b"); done
fi
start=$(date +%s)
for name in "${order[@]}"; do
  echo "== $name ($(( $(date +%s) - start )) s)"
  $lawn sweep "sweeps/$name.yaml" || echo "$name: some runs failed" >&2
done
echo "done in $(( $(date +%s) - start )) s"
