# Shared by the benchmark scripts (sourced, from the project root): a throw-away work directory
# cleaned up on exit with every process started, the modules a benchmark needs, a devstack on
# the benchmark ports, and waiting for a service to be ready.

# bench_setup NAME MODULES — builds bench, devstack and the comma-separated service MODULES
# when any of their outputs is missing; sets $work; cleans up on exit.
bench_setup() {
  local name="$1" modules="$2" module
  for module in ${modules//,/ }; do
    if [ ! -f "$module/target/quarkus-app/quarkus-run.jar" ] || [ ! -f bench/target/runtime-classpath.txt ] \
        || [ ! -f devstack/target/runtime-classpath.txt ]; then
      ./mvnw -B -q install -DskipTests -pl "bench,devstack,$modules" -am
      break
    fi
  done
  mkdir -p bench/target
  work="$(mktemp -d "$PWD/bench/target/vp-bench-$name.XXXXXX")"
  pids=()
  trap bench_cleanup EXIT
}

bench_cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  # BENCH_LOGS=dir keeps the services' logs of the run.
  if [ -n "${BENCH_LOGS:-}" ]; then mkdir -p "$BENCH_LOGS" && cp "$work"/*.log "$BENCH_LOGS"/ 2>/dev/null; fi
  rm -rf "$work"
}

# bench_devstack — PostgreSQL 25432, Kafka 29092, Redis 26379, in $work/devstack.
bench_devstack() {
  export VP_DEVSTACK_POSTGRES_PORT=25432 VP_DEVSTACK_KAFKA_PORT=29092 VP_DEVSTACK_KAFKA_CONTROLLER_PORT=29093 VP_DEVSTACK_REDIS_PORT=26379
  java -cp "devstack/target/devstack-0.1.0-SNAPSHOT.jar:$(cat devstack/target/runtime-classpath.txt)" \
    dev.videoplatform.devstack.DevstackMain up "$work/devstack" > "$work/devstack.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do grep -q 'ready' "$work/devstack.log" && break; sleep 0.5; done
}

# bench_await_ready PORT... — each service's readiness check, or the logs and exit.
bench_await_ready() {
  local port
  for port in "$@"; do
    for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
    curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null || { tail -n 40 "$work"/*.log; exit 1; }
  done
}

# bench_java — the bench module's classpath, for its load generators.
bench_java() {
  java -Xmx512m -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/runtime-classpath.txt)" "$@"
}

# bench_user_and_upload [upload-service option...] — user-service on 18101 (for real logins) and
# upload-service on 18102 (prod profile, rate limits off) on the bench devstack; leaves the
# options they share in $common for further services.
bench_user_and_upload() {
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
    -Dvideoplatform.upload.url-secret=bench -Dquarkus.grpc.clients.user.host=127.0.0.1 -Dquarkus.grpc.clients.user.port=18101 \
    "$@" -jar services/upload-service/target/quarkus-app/quarkus-run.jar > "$work/upload.log" 2>&1 &
  pids+=($!)
}
