#!/usr/bin/env bash
# upload-service benchmark: a throw-away devstack, user-service (for a real login) and
# upload-service (prod profile, rate limits off), then bench's UploadServiceBench: after a
# warm-up, ROUNDS alternating rounds of dd writing the file's size into the same directory (the
# baseline), the gRPC stream and the HTTP PUT; then GetVideo load. Loopback only; bounded;
# cleans up.
#   [ROUNDS=3] bench/upload-service.sh [size-MiB] [seconds-per-load-row]   (defaults 1024, 10)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib="${1:-1024}"
seconds="${2:-10}"
. bench/lib.sh
bench_setup upload services/user-service,services/upload-service
bench_devstack

bench_user_and_upload -Dvideoplatform.blob.root="$work/blobs"
bench_await_ready 18101 18102

echo "# upload-service, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), ${size_mib} MiB file, blobs on $(df -h "$work" | awk 'NR==2{print $1}')"
echo "# baseline: dd if=/dev/zero of=$work/dd.bin bs=4M count=$((size_mib / 4)) conv=fsync, in every round"
echo
bench_java dev.videoplatform.bench.UploadServiceBench 18101 18102 "$size_mib" "$seconds" "$work" "${ROUNDS:-3}"
