#!/usr/bin/env bash
# comment-service against its database floor (issue 18): a throw-away devstack, then bench's
# CommentBench: comment-service from its production jar (prod profile, OpenTelemetry SDK off, rate
# limiting ON with the budgets raised to 1,000,000/s, since every bench client comes from
# 127.0.0.1; the first-page cache off unless CACHE=true, so every call runs the SQL pgbench
# replays), COMMENTS comments on one video (Zipf spread of replies and votes) loaded with COPY,
# ROUNDS rounds of ListComments (first page, deep pages) over gRPC beside pgbench replaying the
# statements the service ran, at concurrency 32, then AddComment and VoteComment writes/s with the
# outbox on. With CACHE=true the first page is also measured while WRITES_DURING_READS AddComment
# and VoteComment calls a second (default 100) run on the same video, on both sides.
# Loopback only; bounded; cleans up.
#   [ROUNDS=3] [COMMENTS=100000] [CACHE=false] [WRITES_DURING_READS=100] [SKIP_BUILD=1] bench/comment-service.sh [seconds-per-measurement]   (default 8)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-8}"
command -v pgbench >/dev/null || { echo "needs pgbench: apt-get install -y postgresql-client" >&2; exit 1; }
. bench/lib.sh
# The jars of this tree (a stale jar would measure old code; SKIP_BUILD=1 when just built).
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q install -DskipTests -pl bench,devstack,services/comment-service -am
bench_setup comment services/comment-service
bench_devstack

echo "# comment-service, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), ${seconds}s per measurement after 2 s of warm-up, ${ROUNDS:-3} rounds, ${COMMENTS:-100000} comments"
bench_java dev.videoplatform.bench.CommentBench "$work" 25432 127.0.0.1:29092 26379 "$work/devstack/postgres.log" \
  "$seconds" "${ROUNDS:-3}" "${COMMENTS:-100000}" "${CACHE:-false}" "${WRITES_DURING_READS:-100}"
