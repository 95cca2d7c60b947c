#!/usr/bin/env bash
# kill -9 the service in the middle of a burst of 10,000 submissions that retry with their Idempotency-Key until
# acknowledged; after the restart every acknowledged request must be stored exactly once, and nothing else. The
# driver (src/test/java/org/broadcastallocation/load/KillDuringBurst.java) starts the packaged jar on a fresh
# ba_load_burst_* database on the PostgreSQL server at 127.0.0.1:5432, prints the counts, and exits non-zero on a
# broken promise. Needs the packaged jar (./mvnw package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
ls target/broadcast-allocation-*.jar >/dev/null
./mvnw -q -B -ntp test-compile exec:java -Pload -Dload.main=org.broadcastallocation.load.KillDuringBurst "$@"
