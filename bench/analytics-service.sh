#!/usr/bin/env bash
# analytics-service's sustained ingest beside Kafka's own ProducerPerformance (issue 19): a
# throw-away devstack, analytics-service from its production jar (prod profile, rate limiting off:
# every bench client comes from 127.0.0.1; OpenTelemetry SDK off) and the edge in front of it,
# then bench's AnalyticsBench: ROUNDS rounds, in alternating order, of SECONDS of views through
# RecordViews (gRPC client streams, batched) and RecordView as JSON through the edge with the
# aggregation running, and of ProducerPerformance writing as many records of the same size with
# acks=all to the same broker; aggregation lag, CPU per process, final counts compared.
# Loopback only; bounded; cleans up.
#   [ROUNDS=3] [STREAMS=8] [BATCH=500] [EDGE_CONNECTIONS=4] [SKIP_BUILD=1] bench/analytics-service.sh [seconds]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
. bench/lib.sh
# The jars of this tree (a stale jar would measure old code; SKIP_BUILD=1 when just built).
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q install -DskipTests -pl bench,devstack,edge,services/analytics-service -am
bench_setup analytics services/analytics-service,edge
bench_devstack
devstack_pid="${pids[0]}"

java -Xmx1g -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=18107 \
  -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password= \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:25432/analytics \
  -Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:25432/analytics \
  -Dkafka.bootstrap.servers=127.0.0.1:29092 -Dquarkus.redis.hosts=redis://127.0.0.1:26379 \
  -Dvideoplatform.page-token.secret=bench -Dvideoplatform.auth.jwks-url=http://127.0.0.1:1/.well-known/jwks.json \
  -Dvideoplatform.rate-limit.enabled=false -Dkafka-streams.state.dir="$work/streams" \
  -Dquarkus.otel.sdk.disabled=true -Dquarkus.log.level=WARN \
  -jar services/analytics-service/target/quarkus-app/quarkus-run.jar > "$work/analytics.log" 2>&1 &
service_pid=$!
pids+=($service_pid)
java -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=18080 \
  -Dedge.upstreams.\"videoplatform.analytics.v1.AnalyticsService\"=127.0.0.1:18107 \
  -Dedge.rate-limit.requests-per-second=1000000 -Dedge.rate-limit.burst=1000000 -Dquarkus.log.level=WARN \
  -jar edge/target/quarkus-app/quarkus-run.jar > "$work/edge.log" 2>&1 &
edge_pid=$!
pids+=($edge_pid)
bench_await_ready 18107
for _ in $(seq 1 120); do curl -fs http://127.0.0.1:18080/healthz >/dev/null 2>&1 && break; sleep 0.5; done

echo "# analytics-service ingest, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), ${seconds}s per phase, ${ROUNDS:-3} rounds"
bench_java dev.videoplatform.bench.AnalyticsBench "$work" 127.0.0.1:29092 18107 18080 "$seconds" "${ROUNDS:-3}" \
  "$service_pid" "$edge_pid" "$devstack_pid" 2>&1 | grep -v '^SLF4J'
