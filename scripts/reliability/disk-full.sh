#!/usr/bin/env bash
# A real full file system for `lawn torture disk-full --fault FULL_DISK`: mounts an 8 MiB tmpfs
# (needs root), runs the check inside it, unmounts. Usage: scripts/reliability/disk-full.sh [MOUNT_DIR]
# Build first: mvn -o -q -B -pl tools package -DskipTests. CP overrides the classpath.
set -euo pipefail
cd "$(dirname "$0")/../.."
MNT="${1:-$(mktemp -d /tmp/lawn-diskfull.XXXXXX)}"
CP="${CP:-tools/target/classes:$(cat tools/target/classpath.txt)}"
if [ "$(id -u)" -ne 0 ]; then
  echo "disk-full.sh: mounting a tmpfs needs root; without it run the unprivileged faults:" >&2
  echo "  java -cp ... dev.lawn.tools.reliability.TortureCommand disk-full --work DIR" >&2
  exit 2
fi
mkdir -p "$MNT"
mount -t tmpfs -o size=8m tmpfs "$MNT"
trap 'umount "$MNT"' EXIT
java -cp "$CP" dev.lawn.tools.reliability.TortureCommand disk-full --fault FULL_DISK --work "$MNT/work"
