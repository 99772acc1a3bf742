#!/usr/bin/env bash
# Start-up time and memory of each service on its own (issue 24: JVM vs native). A throw-away
# devstack, then the services one after another, each started only once the one before it is
# ready and idle, so every start-up has the machine to itself. Start-up: process started to
# /q/health/ready answering 200 (PostgreSQL migrated, Kafka and Redis connected). RSS: VmRSS 10 s
# after ready, idle. Loopback only; stops what it starts.
#   bench/footprint.sh jvm [service...]      the packaged jars (java -Xmx512m, as `make run` runs them)
#   bench/footprint.sh native [service...]   the native executables (target/*-runner; CI's native job)
# Services are named as their modules (user-service ...); default: all ten. Results: docs/release.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:?jvm or native}"
shift
all="user-service upload-service transcode-service streaming-service search-service comment-service
analytics-service recommendation-service notification-service admin-service"
services="${*:-$all}"
[ -f devstack/target/runtime-classpath.txt ] || ./mvnw -B -q install -DskipTests -pl devstack -am
. bench/lib.sh
mkdir -p bench/target
work="$(mktemp -d "$PWD/bench/target/vp-bench-footprint.XXXXXX")"
pids=()
trap bench_cleanup EXIT
bench_devstack

# The port each service listens on, and its database (- for none).
declare -A port=([user-service]=18101 [upload-service]=18102 [transcode-service]=18103 [streaming-service]=18104
  [search-service]=18105 [comment-service]=18106 [analytics-service]=18107 [recommendation-service]=18108
  [notification-service]=18109 [admin-service]=18110)
declare -A database=([user-service]=users [upload-service]=videos [search-service]=search [comment-service]=comments
  [analytics-service]=analytics [notification-service]=notifications [admin-service]=admin)
common=(-Dquarkus.http.host=127.0.0.1 -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=
        -Dkafka.bootstrap.servers=127.0.0.1:29092 -Dquarkus.redis.hosts=redis://127.0.0.1:26379
        -Dvideoplatform.page-token.secret=bench -Dvideoplatform.service-identity.key=YmVuY2gtZm9vdHByaW50LXNlcnZpY2UtaWRlbnRpdHkta2V5IQ==
        -Dvideoplatform.auth.jwks-url=http://127.0.0.1:18101/.well-known/jwks.json
        -Dvideoplatform.blob.root="$work/blobs" -Dquarkus.otel.traces.exporter=none -Dquarkus.log.level=WARN
        -Dquarkus.grpc.clients.user.host=127.0.0.1 -Dquarkus.grpc.clients.user.port=18101
        -Dquarkus.grpc.clients.upload.host=127.0.0.1 -Dquarkus.grpc.clients.upload.port=18102
        -Dquarkus.grpc.clients.analytics.host=127.0.0.1 -Dquarkus.grpc.clients.analytics.port=18107)

echo "# footprint ($mode), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ); each service started alone, RSS 10 s after ready"
echo "| service | start-up to ready | RSS idle |"
echo "| --- | --- | --- |"
for service in $services; do
  own=(-Dquarkus.http.port="${port[$service]}")
  db="${database[$service]:--}"
  if [ "$db" != "-" ]; then
    own+=(-Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:25432/$db"
          -Dquarkus.datasource.reactive.url="postgresql://127.0.0.1:25432/$db")
  fi
  case "$service" in
    user-service) own+=(-Dvideoplatform.user.signing-key.location="$work/jwt.pem"
                        -Dvideoplatform.user.signing-key.generate-if-missing=true) ;;
    upload-service) own+=(-Dvideoplatform.upload.url-secret=bench) ;;
    streaming-service) own+=(-Dvideoplatform.streaming.playback-token-secret=bench) ;;
    analytics-service) own+=(-Dkafka-streams.state.dir="$work/streams") ;;
    notification-service) own+=(-Dquarkus.mailer.mock=true) ;;
  esac
  if [ "$mode" = native ]; then
    command=("$(ls services/"$service"/target/*-runner)" "${common[@]}" "${own[@]}")
  else
    command=(java -Xmx512m "${common[@]}" "${own[@]}" -jar "services/$service/target/quarkus-app/quarkus-run.jar")
  fi
  start=$(date +%s%N)
  "${command[@]}" > "$work/$service.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  until curl -fs "http://127.0.0.1:${port[$service]}/q/health/ready" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "$service exited:"; tail -n 40 "$work/$service.log"; exit 1; }
    [ $(( ($(date +%s%N) - start) / 1000000000 )) -lt 120 ] || { echo "$service not ready in 120 s"; tail -n 40 "$work/$service.log"; exit 1; }
    sleep 0.02
  done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 10
  rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
  printf '| %s | %d ms | %d MiB |\n' "$service" "$ready_ms" $(( rss_kb / 1024 ))
done
