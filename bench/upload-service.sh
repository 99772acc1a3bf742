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

common=(-Dquarkus.http.host=127.0.0.1 -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=
        -Dkafka.bootstrap.servers=127.0.0.1:29092 -Dquarkus.redis.hosts=redis://127.0.0.1:26379
        -Dvideoplatform.page-token.secret=bench -Dvideoplatform.rate-limit.enabled=false
        -Dvideoplatform.auth.jwks-url=http://127.0.0.1:18101/.well-known/jwks.json
        -Dquarkus.otel.traces.exporter=none -Dquarkus.log.level=WARN)
java -Xmx512m "${common[@]}" -Dquarkus.http.port=18101 \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:25432/users -Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:25432/users \
  -Dvideoplatform.user.signing-key.location="$work/jwt.pem" -Dvideoplatform.user.signing-key.generate-if-missing=true \
  -jar services/user-service/target/quarkus-app/quarkus-run.jar > "$work/user.log" 2>&1 &
pids+=($!)
java -Xmx1g "${common[@]}" ${UPLOAD_JAVA_OPTS:-} -Dquarkus.http.port=18102 \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:25432/videos -Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:25432/videos \
  -Dvideoplatform.upload.url-secret=bench -Dvideoplatform.blob.root="$work/blobs" \
  -Dquarkus.grpc.clients.user.host=127.0.0.1 -Dquarkus.grpc.clients.user.port=18101 \
  -jar services/upload-service/target/quarkus-app/quarkus-run.jar > "$work/upload.log" 2>&1 &
pids+=($!)
bench_await_ready 18101 18102

echo "# upload-service, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), ${size_mib} MiB file, blobs on $(df -h "$work" | awk 'NR==2{print $1}')"
echo "# baseline: dd if=/dev/zero of=$work/dd.bin bs=4M count=$((size_mib / 4)) conv=fsync, in every round"
echo
bench_java dev.videoplatform.bench.UploadServiceBench 18101 18102 "$size_mib" "$seconds" "$work" "${ROUNDS:-3}"
