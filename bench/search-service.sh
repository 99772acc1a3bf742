#!/usr/bin/env bash
# search-service against its database floor (issue 17): a throw-away devstack, search-service
# from its production jar (prod profile, OpenTelemetry SDK off, rate limiting ON with the read budget
# raised to 1,000,000/s, since every bench client comes from 127.0.0.1 and one address would
# otherwise get 200/s; the hot-query cache off, so every call runs its SQL as pgbench does), then bench's SearchBench: VIDEOS generated videos sent as video.published
# and analytics.video.counts events (indexing time reported), the SQL of each request of the query
# mix captured from PostgreSQL's log, ROUNDS rounds of Search and Autocomplete over gRPC beside
# pgbench replaying the same statements with the same parameters (concurrency 1 and 32), and index
# freshness under 200 video.updated/s. CACHE=true turns the hot-query cache on (the production
# setting) and adds, each round, Autocomplete while UPDATES_DURING_READS video.updated/s (default 200)
# stream in. Loopback only; bounded; cleans up.
#   [ROUNDS=3] [VIDEOS=100000] [CACHE=false] [UPDATES_DURING_READS=200] [SKIP_BUILD=1] bench/search-service.sh [seconds-per-measurement]   (default 8)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-8}"
command -v pgbench >/dev/null || { echo "needs pgbench: apt-get install -y postgresql-client" >&2; exit 1; }
. bench/lib.sh
# The jars of this tree (a stale jar would measure old code; SKIP_BUILD=1 when just built).
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q install -DskipTests -pl bench,devstack,services/search-service -am
bench_setup search services/search-service
bench_devstack

java -Xmx1g -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=18105 \
  -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password= \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:25432/search \
  -Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:25432/search \
  -Dkafka.bootstrap.servers=127.0.0.1:29092 -Dquarkus.redis.hosts=redis://127.0.0.1:26379 \
  -Dvideoplatform.page-token.secret=bench -Dvideoplatform.auth.jwks-url=http://127.0.0.1:1/.well-known/jwks.json \
  -Dvideoplatform.rate-limit.read-requests=1000000 \
  -Dvideoplatform.search.cache.enabled="${CACHE:-false}" \
  -Dquarkus.otel.sdk.disabled=true -Dquarkus.log.level=WARN \
  -jar services/search-service/target/quarkus-app/quarkus-run.jar > "$work/search.log" 2>&1 &
pids+=($!)
bench_await_ready 18105

echo "# search-service, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), ${seconds}s per measurement after 2 s of warm-up, ${ROUNDS:-3} rounds, ${VIDEOS:-100000} videos"
bench_java dev.videoplatform.bench.SearchBench 18105 127.0.0.1:29092 25432 "$work/devstack/postgres.log" "$work" \
  "$seconds" "${ROUNDS:-3}" "${VIDEOS:-100000}" "${CACHE:-false}" "${UPDATES_DURING_READS:-200}"
