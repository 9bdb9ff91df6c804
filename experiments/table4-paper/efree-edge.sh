#!/usr/bin/env bash
# Adam-LAWN chose E_free 25, the largest of its grid {2, 5, 10, 25}, at batch 100k and 400k (stage 1,
# seed 1); as wd-edge.sh does for Adam + WD's weight decay, this extends the grid upwards on seed 1
# (E_free 50, the same learning rates) into sweeps of their own (runs/table4-paper/adam-lawn-bB-efree-edge).
# Usage: experiments/table4-paper/efree-edge.sh LAWN_CMD [BATCH ...]   (default: 102400 409600)
here=$(cd "$(dirname "$0")" && pwd)
batches=("${@:2}")
[ ${#batches[@]} -eq 0 ] && batches=(102400 409600)
exec "$here/grid-edge.sh" "${1:-$here/../../lawn}" adam-lawn efree-edge e_free "50" "${batches[@]}"
