#!/usr/bin/env bash
# A pilot, not part of the protocol: does a longer budget change Table 3's picture at batch 4096?
# Adam + WD, Adam-LAWN and SGD + WD for 30 epochs instead of 8, one seed, at the learning rates the
# 8-epoch sweeps selected (Adam 0.01, SGD 0.05; Adam-LAWN E_free 5). Untuned: a hint for the next
# protocol, not a result. Usage: pilot-30-epochs.sh [LAWN_CMD]
set -uo pipefail
cd "$(dirname "$0")"
lawn=${1:-../../lawn}
out=../../runs/fashion/pilot-30-epochs
common=(--model small-cnn --width-multiplier 0.25 --data fashion-mnist --batch-size 4096 --epochs 30
  --warmup-epochs 1 --eval-every 5 --validation true --validation-size 5000 --threads 1
  --checkpoint-every 5 --keep-checkpoints 1 --seed 1)
$lawn train "${common[@]}" --optimizer adam --lr 0.01 --weight-decay 0.0005 --out $out/adam > /dev/null &
$lawn train "${common[@]}" --optimizer adam-lawn --lr 0.01 --e-free 5 --out $out/adam-lawn > /dev/null &
wait
$lawn train "${common[@]}" --optimizer sgd --lr 0.05 --weight-decay 0.0005 --out $out/sgd > /dev/null
$lawn report $out --rows optimizer --metric accuracy,ece,margin_p50 --plot epoch --out $out/report > /dev/null
