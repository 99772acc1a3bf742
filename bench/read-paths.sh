#!/usr/bin/env bash
# The cached read paths as production runs them: a throw-away devstack, user-service and
# upload-service (prod profile, rate limiting ON with the default read budget of 200/s per user;
# only the auth budget is raised, since the setup registers every bench user from one address),
# then bench's ReadPathBench: GetUser and GetVideo at concurrency 32 over 1, 4 and 16
# connections, each round beside the gRPC health check of the same server. Loopback only;
# bounded; cleans up.
#   [ROUNDS=3] [USERS=128] [PROFILE=dir] bench/read-paths.sh [seconds-per-row]   (default 6, in 3 interleaved slices)
# PROFILE=dir records a JFR file per service (user.jfr, upload.jfr) into dir.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-6}"
. bench/lib.sh
bench_setup read-paths services/user-service,services/upload-service
bench_devstack

jfr() {
  [ -n "${PROFILE:-}" ] && mkdir -p "$PROFILE" && echo "-XX:StartFlightRecording=filename=$(realpath "$PROFILE")/$1.jfr,settings=profile,dumponexit=true"
  true
}
common=(-Dquarkus.http.host=127.0.0.1 -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=
        -Dkafka.bootstrap.servers=127.0.0.1:29092 -Dquarkus.redis.hosts=redis://127.0.0.1:26379
        -Dvideoplatform.page-token.secret=bench -Dvideoplatform.rate-limit.auth-requests=100000
        -Dvideoplatform.auth.jwks-url=http://127.0.0.1:18101/.well-known/jwks.json
        -Dquarkus.otel.traces.exporter=none -Dquarkus.log.level=WARN)
java -Xmx512m $(jfr user) "${common[@]}" -Dquarkus.http.port=18101 \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:25432/users -Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:25432/users \
  -Dvideoplatform.user.signing-key.location="$work/jwt.pem" -Dvideoplatform.user.signing-key.generate-if-missing=true \
  -jar services/user-service/target/quarkus-app/quarkus-run.jar > "$work/user.log" 2>&1 &
pids+=($!)
java -Xmx512m $(jfr upload) "${common[@]}" -Dquarkus.http.port=18102 \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:25432/videos -Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:25432/videos \
  -Dvideoplatform.upload.url-secret=bench -Dvideoplatform.upload.public-url=http://127.0.0.1:18102 -Dvideoplatform.blob.root="$work/blobs" \
  -Dquarkus.grpc.clients.user.host=127.0.0.1 -Dquarkus.grpc.clients.user.port=18101 \
  -jar services/upload-service/target/quarkus-app/quarkus-run.jar > "$work/upload.log" 2>&1 &
pids+=($!)
bench_await_ready 18101 18102

echo "# read paths, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), ${seconds}s per row in 3 interleaved slices, ${ROUNDS:-3} rounds, rate limiting on"
bench_java dev.videoplatform.bench.ReadPathBench 18101 18102 "$seconds" "${ROUNDS:-3}" "${USERS:-128}"
