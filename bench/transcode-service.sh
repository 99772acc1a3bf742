#!/usr/bin/env bash
# transcode-service benchmark: a throw-away devstack and one transcode worker (prod profile, one
# job at a time), then bench's TranscodeBench: a 30 s 1080p clip transcoded to the full ladder by
# the worker, beside the same ffmpeg command run directly, alternating. Loopback only; bounded;
# cleans up.   bench/transcode-service.sh [runs]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
mkdir -p bench/target
work="$(mktemp -d "$PWD/bench/target/vp-bench-transcode.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

for f in services/transcode-service/target/quarkus-app/quarkus-run.jar bench/target/runtime-classpath.txt \
         devstack/target/runtime-classpath.txt; do
  [ -f "$f" ] || { ./mvnw -B -q install -DskipTests -pl bench,services/transcode-service,devstack -am; break; }
done

export VP_DEVSTACK_POSTGRES_PORT=25432 VP_DEVSTACK_KAFKA_PORT=29092 VP_DEVSTACK_KAFKA_CONTROLLER_PORT=29093 VP_DEVSTACK_REDIS_PORT=26379
java -cp "devstack/target/devstack-0.1.0-SNAPSHOT.jar:$(cat devstack/target/runtime-classpath.txt)" \
  dev.videoplatform.devstack.DevstackMain up "$work/devstack" > "$work/devstack.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do grep -q 'ready' "$work/devstack.log" && break; sleep 0.5; done

java -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=18103 \
  -Dkafka.bootstrap.servers=127.0.0.1:29092 -Dquarkus.redis.hosts=redis://127.0.0.1:26379 \
  -Dvideoplatform.page-token.secret=bench -Dvideoplatform.blob.root="$work/blobs" \
  -Dvideoplatform.transcode.parallel-jobs=1 -Dquarkus.otel.traces.exporter=none -Dquarkus.log.level=WARN \
  -jar services/transcode-service/target/quarkus-app/quarkus-run.jar > "$work/transcode.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:18103/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:18103/q/health/ready" >/dev/null || { tail -40 "$work"/*.log; exit 1; }

echo "# transcode-service, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), $(ffmpeg -hide_banner -version | head -1 | cut -d' ' -f1-3), $runs runs"
echo
java -Xmx512m -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/runtime-classpath.txt)" \
  dev.videoplatform.bench.TranscodeBench 127.0.0.1:29092 "$work/blobs" "$runs"
