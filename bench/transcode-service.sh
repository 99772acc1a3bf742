#!/usr/bin/env bash
# transcode-service benchmark: a throw-away devstack and one transcode worker (prod profile, one
# job at a time), then bench's TranscodeBench: a 30 s 1080p clip transcoded to the full ladder by
# the worker, beside the same ffmpeg command run directly, alternating. Loopback only; bounded;
# cleans up.   bench/transcode-service.sh [runs]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
. bench/lib.sh
bench_setup transcode services/transcode-service
bench_devstack

java -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=18103 \
  -Dkafka.bootstrap.servers=127.0.0.1:29092 -Dquarkus.redis.hosts=redis://127.0.0.1:26379 \
  -Dvideoplatform.page-token.secret=bench -Dvideoplatform.blob.root="$work/blobs" \
  -Dvideoplatform.transcode.parallel-jobs=1 -Dquarkus.otel.traces.exporter=none -Dquarkus.log.level=WARN \
  -jar services/transcode-service/target/quarkus-app/quarkus-run.jar > "$work/transcode.log" 2>&1 &
pids+=($!)
bench_await_ready 18103

echo "# transcode-service, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), $(ffmpeg -hide_banner -version | head -1 | cut -d' ' -f1-3), $runs runs"
echo
bench_java dev.videoplatform.bench.TranscodeBench 127.0.0.1:29092 "$work/blobs" "$runs"
