#!/usr/bin/env bash
# Runs the Fashion-MNIST sweeps (resumable: finished runs are skipped). Usage: run.sh [LAWN_CMD]
set -uo pipefail
cd "$(dirname "$0")"
lawn=${1:-../../lawn}
for batch in 256 4096 10240; do
  for opt in adam adam-lawn sgd lamb lamb-lawn; do
    echo "== table3-$opt-b$batch"
    $lawn sweep "sweeps/table3-$opt-b$batch.yaml" || echo "table3-$opt-b$batch: some runs failed" >&2
  done
done
$lawn sweep sweeps/efree-adam-lawn-b4096.yaml || echo "efree: some runs failed" >&2
