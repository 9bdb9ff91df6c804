#!/usr/bin/env bash
# Stages 2 and 3 of Adam + WD over its widened weight-decay grid (stage 1 and wd-edge.sh):
# wide-stages.sh for the adam-wd cells. Usage: wd-stages.sh LAWN_CMD [BATCH ...]
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/wide-stages.sh" "${1:-$here/../../lawn}" adam-wd wd-edge "${@:2}"
