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
. scripts/services.sh
services="${*:-$(awk '{print $1 "-service"}' <<< "$VP_SERVICES")}"
[ -f devstack/target/runtime-classpath.txt ] || ./mvnw -B -q install -DskipTests -pl devstack -am
. bench/lib.sh
mkdir -p bench/target
work="$(mktemp -d "$PWD/bench/target/vp-bench-footprint.XXXXXX")"
pids=()
trap bench_cleanup EXIT
bench_devstack

# The devstack's endpoints (bench_devstack's ports) and throw-away secrets, as scripts/run.sh sets them.
export VP_HOME="$work" VP_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:29092 VP_REDIS_HOST=127.0.0.1 VP_REDIS_PORT=26379 \
  VP_POSTGRES_HOST=127.0.0.1 VP_POSTGRES_PORT=25432 VP_POSTGRES_USER=postgres VP_POSTGRES_PASSWORD= \
  VP_PAGE_TOKEN_SECRET=bench VP_UPLOAD_URL_SECRET=bench VP_PLAYBACK_TOKEN_SECRET=bench VP_BLOB_ROOT="$work/blobs" \
  VIDEOPLATFORM_SERVICE_IDENTITY_KEY=YmVuY2gtZm9vdHByaW50LXNlcnZpY2UtaWRlbnRpdHkta2V5IQ==

echo "# footprint ($mode), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ); each service started alone, RSS 10 s after ready"
echo "| service | start-up to ready | RSS idle |"
echo "| --- | --- | --- |"
for service in $services; do
  read -r name port database <<< "$(grep "^${service%-service} " <<< "$VP_SERVICES")"
  [ -n "$name" ] || { echo "footprint: no service $service in scripts/services.sh" >&2; exit 1; }
  service_options "$name" "$port" "$database" 10000
  options+=(-Dquarkus.log.level=WARN)
  port=$((port + 10000))
  if [ "$mode" = native ]; then
    command=("$(ls services/"$service"/target/*-runner)" "${options[@]}")
  else
    command=(java -Xmx512m "${options[@]}" -jar "services/$service/target/quarkus-app/quarkus-run.jar")
  fi
  start=$(date +%s%N)
  "${command[@]}" > "$work/$service.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  until curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "$service exited:"; tail -n 40 "$work/$service.log"; exit 1; }
    [ $(( ($(date +%s%N) - start) / 1000000000 )) -lt 120 ] || { echo "$service not ready in 120 s"; tail -n 40 "$work/$service.log"; exit 1; }
    sleep 0.02
  done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 10
  rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
  printf '| %s | %d ms | %d MiB |\n' "$service" "$ready_ms" $(( rss_kb / 1024 ))
done
