#!/usr/bin/env bash
# recommendation-service (issue 22): a throw-away devstack (Kafka, Redis), then bench's
# RecommendationBench: the service from its production jar (prod profile, OpenTelemetry SDK off,
# rate limiting ON with the read budget raised to 1,000,000/s, since every bench client comes from
# 127.0.0.1), VIDEOS videos, VIEWERS viewers' views and subscriptions sent as events, upload's
# BatchGetVideos and analytics' GetTrending answered from memory by the bench JVM; ROUNDS rounds of
# GetRelated and GetHomeFeed warm (cached keys) and cold (keys never asked before) at concurrency
# 32, each round beside the gRPC health check of the same server. Loopback only; bounded; cleans up.
#   [ROUNDS=3] [VIDEOS=2000] [VIEWERS=5000] [SKIP_BUILD=1] bench/recommendation-service.sh [seconds-per-measurement]   (default 6)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-6}"
. bench/lib.sh
# The jars of this tree (a stale jar would measure old code; SKIP_BUILD=1 when just built).
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q install -DskipTests -pl bench,devstack,services/recommendation-service -am
bench_setup recommendation services/recommendation-service
bench_devstack

echo "# recommendation-service, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), ${seconds}s per measurement after 0.5 s of warm-up, ${ROUNDS:-3} rounds"
bench_java dev.videoplatform.bench.RecommendationBench "$work" 127.0.0.1:29092 26379 "$seconds" "${ROUNDS:-3}" \
  "${VIDEOS:-2000}" "${VIEWERS:-5000}"
