#!/usr/bin/env bash
# The JSON edge's overhead: bench's EdgeBench starts a devstack (in its JVM), upload-service and
# the edge (rate limits off, they would measure rejections), makes a READY video, then runs
# GetVideo through the edge (JSON) beside direct gRPC: at fixed rates per side (500/s and 1000/s, open
# loop, both sides interleaved in one window) and at a closed-loop concurrency (1, 16; one side
# after the other). Loopback only; bounded; cleans up.
#   bench/edge.sh [seconds] [load...]   (defaults: 10; 1 16 500/s 1000/s)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
shift || true
[ $# -gt 0 ] || set -- 1 16 500/s 1000/s
for f in services/upload-service/target/quarkus-app/quarkus-run.jar edge/target/quarkus-app/quarkus-run.jar \
         bench/target/runtime-classpath.txt; do
  [ -f "$f" ] || { ./mvnw -B -q install -DskipTests -pl bench,services/upload-service,edge -am; break; }
done
mkdir -p bench/target
work="$(mktemp -d "$PWD/bench/target/vp-bench-edge.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "# edge vs direct gRPC, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), ${seconds} s per row (3 s settling first), after 15 s warm-up of each side"
echo
java -Xmx512m -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/runtime-classpath.txt)" \
  dev.videoplatform.bench.EdgeBench "$work" "$seconds" "$@" 2>&1 | grep -v '^SLF4J'
