#!/usr/bin/env bash
# Smoke test of a running platform (`make run`), as a client app sees it: curl against the edge
# only. Registers, logs in, uploads a generated clip larger than any edge limit (>= 50 MB) through
# the signed URL, waits for READY, then fetches the master playlist, a media playlist and a
# segment. Stops at the first wrong answer with what was expected and what came back.
#   scripts/smoke.sh [edge-url]   (default http://127.0.0.1:8080)
set -euo pipefail
edge="${1:-http://127.0.0.1:8080}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "smoke: FAIL: $*" >&2; exit 1; }
step() { echo "smoke: $*"; }

# call METHOD PATH [JSON] -> body on stdout; fails unless 2xx.
call() {
  local method="$1" path="$2" body="${3:-}" status
  local args=(-sS -o "$work/body" -w '%{http_code}' -X "$method" -H 'content-type: application/json')
  [ -n "${token:-}" ] && args+=(-H "authorization: Bearer $token")
  [ -n "$body" ] && args+=(-d "$body")
  status="$(curl "${args[@]}" "$edge$path")" || fail "$method $path: no answer from $edge"
  [[ "$status" == 2* ]] || fail "$method $path: HTTP $status: $(cat "$work/body")"
  cat "$work/body"
}
field() { jq -er "$1" <<<"$2" || fail "no $1 in: $2"; }

curl -fsS "$edge/healthz" >/dev/null || fail "edge not reachable at $edge (is \`make run\` up?)"

name="smoke$(date +%s)$RANDOM"
password="smoke test password 1"
step "register $name"
call POST /v1/users:register "{\"username\":\"$name\",\"email\":\"$name@example.com\",\"password\":\"$password\"}" >/dev/null
step "log in"
token="$(field .accessToken "$(call POST /v1/users:login "{\"usernameOrEmail\":\"$name\",\"password\":\"$password\"}")")"

# Larger than every limit the edge has (its JSON body limit, Vert.x's 10 MiB default): a noisy
# picture at 80 Mbit/s keeps the encoder from squeezing 6 s below ~60 MB.
min_size=$((50 * 1024 * 1024))
step "make a 6 s test clip of at least $min_size bytes with ffmpeg"
ffmpeg -hide_banner -nostdin -v error -f lavfi -i "testsrc2=size=640x360:rate=25:duration=6,noise=alls=40:allf=t" \
  -f lavfi -i sine=frequency=440:duration=6 -c:v libx264 -preset ultrafast -b:v 80M -maxrate 80M -bufsize 80M \
  -pix_fmt yuv420p -c:a aac -shortest "$work/clip.mp4" || fail "ffmpeg could not make the clip"
size="$(stat -c %s "$work/clip.mp4")"
[ "$size" -ge "$min_size" ] || fail "the clip is only $size bytes, not the $min_size the upload must exceed"

step "initiate an upload of $size bytes"
upload="$(call POST /v1/uploads:initiate "{\"title\":\"smoke $name\",\"sizeBytes\":\"$size\",\"contentType\":\"video/mp4\",\"visibility\":\"VISIBILITY_PUBLIC\"}")"
upload_id="$(field .uploadId "$upload")"
video_id="$(field .videoId "$upload")"
upload_url="$(field .uploadUrl "$upload")"
step "PUT the bytes to the signed URL (streamed from the file)"
status="$(curl -sS -o "$work/put" -w '%{http_code}' -H "content-range: bytes 0-$((size - 1))/$size" \
  --upload-file "$work/clip.mp4" "$upload_url")" || fail "PUT $upload_url: no answer"
[[ "$status" == 2* ]] || fail "PUT $upload_url: HTTP $status: $(cat "$work/put")"
step "complete"
call POST "/v1/uploads/$upload_id:complete" '{}' >/dev/null

step "wait for video $video_id to be READY"
deadline=$((SECONDS + 180))
while :; do
  video="$(call GET "/v1/videos/$video_id")"
  state="$(field .status "$video")"
  case "$state" in
    VIDEO_STATUS_READY) break ;;
    VIDEO_STATUS_PROCESSING) ;;
    *) fail "video became $state: $(jq -r '.failureReason // ""' <<<"$video")" ;;
  esac
  [ "$SECONDS" -lt "$deadline" ] || fail "video still $state after 180 s"
  sleep 1
done
step "READY with renditions $(jq -r '[.renditions[].name] | join(", ")' <<<"$video")"

master_url="$(field .masterPlaylistUrl "$(call GET "/v1/videos/$video_id/playback")")"
step "GET $master_url"
curl -fsS "$edge$master_url" -o "$work/master.m3u8" || fail "GET $master_url"
head -1 "$work/master.m3u8" | grep -q '^#EXTM3U' || fail "master playlist is not HLS: $(head -3 "$work/master.m3u8")"
media="$(grep -v '^#' "$work/master.m3u8" | head -1)"
[ -n "$media" ] || fail "master playlist lists no rendition"
base="${master_url%/*}"
step "GET $base/$media"
curl -fsS "$edge$base/$media" -o "$work/media.m3u8" || fail "GET $base/$media"
segment="$(grep -v '^#' "$work/media.m3u8" | head -1)"
[ -n "$segment" ] || fail "media playlist lists no segment"
segment_url="$base/${media%/*}/$segment"
step "GET $segment_url"
type="$(curl -fsS -o "$work/segment.ts" -w '%{content_type}' "$edge$segment_url")" || fail "GET $segment_url"
[ "$type" = "video/mp2t" ] || fail "segment content type $type, expected video/mp2t"
[ -s "$work/segment.ts" ] || fail "empty segment"
step "GET /v1/videos:search?query=smoke+$name"
for _ in $(seq 1 50); do
  found="$(call GET "/v1/videos:search?query=smoke+$name")"
  jq -e --arg id "$video_id" '[.results[]?.videoId] | index($id)' <<<"$found" >/dev/null && break
  sleep 0.1
done
jq -e --arg id "$video_id" '[.results[]?.videoId] | index($id)' <<<"$found" >/dev/null \
  || fail "search does not find the video 5 s after READY: $found"
echo "smoke: OK — uploaded, transcoded, streamed and found video $video_id ($(stat -c %s "$work/segment.ts") byte first segment)"
