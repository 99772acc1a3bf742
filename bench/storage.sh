#!/usr/bin/env bash
# Object storage benchmark: a throw-away devstack with S3Proxy (VP_BLOB_BACKEND=s3), user-,
# upload- and streaming-service on its bucket, then bench's StorageBench: per round, uploads over
# the gRPC stream and the signed PUT (each completed, i.e. multipart-completed and hashed) beside
# the raw AWS SDK's multipart upload of the same bytes, and GETs of a 4 MiB segment through
# streaming-service beside the SDK's GetObject of the same object; each pair in the same round
# against the same server (the order flips every round). Loopback only; bounded; cleans up.
#   [ROUNDS=3] bench/storage.sh [size-MiB] [seconds-per-slice]   (defaults 256, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib="${1:-256}"
seconds="${2:-5}"
. bench/lib.sh
bench_setup storage services/user-service,services/upload-service,services/streaming-service
export VP_BLOB_BACKEND=s3 VP_DEVSTACK_S3_PORT=29000
bench_devstack
grep -q VIDEOPLATFORM_BLOB_S3_ENDPOINT "$work/devstack/env" || { tail -n 40 "$work/devstack.log"; exit 1; }
# The bucket settings as the services read them (VIDEOPLATFORM_BLOB_*), exported to every process below.
set -a; . "$work/devstack/env"; set +a

bench_user_and_upload -Dvideoplatform.blob.root="$work/scratch"
java -Xmx512m "${common[@]}" ${STREAMING_JAVA_OPTS:-} -Dquarkus.http.port=18104 -Dvideoplatform.blob.root="$work/scratch" \
  -Dvideoplatform.streaming.playback-token-secret=bench -Dvideoplatform.streaming.metadata-ttl=1h \
  -Dquarkus.grpc.clients.upload.host=127.0.0.1 -Dquarkus.grpc.clients.upload.port=18102 \
  -jar services/streaming-service/target/quarkus-app/quarkus-run.jar > "$work/streaming.log" 2>&1 &
pids+=($!)
bench_await_ready 18101 18102 18104

echo "# object storage on S3Proxy (filesystem backend, $work), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), ${size_mib} MiB uploads, ${seconds} s read slices, ${ROUNDS:-3} rounds"
echo
bench_java dev.videoplatform.bench.StorageBench 18101 18102 18104 "$VIDEOPLATFORM_BLOB_S3_ENDPOINT" \
  "$VIDEOPLATFORM_BLOB_S3_BUCKET" "$VIDEOPLATFORM_BLOB_S3_ACCESS_KEY_ID" "$VIDEOPLATFORM_BLOB_S3_SECRET_ACCESS_KEY" \
  "$size_mib" "$seconds" "${ROUNDS:-3}" 127.0.0.1 26379
