#!/usr/bin/env bash
# notification-service's fan-out and streams (issue 21): a throw-away devstack, then bench's
# NotificationBench: user-service and notification-service from their production jars (prod
# profile, OpenTelemetry SDK off, rate limiting off, the mailer in mock mode), SUBSCRIBERS accounts
# subscribed to one channel (seeded into user-service's tables), PUSH_SHARE % of them with a push
# device. ROUNDS paired rounds: one video.published of the channel fanned out on write →
# notifications/s until the last inbox row, beside a plain batched INSERT of the same rows into
# the same table (pages of 1,000, one transaction each; which goes first flips every round), the
# ratio per round (round 0 untimed; each side starts from an empty inbox table); apart from it,
# the outbox relay draining the fan-out's push events. Then
# CLIENTS connected StreamNotifications and one video of a channel they all follow →
# publish-to-message p50/p99. Loopback only; bounded; cleans up.
#   [SUBSCRIBERS=100000] [CLIENTS=1000] [ROUNDS=3] [PUSH_SHARE=20] [SKIP_BUILD=1] bench/notification-service.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
# The jars of this tree (a stale jar would measure old code; SKIP_BUILD=1 when just built).
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q install -DskipTests -pl bench,devstack,services/user-service,services/notification-service -am
bench_setup notification services/user-service,services/notification-service
bench_devstack

echo "# notification-service, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
bench_java dev.videoplatform.bench.NotificationBench "$work" 25432 127.0.0.1:29092 26379 \
  "${SUBSCRIBERS:-100000}" "${CLIENTS:-1000}" "${ROUNDS:-3}" "${PUSH_SHARE:-20}"
