#!/usr/bin/env bash
# streaming-service against Debian's nginx serving the same files, same machine, same wrk
# settings, same run: a 1 MiB and a 4 MiB segment, the master and a media playlist, each
# judged per round against nginx's rate in the same round. A throw-away devstack (Redis for
# playback metadata, Kafka for invalidation); the video's metadata is seeded in Redis as
# streaming-service caches it, so only delivery is measured. Loopback only; bounded; cleans up.
#   [ROUNDS=3] [FILES="240p/seg_00001.ts ..."] bench/streaming-service.sh [seconds] [connections]   (defaults 4 s per slice, 64)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-4}"
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
curl -fs -o /dev/null "http://127.0.0.1:18104/stream/$video/master.m3u8" || { tail -n 40 "$work"/*.log; exit 1; }
curl -fs -o /dev/null "http://127.0.0.1:18180/stream/$video/master.m3u8" || { tail -40 "$work"/nginx-error.log; exit 1; }

rounds="${ROUNDS:-3}"
echo "# streaming-service vs nginx $(nginx -v 2>&1 | cut -d/ -f2), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), wrk -t2 -c$connections, $rounds rounds of 3 interleaved ${seconds} s slices per server after a 5 s warm-up"
echo
echo "| file | round | server | req/s | MB/s | worst slice p99 | streaming-service / nginx (requests) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
summary=()
# to_ms 1.23ms|450.00us|1.02s — wrk's latency units, in milliseconds
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; printf "%.3f", v }'; }
for file in ${FILES:-240p/seg_00000.ts 240p/seg_00001.ts master.m3u8 240p/index.m3u8}; do
  worst_ratio=""; worst_p99=""
  for round in $(seq 1 "$rounds"); do
    # A round is three short slices per server, interleaved (A B A B A B, the order flipped every
    # round), so that drift on a shared machine hits both servers alike.
    order="nginx:18180 streaming-service:18104"
    [ $((round % 2)) -eq 0 ] && order="streaming-service:18104 nginx:18180"
    declare -A requests=() bytes=() p99=() errors=()
    for server in $order; do   # warm-up (JIT, page cache)
      wrk -t2 -c"$connections" -d5s "http://127.0.0.1:${server##*:}/stream/$video/$file" >/dev/null 2>&1
    done
    for slice in 1 2 3; do
      for server in $order; do
        name="${server%%:*}"; port="${server##*:}"
        out="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/stream/$video/$file")"
        requests[$name]=$(( ${requests[$name]:-0} + $(echo "$out" | awk '/requests in/ {print $1}') ))
        mb="$(echo "$out" | awk '/requests in/ {v=$5; sub(",","",v); if (v ~ /GB/) {sub("GB","",v); v*=1024} else if (v ~ /KB/) {sub("KB","",v); v/=1024} else {sub("MB","",v)}; printf "%.1f", v}')"
        bytes[$name]="$(awk -v a="${bytes[$name]:-0}" -v b="$mb" 'BEGIN {printf "%.1f", a+b}')"
        slice_p99="$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")"
        p99[$name]="$(printf '%s\n' ${p99[$name]:-} "$slice_p99" | sort -n | tail -1)"
        errors[$name]="${errors[$name]:-}$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')"
      done
    done
    total=$((3 * seconds))
    for name in nginx streaming-service; do
      echo "| $file | $round | $name | $(awk -v n="${requests[$name]}" -v t="$total" 'BEGIN {printf "%.0f", n/t}') | $(awk -v m="${bytes[$name]}" -v t="$total" 'BEGIN {printf "%.0f", m/t}') | ${p99[$name]} ms | |${errors[$name]:+ ${errors[$name]}}"
    done
    r="$(awk -v a="${requests[streaming-service]}" -v b="${requests[nginx]}" 'BEGIN {printf "%.1f", 100*a/b}')"
    d="$(awk -v a="${p99[streaming-service]}" -v b="${p99[nginx]}" 'BEGIN {printf "%.3f", a-b}')"
    echo "| $file | $round | paired | | | | $r % |"
    worst_ratio="$(printf '%s\n' $worst_ratio "$r" | sort -n | head -1)"
    worst_p99="$(printf '%s\n' $worst_p99 "$d" | sort -n | tail -1)"
    unset requests bytes p99 errors
  done
  summary+=("| $file | $worst_ratio % | $worst_p99 ms |")
done
echo
echo "| file | worst round: streaming-service / nginx req/s | worst round: p99 minus nginx's |"
echo "| --- | --- | --- |"
printf '%s\n' "${summary[@]}"
