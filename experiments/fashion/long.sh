#!/usr/bin/env bash
# Issue 8, third look: the second protocol's best Adam + WD and Adam-LAWN settings at batch 4,096
# (lr 0.01 each; WD 5e-4 for Adam; E_free 5 for LAWN), trained for 100 epochs instead of 30, so that
# the training loss gets close to zero: the regime where, by the paper's argument, LAWN's fixed norms
# keep the logits from growing while weight decay does not. Both runs of a seed at once (2 cores).
# Rerunning this script resumes both runs where they stopped.
# Usage: long.sh [LAWN_CMD] [SEED]   (SEED defaults to 1; seeds 1 and 2 have run)
set -euo pipefail
cd "$(dirname "$0")/../.."
lawn=${1:-./lawn}
seed=${2:-1}
out=runs/fashion/long-b4096
common=(--model small-cnn --width-multiplier 0.5 --augmentation none --data fashion-mnist --batch-size 4096
  --epochs 100 --warmup-epochs 2 --eval-every 5 --validation --validation-size 5000 --threads 1
  --checkpoint-every 5 --keep-checkpoints 1 --seed $seed --lr 0.01)
start=$(date +%s)
$lawn train "${common[@]}" --optimizer adam --weight-decay 0.0005 --out $out/adam-wd_seed-$seed > /dev/null &
adam=$!
$lawn train "${common[@]}" --optimizer adam-lawn --e-free 5 --out $out/adam-lawn_seed-$seed > /dev/null &
lawn_run=$!
status=0
wait $adam || { echo "adam + wd failed (see $out/adam-wd_seed-$seed)" >&2; status=1; }
wait $lawn_run || { echo "adam-lawn failed (see $out/adam-lawn_seed-$seed)" >&2; status=1; }
echo "both done in $(( $(date +%s) - start )) s"
exit $status
