#!/usr/bin/env bash
# streaming-service against Debian's nginx serving the same files, same machine, same wrk
# settings, same run: a 1 MiB segment and a master playlist. A throw-away devstack (Redis for
# playback metadata, Kafka for invalidation); the video's metadata is seeded in Redis as
# streaming-service caches it, so only delivery is measured. Loopback only; bounded; cleans up.
#   bench/streaming-service.sh [seconds] [connections]   (defaults 15, 64)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
connections="${2:-64}"
command -v wrk >/dev/null && command -v nginx >/dev/null \
  || { echo "needs wrk and nginx: apt-get install -y wrk nginx-light" >&2; exit 1; }
. bench/lib.sh
bench_setup streaming services/streaming-service
bench_devstack

video=bench-video
bench_java dev.videoplatform.bench.StreamingBenchSeed "$work/blobs" 127.0.0.1 26379 "$video"

java -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=18104 \
  -Dkafka.bootstrap.servers=127.0.0.1:29092 -Dquarkus.redis.hosts=redis://127.0.0.1:26379 \
  -Dvideoplatform.page-token.secret=bench -Dvideoplatform.streaming.playback-token-secret=bench \
  -Dvideoplatform.streaming.metadata-ttl=1h -Dvideoplatform.blob.root="$work/blobs" \
  -Dquarkus.grpc.clients.upload.host=127.0.0.1 -Dquarkus.grpc.clients.upload.port=18102 \
  -Dquarkus.otel.sdk.disabled=true -Dquarkus.log.level=WARN ${STREAMING_JAVA_OPTS:-} \
  -jar services/streaming-service/target/quarkus-app/quarkus-run.jar > "$work/streaming.log" 2>&1 &
pids+=($!)

# As root, nginx's workers would drop to an account that cannot read the work directory.
nginx_user=""
[ "$(id -u)" -eq 0 ] && nginx_user="user root root;"
cat > "$work/nginx.conf" <<NGINX
$nginx_user
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { application/vnd.apple.mpegurl m3u8; video/mp2t ts; image/jpeg jpg; }
  client_body_temp_path $work/nginx-tmp;
  proxy_temp_path $work/nginx-tmp;
  fastcgi_temp_path $work/nginx-tmp;
  uwsgi_temp_path $work/nginx-tmp;
  scgi_temp_path $work/nginx-tmp;
  server {
    listen 127.0.0.1:18180;
    location /stream/ { alias $work/blobs/hls/; }
  }
}
NGINX
mkdir -p "$work/nginx-tmp"
nginx -c "$work/nginx.conf" -p "$work"

bench_await_ready 18104
curl -fs -o /dev/null "http://127.0.0.1:18104/stream/$video/master.m3u8" || { tail -40 "$work"/*.log; exit 1; }
curl -fs -o /dev/null "http://127.0.0.1:18180/stream/$video/master.m3u8" || { tail -40 "$work"/nginx-error.log; exit 1; }

rounds="${ROUNDS:-3}"
echo "# streaming-service vs nginx $(nginx -v 2>&1 | cut -d/ -f2), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), wrk -t2 -c$connections -d${seconds}s, $rounds alternating rounds"
echo
echo "| file | round | server | req/s | MB/s | p50 | p99 |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
summary=()
for file in 240p/seg_00000.ts master.m3u8; do
  declare -A all=()
  for round in $(seq 1 "$rounds"); do
    for server in nginx:18180 streaming-service:18104; do
      name="${server%%:*}"; port="${server##*:}"
      url="http://127.0.0.1:$port/stream/$video/$file"
      wrk -t2 -c"$connections" -d5s "$url" >/dev/null 2>&1   # warm-up (JIT, page cache)
      out="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$url")"
      rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
      mbs="$(echo "$out" | awk '/Transfer\/sec/ {v=$2; if (v ~ /GB/) {sub("GB","",v); v*=1024} else if (v ~ /KB/) {sub("KB","",v); v/=1024} else {sub("MB","",v)}; printf "%.1f", v}')"
      p50="$(echo "$out" | awk '$1=="50%" {print $2}')"
      p99="$(echo "$out" | awk '$1=="99%" {print $2}')"
      errors="$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')"
      echo "| $file | $round | $name | $rps | $mbs | $p50 | $p99 |${errors:+ $errors}"
      all[$name]="${all[$name]:-} $rps"
    done
  done
  median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
  n="$(echo "${all[nginx]}" | median)"; s="$(echo "${all[streaming-service]}" | median)"
  summary+=("| $file | $n | $s | $(awk -v a="$s" -v b="$n" 'BEGIN {printf "%.0f%%", 100*a/b}') |")
  unset all
done
echo
echo "| file | nginx median req/s | streaming-service median req/s | ratio |"
echo "| --- | --- | --- | --- |"
printf '%s\n' "${summary[@]}"
