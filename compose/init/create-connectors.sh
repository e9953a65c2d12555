#!/bin/sh
# Creates or updates every lake connector from $CONNECTORS_DIR/<name>.json through the Connect REST API
# (PUT /connectors/<name>/config is idempotent), on whichever worker of CONNECT_URLS answers.
# Any worker will do: a follower forwards the write to the leader. While the group rebalances (workers joining, a
# new leader) a worker answers 409 "rebalance in progress": that, a 5xx and no answer at all are retried on the next
# worker, with a doubling pause, for a bounded number of rounds. Any other refusal (a 400 for a bad configuration)
# or running out of rounds stops the script with a non-zero status and the last answer printed.
set -eu
URLS="${CONNECT_URLS:?set CONNECT_URLS to the workers REST URLs, separated by spaces}"
DIR="${CONNECTORS_DIR:-/connectors}"
ROUNDS="${CONNECT_RETRY_ROUNDS:-12}"
FIRST_PAUSE="${CONNECT_RETRY_PAUSE_SECONDS:-2}"
MAX_PAUSE=30
PLUGIN=io.mobility.sink.DeltaSinkConnector
ANSWER="$(mktemp)"
trap 'rm -f "$ANSWER"' EXIT

fail() {
  echo "[connect-init] $*" >&2
  exit 1
}

# Until a worker lists the sink plugin (workers load plugins before they serve REST); 90 x 2 s.
echo "[connect-init] waiting for a worker of: $URLS"
tries=0
ready=""
while [ -z "$ready" ]; do
  for url in $URLS; do
    if curl -fs "$url/connector-plugins" 2>/dev/null | grep -q "$PLUGIN"; then
      ready="$url"
      break
    fi
  done
  if [ -z "$ready" ]; then
    tries=$((tries + 1))
    [ "$tries" -le 90 ] || fail "no worker of $URLS listed $PLUGIN within 3 minutes"
    sleep 2
  fi
done
echo "[connect-init] $ready lists $PLUGIN"

# put NAME FILE: PUT the configuration on the workers in turn until one accepts it.
put() {
  name="$1"
  file="$2"
  pause="$FIRST_PAUSE"
  round=1
  last=""
  while [ "$round" -le "$ROUNDS" ]; do
    for url in $URLS; do
      status="$(curl -s -o "$ANSWER" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
        --data @"$file" "$url/connectors/$name/config" 2>/dev/null)" || true
      case "$status" in
        200|201)
          echo "[connect-init] $name: HTTP $status from $url"
          return 0
          ;;
        409|5??|000|"")
          last="$url answered HTTP ${status:-000}: $(cat "$ANSWER" 2>/dev/null)"
          echo "[connect-init] $name: $last (retrying)"
          ;;
        *)
          fail "$name refused by $url with HTTP $status: $(cat "$ANSWER")"
          ;;
      esac
    done
    if [ "$round" -lt "$ROUNDS" ]; then
      sleep "$pause"
      pause=$((pause * 2))
      [ "$pause" -le "$MAX_PAUSE" ] || pause="$MAX_PAUSE"
    fi
    round=$((round + 1))
  done
  fail "$name: no worker accepted it in $ROUNDS rounds; last: $last"
}

found=0
for file in "$DIR"/*.json; do
  [ -e "$file" ] || fail "no connector files in $DIR"
  found=$((found + 1))
  name="$(basename "$file" .json)"
  echo "[connect-init] connector $name from $file"
  put "$name" "$file"
done

for url in $URLS; do
  if curl -fs "$url/connectors?expand=status"; then
    echo
    break
  fi
done
echo "[connect-init] done: $found connectors"
