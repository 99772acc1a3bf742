#!/usr/bin/env bash
# Installs the operating-system tools the platform needs, only when they are missing, so that
# `make test` and `make run` work on a fresh Debian machine. Everything else comes from Maven.
set -euo pipefail

need=()
command -v unshare >/dev/null 2>&1 || need+=(util-linux)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v jq >/dev/null 2>&1 || need+=(jq)   # scripts/smoke.sh
# transcode-service and its tests run the system's ffmpeg/ffprobe (H.264 + AAC encoders).
{ command -v ffmpeg && command -v ffprobe; } >/dev/null 2>&1 || need+=(ffmpeg)
# The workflow linter (scripts/lint-workflows.sh) and the web app's build (web/) come from the npm registry.
{ command -v node && command -v npm; } >/dev/null 2>&1 || need+=(nodejs npm)
# The web app's browser test (e2e WebAppIT) drives Debian's Chromium headless (or the browser at
# $CHROMIUM, e.g. the CI runner's Chrome); Playwright never downloads one.
command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1 || need+=(chromium)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: please install: ${need[*]} (no apt-get on this machine)" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup: installing ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
