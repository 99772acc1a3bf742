#!/usr/bin/env bash
# `make run`: the devstack, then every service that has been built, each on its own port
# (ARCHITECTURE.md), configured from .devstack/env; logs in .devstack/logs/. Ctrl-C stops all.
# VP_BLOB_BACKEND=s3 make run: the devstack also runs S3Proxy (127.0.0.1:19000, bucket
# videoplatform) and its env file points the services' blob store there (docs/storage.md).
set -euo pipefail
cd "$(dirname "$0")/.."
home=".devstack"
mkdir -p "$home/logs"
pids=()
# Last started, first stopped, each before the next: a service still closing needs the devstack
# (Kafka Streams, stopped after its broker, retried it for minutes).
stop() {
  trap - INT TERM EXIT
  echo "run: stopping"
  for ((i=${#pids[@]}-1; i>=0; i--)); do
    kill "${pids[$i]}" 2>/dev/null || true
    wait "${pids[$i]}" 2>/dev/null || true
  done
}
trap stop INT TERM EXIT

rm -f "$home/env"
java -cp "devstack/target/devstack-0.1.0-SNAPSHOT.jar:$(cat devstack/target/runtime-classpath.txt)" \
  dev.videoplatform.devstack.DevstackMain up "$home" > "$home/logs/devstack.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do [ -f "$home/env" ] && break; sleep 0.25; done
[ -f "$home/env" ] || { cat "$home/logs/devstack.log"; exit 1; }
grep -v '^SLF4J' "$home/logs/devstack.log" || true
set -a; . "$home/env"; set +a

# Secrets for local runs only, made once and kept in .devstack/ (git-ignored).
[ -f "$home/page-token-secret" ] || head -c 32 /dev/urandom | base64 > "$home/page-token-secret"
[ -f "$home/upload-url-secret" ] || head -c 32 /dev/urandom | base64 > "$home/upload-url-secret"
[ -f "$home/playback-token-secret" ] || head -c 32 /dev/urandom | base64 > "$home/playback-token-secret"
[ -f "$home/service-identity-key" ] || head -c 32 /dev/urandom | base64 > "$home/service-identity-key"
export VP_PAGE_TOKEN_SECRET="$(cat "$home/page-token-secret")"
export VP_UPLOAD_URL_SECRET="$(cat "$home/upload-url-secret")"
export VP_PLAYBACK_TOKEN_SECRET="$(cat "$home/playback-token-secret")"
# Every service signs and checks the tokens of internal calls (streaming -> upload) with it.
export VIDEOPLATFORM_SERVICE_IDENTITY_KEY="$(cat "$home/service-identity-key")"
export VP_BLOB_ROOT="$home/blobs"
# The first admin: user-service grants the admin role to the usernames listed here (one per line).
[ -f "$home/admins" ] || echo admin > "$home/admins"
[ -f "$home/admin-password" ] || head -c 18 /dev/urandom | base64 > "$home/admin-password"

# Every built service of the table in scripts/services.sh: user, upload, transcode, streaming, search,
# analytics, comment, notification, recommendation and admin.
. scripts/services.sh
export VP_HOME="$home"
started=()
while read -r name port database; do
  jar="services/$name-service/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || continue
  service_options "$name" "$port" "$database" 0
  options+=(-Dvideoplatform.user.admins="$(grep -v '^ *$' "$home/admins" | paste -sd, -)"
            -Dvideoplatform.upload.public-url=http://127.0.0.1:8080
            -Dquarkus.log.console.json.enabled=false) # people read these logs; production logs JSON
  options+=(-Dvideoplatform.grpc.trusted-proxies=127.0.0.1/32) # the edge: its x-forwarded-for names the client
  # Email links, the unsubscribe one included, point at the edge (VP_SITE_URL, default http://localhost:8080).
  java -Xmx512m "${options[@]}" -jar "$jar" > "$home/logs/$name-service.log" 2>&1 &
  pids+=($!)
  started+=("$name-service http://127.0.0.1:$port (gRPC + HTTP, log $home/logs/$name-service.log)")
done <<< "$VP_SERVICES"

edge_jar="edge/target/quarkus-app/quarkus-run.jar"
if [ -f "$edge_jar" ]; then
  java -Xmx256m -jar "$edge_jar" > "$home/logs/edge.log" 2>&1 &
  pids+=($!)
  started+=("edge http://127.0.0.1:8080 (the web app, HTTP/JSON for every service, /stream/ and the unsubscribe link passed through, log $home/logs/edge.log)")
fi

for entry in "${started[@]}"; do
  url=$(echo "$entry" | awk '{print $2}')
  health="$url/q/health/ready"
  [ "${entry%% *}" = edge ] && health="$url/healthz"
  for _ in $(seq 1 240); do curl -fs "$health" >/dev/null 2>&1 && break; sleep 0.25; done
  curl -fs "$health" >/dev/null 2>&1 || { echo "run: ${entry%% *} is not ready; see its log"; exit 1; }
  echo "  ready: $entry"
done
# The listed "admin" account, registered before anyone else can take the name; the role comes
# with its first login.
if [ -f "$edge_jar" ] && grep -qx admin "$home/admins"; then
  curl -s -o /dev/null -X POST http://127.0.0.1:8080/v1/users:register \
    -d "{\"username\":\"admin\",\"email\":\"admin@localhost.localdomain\",\"password\":\"$(cat "$home/admin-password")\"}" || true
  echo "  admin: log in as 'admin' with the password in $home/admin-password (admins listed in $home/admins)"
fi
echo "run: up; open http://localhost:8080 (the web app); Ctrl-C stops everything"
wait "${pids[0]}"
