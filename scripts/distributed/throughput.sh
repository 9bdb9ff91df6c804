#!/usr/bin/env bash
# The throughput table of docs/DISTRIBUTED.md: NCF-MLP on MovieLens-100k, Adam-LAWN (switch after
# epoch 1), batch 16,384, 3 epochs, on one device, on 1/2/4 virtual CPU devices, and on a 2-worker
# loopback cluster with client-fed batches and with --worker-input, each cluster variant twice.
# Prints one line per run: name, train samples/s, wall s, final loss, HR@10.
# Usage: scripts/distributed/throughput.sh [OUT_DIR]   (needs the ML-100k files under ../shared/data
# or LAWN_DATA_DIR)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lawn="$root/lawn"
out=${1:-/tmp/lawn-distributed-throughput}
data=${LAWN_DATA_DIR:-$root/../shared/data}
rm -rf "$out" && mkdir -p "$out"
port() { python3 -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])"; }
cluster="127.0.0.1:$(port),127.0.0.1:$(port)"
"$lawn" --version > /dev/null # builds once, before the workers start
"$lawn" worker --cluster "$cluster" --task 0 --trusted-network > "$out/worker-0.out" 2> "$out/worker-0.err" &
w0=$!
"$lawn" worker --cluster "$cluster" --task 1 --trusted-network > "$out/worker-1.out" 2> "$out/worker-1.err" &
w1=$!
trap 'kill $w0 $w1 2> /dev/null || true' EXIT
for f in "$out/worker-0.out" "$out/worker-1.out"; do
  for _ in $(seq 120); do grep -q "lawn worker ready" "$f" 2> /dev/null && break; sleep 1; done
done
common=(--model ncf-mlp --data movielens-100k --data-dir "$data" --optimizer adam-lawn --batch-size 16384
  --epochs 3 --e-free 1 --warmup-epochs 0 --lr 1e-2 --eval-every 3)
runs=(one cpu-2 cpu-4 cluster cluster-worker-input cluster-again cluster-worker-input-again)
"$lawn" train "${common[@]}" --out "$out/one" > /dev/null 2>&1
"$lawn" train "${common[@]}" --devices cpu:0,cpu:1 --out "$out/cpu-2" > /dev/null 2>&1
"$lawn" train "${common[@]}" --devices cpu:0,cpu:1,cpu:2,cpu:3 --out "$out/cpu-4" > /dev/null 2>&1
for pass in "" "-again"; do
  "$lawn" train "${common[@]}" --cluster "$cluster" --out "$out/cluster$pass" > /dev/null 2>&1
  "$lawn" train "${common[@]}" --cluster "$cluster" --worker-input --out "$out/cluster-worker-input$pass" > /dev/null 2>&1
done
for r in "${runs[@]}"; do
  python3 -c "import json;s=json.load(open('$out/$r/summary.json'));print('$r', round(s['train_samples_per_second']), round(s['wall_seconds'],1), round(s['loss'],6), round(s['hr@10'],4))"
done
