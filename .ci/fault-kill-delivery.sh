#!/usr/bin/env bash
# kill -9 the service while it delivers webhooks: the receiver holds deliveries open, so the instance dies with a row
# claimed and its attempt not committed, and with other messages written but not sent; after the restart every
# message the outbox held before the kill must reach the receiver (valid signature, same body per webhook-id). The
# driver (src/test/java/org/broadcastallocation/load/KillDuringDelivery.java) starts the packaged jar on a fresh
# ba_load_delivery_* database on the PostgreSQL server at 127.0.0.1:5432, prints the counts, and exits non-zero on a
# lost message. Needs the packaged jar (./mvnw package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
ls target/broadcast-allocation-*.jar >/dev/null
./mvnw -q -B -ntp test-compile exec:java -Pload -Dload.main=org.broadcastallocation.load.KillDuringDelivery "$@"
