#!/bin/sh
# Creates or updates every lake connector from /connectors/<name>.json through the Connect REST API
# (PUT /connectors/<name>/config is idempotent). Waits until the worker answers; fails if a connector is refused.
set -eu
CONNECT="${CONNECT_URL:?set CONNECT_URL}"

echo "[connect-init] waiting for $CONNECT"
tries=0
until curl -fs "$CONNECT/connector-plugins" | grep -q 'io.mobility.sink.DeltaSinkConnector'; do
  tries=$((tries + 1))
  if [ "$tries" -gt 90 ]; then
    echo "[connect-init] $CONNECT did not list io.mobility.sink.DeltaSinkConnector within 3 minutes" >&2
    exit 1
  fi
  sleep 2
done

for file in /connectors/*.json; do
  name="$(basename "$file" .json)"
  echo "[connect-init] connector $name from $file"
  status="$(curl -s -o /tmp/answer -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
    --data @"$file" "$CONNECT/connectors/$name/config")"
  if [ "$status" != 200 ] && [ "$status" != 201 ]; then
    echo "[connect-init] $name refused with HTTP $status: $(cat /tmp/answer)" >&2
    exit 1
  fi
done
curl -fs "$CONNECT/connectors?expand=status"
echo
echo "[connect-init] done"
