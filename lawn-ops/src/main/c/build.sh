#!/usr/bin/env sh
# Builds liblawn_kernels.so (run by Maven in lawn-ops' process-resources phase).
# Usage: build.sh OUTPUT_DIR TF_LIB_DIR
# It links against TensorFlow's libtensorflow_framework.so.2 (unpacked from the native jar into
# TF_LIB_DIR) by soname, so at load time it binds to the copy TF-Java has already loaded.
# Plain -O3 for baseline x86-64; the loops carry an AVX2 clone chosen at load time.
set -eu
out="$1"
tf="$2"
here="$(cd "$(dirname "$0")" && pwd)"
command -v gcc >/dev/null 2>&1 || {
  echo "lawn-ops: gcc is needed to build the fused LAWN kernels (apt-get install gcc), or build with -Dlawn.native.skip" >&2
  exit 1
}
mkdir -p "$out"
gcc -O3 -fPIC -shared -std=gnu11 -Wall -Wextra -Werror -Wno-psabi -o "$out/liblawn_kernels.so" \
  "$here/lawn_kernels.c" "$here/lawn_shapes.c" \
  -L"$tf" -l:libtensorflow_framework.so.2 -lm -Wl,-z,defs -Wl,--no-undefined
