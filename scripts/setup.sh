#!/usr/bin/env bash
# Installs the operating-system tools the platform needs, only when they are missing, so that
# `make test` and `make run` work on a fresh Debian machine. Everything else comes from Maven.
# (ffmpeg joins this list with the transcode service, its first user.)
set -euo pipefail

need=()
command -v unshare >/dev/null 2>&1 || need+=(util-linux)
command -v curl >/dev/null 2>&1 || need+=(curl)

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
