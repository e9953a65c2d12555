#!/bin/bash
# Starts one Connect worker: the shared worker.properties plus this worker's own REST address. In a group, a worker
# that is not the leader forwards connector writes (PUT /connectors/<name>/config) to the leader at the URL the
# leader advertises; without rest.advertised.host.name every worker would advertise its listener's host (or its
# container id), and a listener on 0.0.0.0 makes the forward loop back to the sender, which answers 409.
set -euo pipefail
SHARED="${CONNECT_WORKER_PROPERTIES:-/etc/mobility/connect-worker.properties}"
GENERATED="${CONNECT_GENERATED_PROPERTIES:-/tmp/connect-worker.properties}"
HOST="${CONNECT_ADVERTISED_HOST_NAME:?set CONNECT_ADVERTISED_HOST_NAME to the name of this worker in the network}"
PORT="${CONNECT_ADVERTISED_PORT:?set CONNECT_ADVERTISED_PORT to the port of the listener of this worker}"

if grep -Eq '^[[:space:]]*rest\.advertised\.(host\.name|port)[[:space:]]*[=:]' "$SHARED"; then
  echo "[start-worker] $SHARED sets rest.advertised.*: it is per worker, set by this script" >&2
  exit 1
fi
{
  cat "$SHARED"
  echo
  echo "# Added by start-worker.sh for this worker."
  echo "rest.advertised.host.name=$HOST"
  echo "rest.advertised.port=$PORT"
  echo "rest.advertised.listener=http"
} > "$GENERATED"
echo "[start-worker] advertising http://$HOST:$PORT"
exec "${CONNECT_DISTRIBUTED:-/opt/kafka/bin/connect-distributed.sh}" "$GENERATED"
