#!/usr/bin/env bash
# Table 4 at the paper's budgets (issue 18), all of it, resumably: stage 1 of each cell (run.sh: the
# grid on seed 1), then stages 2 and 3 of each cell whose stage 1 has finished (stage2.sh: the two best
# points on seeds 2-3, the chosen point on test seeds 11-13). Finished runs and sweeps are skipped, an
# interrupted run resumes from its checkpoint: rerun this after any interruption.
# Usage: all.sh [LAWN_CMD] [CELL...]
#   CELL default: Adam + WD and Adam-LAWN at 1k, 10k, 100k and 400k (the issue's order of priority;
#   the LAMB cells, lamb-wd-bN and lamb-lawn-bN, only when named).
# Report: experiments/report.sh (stage 1 grids), lawn report runs/table4-paper/CELL-test (a cell's test seeds).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lawn=${1:-$here/../../lawn}; shift || true
# A path relative to where this was started (./lawn) must survive the cd below.
[[ $lawn == */* && $lawn != /* ]] && lawn=$(cd "$(dirname "$lawn")" && pwd)/$(basename "$lawn")
cd "$here"
cells=("$@")
if [ ${#cells[@]} -eq 0 ]; then
  for b in 1024 10240 102400 409600; do cells+=("adam-wd-b$b"); done
  for b in 1024 10240 102400 409600; do cells+=("adam-lawn-b$b"); done
fi
./run.sh "$lawn" "${cells[@]}"
./stage2.sh "$lawn" "${cells[@]}"
