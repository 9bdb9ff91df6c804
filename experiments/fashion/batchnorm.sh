#!/usr/bin/env bash
# Issue 19: when does LAWN hold the logits? Fashion-MNIST at batch 4,096, 100 epochs (the training
# loss approaches zero, see docs/RESULTS.md "100-epoch runs"), long.sh's settings otherwise: lr 0.01,
# warm-up 2, no augmentation, 5,000 validation images, Adam + WD 5e-4 (coupled) against Adam-LAWN
# with E_free 5 (epsilon 1e-6, the paper's) and each of the group selectors (--groups):
#   - with batch norm ($BN_MODEL at width 0.125, default vgg11: VGG-11's 8 convolutions 8-64 wide,
#     each with batch norm, one FC layer, 145,754 parameters; BN_MODEL=vgg19 for the paper's depth,
#     16 convolutions, 315,554 parameters): adam-wd, and Adam-LAWN with per-layer (= all-but-bn here:
#     kernels and biases; batch-norm scales and offsets free), classifier, with-bn-scales, with-bn,
#     and per-layer with the logits attenuated by alpha = 0.2 at the switch (Figure 1's variant), and
#     with-bn-scales with alpha 0.2 (the logit scale attenuated, then held there);
#   - without (the control, small-cnn at width 0.5, 117,434 parameters, as long.sh): Adam-LAWN per-layer
#     with alpha 0.2, per-layer and classifier (the batch-norm selectors equal per-layer there). The
#     control's Adam + WD is long.sh's (runs/fashion/long-b4096/adam-wd_seed-N: the same settings, and
#     runs are deterministic on CPU, so training it again here would repeat it bit for bit).
# Every run logs per epoch margin_p10/p50/p90/max, norm_product, logit_scale_product and each
# bn_scale_norm/..., so that the bound can be set beside the margins.
# Two runs at a time (2 cores). Resumable: a finished run (summary.json) is skipped, an unfinished one
# resumes from its last checkpoint; rerun the script after an interruption.
#
# Usage: experiments/fashion/batchnorm.sh [LAWN_CMD] [SEEDS]   (SEEDS default "1 2")
#
# 9 runs per seed. Wall-clock estimate: one epoch (training, then evaluation on 15,000 images),
# measured with `lawn train ... --epochs 1` one run at a time on this machine while other jobs ran (load average
# 13-19 on 2 cores), training seconds: small-cnn width 0.5 87 and 99 s, vgg11 width 0.125 49 s, vgg19
# width 0.125 101 and 88 s, small-cnn-bn width 0.5 130 s. So vgg11 trains at about half small-cnn's
# cost, and vgg19 at 0.9-1.2 times it. long.sh's 100-epoch small-cnn runs took 2,611-2,662 s each,
# two at a time (load 3-25). From that: a vgg11 run about 1,350 s, a vgg19 run about 2,400-3,100 s,
# two at a time. One seed (6 BN runs, 3 small-cnn runs) about 2.3 hours with vgg11 (about 3.5 with
# vgg19); both seeds about 4.5 hours (about 7). The load of the machine changes these by 2-4x.
# The timing runs are in runs/fashion/batchnorm-pilot, with a 4-epoch vgg11 Adam-LAWN run (--groups
# with-bn-scales, E_free 2) in which norm_product, logit_scale_product and every bn_scale_norm stay
# fixed after the switch while the median training margin still grows (2.64, 3.42, 3.78).
set -uo pipefail
cd "$(dirname "$0")/../.."
lawn=${1:-./lawn}
seeds=${2:-1 2}
bn_model=${BN_MODEL:-vgg11}
out=runs/fashion/batchnorm-b4096
common=(--data fashion-mnist --batch-size 4096 --epochs 100 --warmup-epochs 2 --augmentation none
  --eval-every 5 --validation --validation-size 5000 --threads 1 --checkpoint-every 5 --keep-checkpoints 1
  --lr 0.01)
# name | options (the cells compared first run first: Adam + WD, LAWN per layer, the two with alpha 0.2)
cells=(
  "$bn_model-bn_adam-wd|--model $bn_model --width-multiplier 0.125 --optimizer adam --weight-decay 0.0005"
  "$bn_model-bn_lawn-per-layer|--model $bn_model --width-multiplier 0.125 --optimizer adam-lawn --e-free 5 --groups per-layer"
  "$bn_model-bn_lawn-per-layer-alpha-0.2|--model $bn_model --width-multiplier 0.125 --optimizer adam-lawn --e-free 5 --groups per-layer --alpha 0.2"
  "$bn_model-bn_lawn-with-bn-scales-alpha-0.2|--model $bn_model --width-multiplier 0.125 --optimizer adam-lawn --e-free 5 --groups with-bn-scales --alpha 0.2"
  "$bn_model-bn_lawn-classifier|--model $bn_model --width-multiplier 0.125 --optimizer adam-lawn --e-free 5 --groups classifier"
  "$bn_model-bn_lawn-with-bn-scales|--model $bn_model --width-multiplier 0.125 --optimizer adam-lawn --e-free 5 --groups with-bn-scales"
  "$bn_model-bn_lawn-with-bn|--model $bn_model --width-multiplier 0.125 --optimizer adam-lawn --e-free 5 --groups with-bn"
  "small-cnn_lawn-per-layer-alpha-0.2|--model small-cnn --width-multiplier 0.5 --optimizer adam-lawn --e-free 5 --groups per-layer --alpha 0.2"
  "small-cnn_lawn-per-layer|--model small-cnn --width-multiplier 0.5 --optimizer adam-lawn --e-free 5 --groups per-layer"
  "small-cnn_lawn-classifier|--model small-cnn --width-multiplier 0.5 --optimizer adam-lawn --e-free 5 --groups classifier"
)
start=$(date +%s)
status=0
running=0
# The batch-norm cells of every seed before the no-BN control cells, the question's main part.
for part in bn control; do
 for seed in $seeds; do
  for cell in "${cells[@]}"; do
    is_bn=control; [[ $cell == "$bn_model"-bn_* ]] && is_bn=bn
    [[ $is_bn == "$part" ]] || continue
    name=${cell%%|*}
    read -r -a options <<<"${cell#*|}"
    dir=$out/${name}_seed-$seed
    if [[ -f $dir/summary.json ]]; then
      echo "skip $dir (finished)"
      continue
    fi
    mkdir -p "$out"
    echo "== $dir ($(( $(date +%s) - start )) s)"
    # The log beside the run folder: lawn train refuses an --out that holds anything but a run.
    $lawn train "${common[@]}" "${options[@]}" --seed "$seed" --out "$dir" > "$dir.log" 2>&1 &
    running=$((running + 1))
    if (( running == 2 )); then
      wait -n || { echo "a run failed (see its .log beside the run folder in $out)" >&2; status=1; }
      running=$((running - 1))
    fi
  done
 done
done
while (( running > 0 )); do
  wait -n || { echo "a run failed (see its .log beside the run folder in $out)" >&2; status=1; }
  running=$((running - 1))
done
echo "done in $(( $(date +%s) - start )) s"
echo "report: ./lawn report $out --out docs/results/fashion-batchnorm --plot epoch"
exit $status
