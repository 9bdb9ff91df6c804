#!/usr/bin/env bash
# Adam + WD chose weight decay 1e-4, the largest of its grid {0, 1e-5, 1e-4}, at every batch size
# (stage 1, seed 1). A baseline tuned at the edge of its grid may be under-tuned, so this extends the
# grid upwards on seed 1 (3e-4, 1e-3, 3e-3 and 1e-2, the same learning rates) into sweeps of their own
# (runs/table4-paper/adam-wd-bB-wd-edge); wd-stages.sh runs stages 2-3 over both grids.
# Usage: experiments/table4-paper/wd-edge.sh LAWN_CMD [BATCH ...]   (default: 102400 409600 10240 1024)
here=$(cd "$(dirname "$0")" && pwd)
batches=("${@:2}")
[ ${#batches[@]} -eq 0 ] && batches=(102400 409600 10240 1024)
exec "$here/grid-edge.sh" "${1:-$here/../../lawn}" adam-wd wd-edge weight_decay "0.0003, 0.001, 0.003, 0.01" "${batches[@]}"
