#!/bin/bash
# Creates the platform's topics on the compose cluster (docs/event-contract.md): keyed by entity id, so partitions
# bound the parallelism of every consumer (streams instances x threads, Connect tasks); reference and state topics
# are compacted. Creating a topic that exists is a no-op, so the container can run again.
set -euo pipefail
BOOTSTRAP="${BOOTSTRAP_SERVERS:?set BOOTSTRAP_SERVERS}"
TOPICS=/opt/kafka/bin/kafka-topics.sh

create() {
  local name="$1" partitions="$2" cleanup="$3"
  echo "[kafka-init] topic $name: $partitions partitions, cleanup.policy=$cleanup"
  "$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor 3 \
    --config cleanup.policy="$cleanup" --config min.insync.replicas=2
}

# name                          partitions cleanup
create mobility.ride-events.raw      6 delete
create mobility.driver-events.raw    6 delete
create mobility.zones                1 compact
create mobility.drivers              3 compact
create mobility.riders               3 compact
create mobility.ride-events.clean    6 delete
create mobility.driver-events.clean  6 delete
create mobility.rides                6 compact
create mobility.zone-state           3 compact
create mobility.quarantine           3 delete
create mobility.delta-sink.dlq       3 delete

"$TOPICS" --bootstrap-server "$BOOTSTRAP" --list
echo "[kafka-init] done"
