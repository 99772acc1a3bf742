#!/usr/bin/env bash
# user-service benchmark: starts a throw-away devstack and user-service (prod profile, rate limits
# off so that the load is measured rather than refused), runs bench's UserServiceBench against
# it, stops everything. Loopback only; bounded in time.
#   bench/user-service.sh [seconds-per-measurement]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
work="$(mktemp -d /tmp/vp-bench-user.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -f services/user-service/target/quarkus-app/quarkus-run.jar ] || [ ! -f bench/target/runtime-classpath.txt ] \
   || [ ! -f devstack/target/runtime-classpath.txt ]; then
  ./mvnw -B -q install -DskipTests -pl bench,services/user-service,devstack -am
fi

export VP_DEVSTACK_POSTGRES_PORT=25432 VP_DEVSTACK_KAFKA_PORT=29092 VP_DEVSTACK_KAFKA_CONTROLLER_PORT=29093 VP_DEVSTACK_REDIS_PORT=26379
java -cp "devstack/target/devstack-0.1.0-SNAPSHOT.jar:$(cat devstack/target/runtime-classpath.txt)" \
  dev.videoplatform.devstack.DevstackMain up "$work/devstack" > "$work/devstack.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do grep -q 'ready' "$work/devstack.log" && break; sleep 0.5; done
grep -q 'ready' "$work/devstack.log" || { cat "$work/devstack.log"; exit 1; }

port=18101
java -Xmx1g \
  -Dquarkus.http.port=$port -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password= \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:25432/users \
  -Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:25432/users \
  -Dkafka.bootstrap.servers=127.0.0.1:29092 -Dquarkus.redis.hosts=redis://127.0.0.1:26379 \
  -Dvideoplatform.user.signing-key.location="$work/jwt.pem" -Dvideoplatform.user.signing-key.generate-if-missing=true \
  -Dvideoplatform.page-token.secret=bench -Dvideoplatform.rate-limit.enabled=false \
  -Dquarkus.otel.traces.exporter=none -Dquarkus.log.level=WARN \
  -jar services/user-service/target/quarkus-app/quarkus-run.jar > "$work/user-service.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null || { tail -50 "$work/user-service.log"; exit 1; }

echo "# user-service, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), ${seconds}s per row after 3s warm-up"
java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/runtime-classpath.txt)" \
  dev.videoplatform.bench.UserServiceBench 127.0.0.1 $port "$seconds"
