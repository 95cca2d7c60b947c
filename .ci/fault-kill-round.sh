#!/usr/bin/env bash
# kill -9 the service in the middle of a round: after the restart the published allocation is untouched, the round
# shows INTERRUPTED (with its best saved solution), and solving it again works. Packaged jar, fresh database on the
# PostgreSQL server at 127.0.0.1:5432. Prints what it checks; exits non-zero on a broken promise.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls ${1:-target/broadcast-allocation-*.jar} | head -n 1)
port=${FAULT_PORT:-18082}
db="ba_load_round_$(date +%s)_$$"
base="http://127.0.0.1:$port"
# Real staff passwords for this run: on a PostgreSQL server the service refuses the demo ones.
planner_password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
operator_password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
planner=(-u "planner:$planner_password")
event=hague-2025
work=$(mktemp -d)
sql() { psql -h 127.0.0.1 -U postgres -d "$db" -Atc "$1"; }

psql -h 127.0.0.1 -U postgres -d postgres -qc "create database $db" >/dev/null
cleanup() {
  [ -n "${pid:-}" ] && kill -9 "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# A short heartbeat timeout so that the restarted instance finds the dead solve quickly (default: 30 s).
start() {
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$db" SPRING_DATASOURCE_USERNAME=postgres \
    SPRING_DATASOURCE_PASSWORD= BROADCAST_SAMPLE_EVENT= SERVER_PORT=$port \
    BROADCAST_USERS_PLANNER_PASSWORD="$planner_password" BROADCAST_USERS_OPERATOR_PASSWORD="$operator_password" \
    BROADCAST_ROUNDS_HEARTBEAT_TIMEOUT_SECONDS=5 BROADCAST_ROUNDS_RECOVERY_INTERVAL_MILLIS=1000 \
    java -Xmx1g -jar "$jar" >> "$work/service.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 180); do
    curl -sf "$base/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$work/service.log"; echo "FAILED: the service died on start"; exit 1; }
    sleep 1
  done
  echo "FAILED: the service did not start"; exit 1
}

# call EXPECTED_STATUS METHOD PATH [curl args...]: prints the body, fails on any other status.
call() {
  local expected=$1 method=$2 path=$3; shift 3
  local status
  status=$(curl -s -o "$work/body" -w '%{http_code}' -X "$method" "$base$path" "$@")
  if [ "$status" != "$expected" ]; then
    echo "FAILED: $method $path answered $status, expected $expected: $(cat "$work/body")" >&2
    tail -n 40 "$work/service.log" >&2
    exit 1
  fi
  cat "$work/body"
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
status_of() { call 200 GET "/api/events/$event/rounds/$1" "${planner[@]}" | json 'd["status"]'; }
await_status() { # ROUND STATUS SECONDS
  local status=""
  for _ in $(seq 1 $(( $3 * 2 ))); do
    status=$(status_of "$1"); [ "$status" = "$2" ] && return 0; sleep 0.5
  done
  echo "FAILED: round $1 is $status, expected $2 within $3 s"; exit 1
}
published() { sql "select count(*) || ' pins, digest ' || md5(coalesce(string_agg(request_id || resource_id || starts_at
  || ends_at || round_number, ',' order by request_id), '')) from pinned_allocation where event_id = '$event'"; }

start
call 201 POST /api/events "${planner[@]}" -H 'Content-Type: application/json' \
  --data-binary @data-samples/hague-2025.json >/dev/null
echo "-- round 1: solved for 5 s and published"
call 201 POST "/api/events/$event/rounds" "${planner[@]}" -H 'Content-Type: application/json' -d '{}' >/dev/null
call 202 POST "/api/events/$event/rounds/1/solve?seconds=5" "${planner[@]}" >/dev/null
await_status 1 SOLVED 120
call 200 POST "/api/events/$event/rounds/1/publish" "${planner[@]}" >/dev/null
before=$(published)
echo "published: $before"

echo "-- round 2: solving for up to 10 minutes; kill -9 once it has saved a best solution"
call 201 POST "/api/events/$event/rounds" "${planner[@]}" -H 'Content-Type: application/json' \
  -d '{}' >/dev/null
call 202 POST "/api/events/$event/rounds/2/solve?seconds=600" "${planner[@]}" >/dev/null
for _ in $(seq 1 120); do
  [ "$(sql "select report is not null from round where event_id = '$event' and number = 2")" = t ] && break
  sleep 0.5
done
saved=$(sql "select status || ' ' || score_hard || 'hard/' || score_medium || 'medium/' || score_soft || 'soft'
  from round where event_id = '$event' and number = 2")
[[ $saved == SOLVING* ]] || { echo "FAILED: round 2 ended before the kill ($saved): nothing was tested"; exit 1; }
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
echo "killed while round 2 was $saved"

start
await_status 2 INTERRUPTED 60
after=$(published)
echo "after the restart: round 2 $(status_of 2), round 1 $(status_of 1); published: $after"
[ "$after" = "$before" ] || { echo "FAILED: the published allocation changed"; exit 1; }
[ "$(status_of 1)" = PUBLISHED ] || { echo "FAILED: round 1 is no longer PUBLISHED"; exit 1; }
call 200 GET "/api/events/$event/rounds/2/report" "${planner[@]}" \
  | json '"the best saved before the kill is kept:", d["score"], len(d["allocations"]), "allocations"'

echo "-- round 2 solved again"
call 202 POST "/api/events/$event/rounds/2/solve?seconds=5" "${planner[@]}" >/dev/null
await_status 2 SOLVED 120
call 200 GET "/api/events/$event/rounds/2/report" "${planner[@]}" | json '"round 2 SOLVED:", d["score"]'
[ "$(published)" = "$before" ] || { echo "FAILED: the published allocation changed"; exit 1; }
echo "PASSED: published allocation untouched, round INTERRUPTED after the kill, solved again"
