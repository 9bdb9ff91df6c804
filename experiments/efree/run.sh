#!/usr/bin/env bash
# Runs the automatic E_free evaluation (issue 18): every sweep of sweeps/ (write them with
# generate.sh [table4|paper] first), the rules before the grid at each batch size, smallest batch
# first. Resumable: finished runs are skipped and unfinished ones resume from their last checkpoint,
# so rerun it after an interruption. Usage: experiments/efree/run.sh [LAWN_CMD]
#
# Size (table4 budget): per batch size 24 grid runs + 18 rule runs (3 rules x 2 lr x 3 seeds), 168 runs.
# Wall-clock estimate, 2 runs at a time on 2 cores, from Table 4's own runs of the same settings
# (1.5, 2.5, 0.7 and 0.36 s per epoch at 1k, 10k, 100k, 400k with two runs side by side):
# 1k 42 x 60 s / 2 = 21 min; 10k 42 x 150 s / 2 = 53 min; 100k 42 x 105 s / 2 = 37 min;
# 400k 42 x 72 s / 2 = 25 min: about 2.3 hours. The paper budget (300/300/500/500 epochs) is about
# 7.5x, 5x, 3.3x and 2.5x that per batch size: about 10 hours.
set -uo pipefail
cd "$(dirname "$0")"
lawn=${1:-../../lawn}
[[ -d sweeps ]] || { echo "run.sh: no sweeps/; run generate.sh [table4|paper] first" >&2; exit 2; }
start=$(date +%s)
for batch in 1024 10240 102400 409600; do
  for name in margin-level loss-knee auto grid; do
    file=sweeps/$name-b$batch.yaml
    echo "== $file ($(( $(date +%s) - start )) s)"
    $lawn sweep "$file" || echo "$file: some runs failed" >&2
  done
done
# The Fashion-MNIST part, when generate.sh fashion has written it: the tuned grid before the old
# rule (auto), which MovieLens already found clearly worse, so the comparison the issue asks for
# (the new rules against the tuned E_free) is complete first.
for name in margin-level loss-knee grid auto; do
  file=sweeps/fashion-$name-b4096.yaml
  [[ -f $file ]] || continue
  echo "== $file ($(( $(date +%s) - start )) s)"
  $lawn sweep "$file" || echo "$file: some runs failed" >&2
done
echo "all sweeps done in $(( $(date +%s) - start )) s"
echo "report: ./lawn report runs/ml100k/efree-*/ --out docs/results/efree"
