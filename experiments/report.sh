#!/usr/bin/env bash
# Regenerates every table and plot of docs/RESULTS.md from the run directories the sweeps wrote
# (runs/ml100k, runs/fashion). Each report states the runs and the run time behind it.
# Usage: experiments/report.sh [LAWN_CMD]   (LAWN_CMD defaults to ./lawn)
set -uo pipefail
cd "$(dirname "$0")/.."
lawn=${1:-./lawn}
out=docs/results
mkdir -p "$out"
ml=runs/ml100k
have() { compgen -G "$1" > /dev/null; }
# Sweeps that finished (their sweep-summary.json exists); a sweep still running is left out.
done_sweeps() { for d in "$@"; do [ -f "$d/sweep-summary.json" ] && printf '%s ' "$d"; done; }

if have "$ml/table4-*"; then
  # Table 4: each cell = the configuration chosen on val_hr@10, over seeds 1-3.
  $lawn report $(done_sweeps $ml/table4-*) --selected --rows optimizer --cols batch_size --metric hr@10 \
    --out $out/ml100k-table4 --plot batch-size --series optimizer --x-key batch_size --select val_hr@10 \
    > /dev/null
fi
if [ -n "$(done_sweeps $ml/table2-*)" ]; then
  # Table 2: LSR (label smoothing 0.05), WD (Table 4's Adam), Hoffer (norms from init), LAWN.
  $lawn report $(done_sweeps $ml/table2-* $ml/table4-adam-b10240 $ml/table4-adam-lawn-b10240 \
    $ml/table4-adam-b102400 $ml/table4-adam-lawn-b102400) --selected --rows optimizer,label_smoothing,e_free --cols batch_size \
    --metric hr@10 --ignore weight_decay,lr --out $out/ml100k-table2 > /dev/null
fi
if [ -n "$(done_sweeps $ml/table5-*)" ]; then
  $lawn report $(done_sweeps $ml/table5-*) --selected --rows optimizer --cols focal_gamma --metric hr@10 \
    --out $out/ml100k-table5 > /dev/null
fi
if [ -f "$ml/check-adam-lawn-b10240-seeds/sweep-summary.json" ] && [ -f "$ml/check-adam-b10240-seeds/sweep-summary.json" ]; then
  # Selection-noise check at 10k: every grid point over seeds 1 (Table 4's sweeps), 2 and 3.
  $lawn report $ml/table4-adam-lawn-b10240/*_seed-1 $ml/check-adam-lawn-b10240-seeds --rows lr,e_free \
    --metric val_hr@10,hr@10 --out $out/ml100k-check-b10240-lawn > /dev/null
  $lawn report $ml/table4-adam-b10240/*_seed-1 $ml/check-adam-b10240-seeds --rows lr,weight_decay \
    --metric val_hr@10,hr@10 --out $out/ml100k-check-b10240-adam > /dev/null
fi
if [ -d "$ml/figure1" ]; then
  $lawn report $ml/figure1 --rows optimizer,alpha --metric hr@10,margin_p50 --plot epoch \
    --out $out/ml100k-figure1 > /dev/null
fi
fm=runs/fashion
if [ -n "$(done_sweeps $fm/table3-*)" ]; then
  $lawn report $(done_sweeps $fm/table3-*) --selected --rows optimizer --cols batch_size --metric accuracy,ece \
    --out $out/fashion-table3 --plot batch-size --series optimizer --x-key batch_size --select val_accuracy \
    > /dev/null
fi
if [ -d "$fm/efree-adam-lawn-b4096" ]; then
  # E_free 0, 1, 4 from the E_free sweep; 2 and 5 are Table 3's Adam-LAWN runs at the same lr and seed.
  $lawn report $fm/efree-adam-lawn-b4096 $fm/table3-adam-lawn-b4096/lr-0.01_efree-[25]_seed-1 \
    --rows e_free --metric accuracy,val_accuracy,ece \
    --out $out/fashion-efree > /dev/null
fi
if [ -n "$(done_sweeps $fm/fit-*)" ]; then
  # Second protocol (experiments/fashion/fitting.sh): width 0.5, no augmentation, 30 epochs, so
  # that the network fits its training set; training loss and median margin show how far it got.
  $lawn report $(done_sweeps $fm/fit-*) --selected --rows optimizer --cols batch_size \
    --metric accuracy,ece,loss,margin_p50 --select val_accuracy --out $out/fashion-fit \
    --plot batch-size --series optimizer --x-key batch_size > /dev/null
fi
if have "$fm/fit-*-b4096/*_seed-1/summary.json"; then
  # The same protocol per epoch at batch 4096: every grid point's seed-1 run (loss, accuracy, margins).
  $lawn report $fm/fit-*-b4096/*_seed-1 --rows optimizer,lr --metric accuracy,loss --plot epoch \
    --out $out/fashion-fit-epochs > /dev/null
fi
if have "$fm/long-b4096/*_seed-*/summary.json"; then
  # experiments/fashion/long.sh: the same protocol's best Adam settings for 100 epochs (finished seeds).
  $lawn report $(dirname $fm/long-b4096/*_seed-*/summary.json) --rows optimizer \
    --metric accuracy,ece,loss,margin_p50 --plot epoch --out $out/fashion-long > /dev/null
fi
if [ -n "$(done_sweeps $ml/efree-table4/*)" ]; then
  # Issue 18: the automatic E_free rules against the tuned grid {2, 5, 10, 25} (experiments/efree),
  # each cell the learning rate (and, for the grid, E_free) chosen on mean validation HR@10 over seeds 1-3.
  $lawn report $(done_sweeps $ml/efree-table4/*) --selected --rows e_free --cols batch_size --metric hr@10 \
    --select val_hr@10 --out $out/efree-table4 > /dev/null
  # Each rule's difference from the grid's chosen E_free, with its standard error, one batch size at a time.
  for b in 1024 10240 102400 409600; do
    grid=$ml/efree-table4/grid-b$b
    [ -n "$(done_sweeps $grid $ml/efree-table4/{margin-level,loss-knee,auto}-b$b)" ] || continue
    chosen=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["selection"]["best_point"]["e_free"])' \
      $grid/sweep-summary.json)
    $lawn report $(done_sweeps $ml/efree-table4/*-b$b) --selected --rows e_free --metric hr@10,val_hr@10 \
      --difference margin-level:$chosen --difference loss-knee:$chosen --difference auto:$chosen \
      --out $out/efree-table4-gaps/b$b > /dev/null
  done
fi
fe=$fm/efree-rules
if [ -f $fe/grid-b4096/sweep-summary.json ] && [ -n "$(done_sweeps $fe/margin-level-b4096 $fe/loss-knee-b4096)" ]; then
  # Issue 18, Fashion-MNIST part: each rule's three seeds against the grid E_free chosen on seed 1's
  # validation accuracy and run with seeds 1-3 (experiments/efree/generate.sh fashion).
  chosen=$(python3 -c 'import json,sys; b=json.load(open(sys.argv[1]))["selection"].get("best_point"); print(b["e_free"] if b else "")' \
    $fe/grid-b4096/sweep-summary.json)
  if [ -n "$chosen" ]; then
    diffs=()
    for rule in margin-level loss-knee auto; do
      [ -n "$(done_sweeps $fe/$rule-b4096)" ] && diffs+=(--difference "$rule:$chosen")
    done
    $lawn report $(done_sweeps $fe/*-b4096) --selected --rows e_free --metric accuracy,val_accuracy,ece \
      "${diffs[@]}" --out $out/efree-fashion > /dev/null
  fi
fi
if have "$fm/batchnorm-b4096/*_seed-*/summary.json"; then
  # Issue 19 (experiments/fashion/batchnorm.sh): what LAWN constrains on VGG-11-BN, 100 epochs; the
  # same runs by ECE; then the no-BN control (small-cnn) beside long.sh's Adam + WD (same settings).
  bn_runs=$(dirname $fm/batchnorm-b4096/vgg11-bn_*/summary.json)
  $lawn report $bn_runs --rows optimizer,groups,alpha,weight_decay \
    --metric accuracy,ece,val_accuracy,margin_p50,margin_max,logit_scale_product --plot epoch \
    --out $out/fashion-batchnorm > /dev/null
  # Each LAWN variant's difference from Adam + WD (the rows that have finished runs).
  gaps() { # FOLDER then MODEL GROUPS ALPHA triples: --difference for each cell with a finished run
    local dir=$1; shift
    while [ $# -ge 3 ]; do
      local name=$1_lawn-$2; [ "$3" != 1 ] && name+=-alpha-$3
      have "$dir/${name}_seed-*/summary.json" && printf '%s\n' --difference "groups=$2,alpha=$3:optimizer=adam"
      shift 3
    done
  }
  mapfile -t bn_gaps < <(gaps $fm/batchnorm-b4096 vgg11-bn per-layer 1 vgg11-bn per-layer 0.2 vgg11-bn classifier 1 \
    vgg11-bn with-bn-scales 1 vgg11-bn with-bn-scales 0.2 vgg11-bn with-bn 1)
  $lawn report $bn_runs --rows optimizer,groups,alpha,weight_decay --metric ece,accuracy --plot epoch \
    "${bn_gaps[@]}" --out $out/fashion-batchnorm-ece > /dev/null
  if have "$fm/batchnorm-b4096/small-cnn_*/summary.json"; then
    mapfile -t control_gaps < <(gaps $fm/batchnorm-b4096 small-cnn per-layer 1 small-cnn per-layer 0.2 \
      small-cnn classifier 1)
    $lawn report $(dirname $fm/batchnorm-b4096/small-cnn_*/summary.json) $(dirname $fm/long-b4096/adam-wd_seed-*/summary.json) \
      --rows optimizer,groups,alpha,weight_decay --metric accuracy,ece,margin_p50,margin_max,loss --plot epoch \
      "${control_gaps[@]}" --out $out/fashion-batchnorm-control > /dev/null
  fi
fi
if have "$fm/quickstart-pilot/*/summary.json"; then
  # How lawn quickstart's setting was chosen (experiments/fashion/quickstart-pilot.sh).
  $lawn report $(dirname $fm/quickstart-pilot/*/summary.json) --rows optimizer,alpha \
    --metric ece,accuracy,margin_p50,loss,logit_scale_product --plot epoch --out $out/fashion-quickstart-pilot > /dev/null
fi
tp=runs/table4-paper
stage1=$(ls -d $tp/*-b* 2>/dev/null | grep -v -e '-seeds23-' -e '-test$')
if [ -n "$(done_sweeps $stage1)" ]; then
  # Issue 18: Table 4 at the paper's budgets (experiments/table4-paper), stage 1 (seed 1) grids so far.
  $lawn report $(done_sweeps $stage1) --rows optimizer,lr,weight_decay,e_free --cols batch_size --metric val_hr@10,hr@10 \
    --out $out/table4-paper-stage1 > /dev/null
fi
tests=$(ls -d $tp/*-test 2>/dev/null | grep -v -e '-wide-test$')
if [ -n "$(done_sweeps $tests)" ]; then
  # Stage 3 (the chosen point on test seeds 11-13) with Adam + WD chosen from weight decay {0, 1e-5, 1e-4}
  # only, which chose 1e-4, the grid's edge, at every batch size: Adam-LAWN - Adam + WD per batch size
  # once both rows have a cell.
  gap=()
  [ -n "$(done_sweeps $tp/adam-lawn-*-test)" ] && [ -n "$(done_sweeps $tp/adam-wd-*-test)" ] \
    && gap=(--difference optimizer=adam-lawn:optimizer=adam)
  $lawn report $(done_sweeps $tests) --rows optimizer --cols batch_size --metric hr@10,val_hr@10 "${gap[@]}" \
    --out $out/table4-paper-narrow > /dev/null
fi
wide=()
for b in 1024 10240 102400 409600; do
  # Each cell's test seeds: those of its widened grid's choice (wide-stages.sh) where it has one, else
  # stage 3's; Adam + WD's narrow grid is known to be too narrow, so its cells wait for the wide choice.
  for cell in adam-wd-b$b adam-lawn-b$b; do
    test=""
    if [ -f $tp/$cell-wide-choice.json ]; then
      test=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["test"])' $tp/$cell-wide-choice.json)
    elif [ ${cell#adam-lawn} != $cell ]; then
      test=$tp/$cell-test
    fi
    [ -n "$test" ] && [ -f "$test/sweep-summary.json" ] && wide+=("$test")
  done
done
if [ -n "$(ls $tp/adam-wd-b*-wide-choice.json 2>/dev/null)" ] && [ ${#wide[@]} -gt 0 ]; then
  # Table 4 at the paper's budgets: Adam + WD chosen over weight decay {0, 1e-5, 1e-4} and the widened
  # {3e-4, 1e-3, 3e-3, 1e-2} (experiments/table4-paper/wd-edge.sh, wd-stages.sh), Adam-LAWN over its
  # grid (widened where efree-edge.sh and wide-stages.sh have run).
  $lawn report "${wide[@]}" --rows optimizer --cols batch_size \
    --metric hr@10,val_hr@10 --difference optimizer=adam-lawn:optimizer=adam --out $out/table4-paper > /dev/null
fi
ls $out/*/report.md
