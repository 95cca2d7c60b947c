#!/usr/bin/env bash
# Starts the packaged jar against a fresh database on the machine's PostgreSQL server and drives one real scenario:
# import the sample, a broadcaster submits and amends a request, a planner runs a round to the end and publishes it,
# an operator reads the report as JSON and CSV. Any unexpected HTTP status fails the run.
set -euo pipefail
jar=$(ls $1 | head -n 1)
port=${SCENARIO_PORT:-18089}
db="scenario_$(date +%s)_$$"
base="http://127.0.0.1:$port"
# Real staff passwords for this run: on a PostgreSQL server the service refuses the demo ones.
planner_password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
operator_password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
planner=(-u "planner:$planner_password")
operator=(-u "operator:$operator_password")
work=$(mktemp -d)

psql -h 127.0.0.1 -U postgres -d postgres -qc "create database $db" >/dev/null
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $db" >/dev/null 2>&1 || true
}
trap cleanup EXIT

SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$db" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATASOURCE_PASSWORD= BROADCAST_SAMPLE_EVENT= SERVER_PORT=$port \
  BROADCAST_USERS_PLANNER_PASSWORD="$planner_password" BROADCAST_USERS_OPERATOR_PASSWORD="$operator_password" \
  java -jar "$jar" > "$work/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 90); do
  curl -sf "$base/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/service.log"; echo "service died"; exit 1; }
  sleep 1
done

# call EXPECTED_STATUS METHOD PATH [curl args...]: prints the body, fails on any other status.
call() {
  local expected=$1 method=$2 path=$3; shift 3
  local status
  status=$(curl -s -o "$work/body" -w '%{http_code}' -X "$method" "$base$path" "$@")
  if [ "$status" != "$expected" ]; then
    echo "FAILED: $method $path answered $status, expected $expected:" >&2
    cat "$work/body" >&2; echo >&2
    tail -n 40 "$work/service.log" >&2
    exit 1
  fi
  cat "$work/body"
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

echo "-- import the Hague sample"
call 201 POST /api/events "${planner[@]}" -H 'Content-Type: application/json' \
  --data-binary @data-samples/hague-2025.json | json 'd["requests"], "requests imported"'
event=hague-2025
org=$(call 200 GET "/api/events/$event/organisations" "${planner[@]}" | json 'd[1]["id"]')
key=$(call 201 POST "/api/events/$event/organisations/$org/keys" "${planner[@]}" | json 'd["key"]')
call 200 PUT "/api/events/$event/late-intake" "${planner[@]}" -H 'Content-Type: application/json' \
  -d '{"open": true}' >/dev/null

echo "-- $org submits and amends a request (late intake is open: it counts as priority 3)"
request='{"id": "ci-late-1", "type": "LIVE_AREA", "crewSize": 2,
  "window": {"from": "2025-06-24T07:00:00+02:00", "to": "2025-06-25T07:00:00+02:00"}}'
call 201 POST "/api/events/$event/requests" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -H 'Idempotency-Key: ci-1' -d "$request" | json 'd["id"], d["status"]'
call 201 POST "/api/events/$event/requests" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -H 'Idempotency-Key: ci-1' -d "$request" >/dev/null
call 200 PUT "/api/events/$event/requests/ci-late-1" -H "Authorization: Bearer $key" \
  -H 'Content-Type: application/json' -H 'If-Match: "0"' -d "${request/\"crewSize\": 2/\"crewSize\": 3}" \
  | json 'd["crewSize"], d["version"]'
call 412 PUT "/api/events/$event/requests/ci-late-1" -H "Authorization: Bearer $key" \
  -H 'Content-Type: application/json' -H 'If-Match: "0"' -d "$request" >/dev/null
call 403 GET "/api/events/$event/problem" -H "Authorization: Bearer $key" >/dev/null

echo "-- a planner runs a round to the end and publishes it"
round=$(call 201 POST "/api/events/$event/rounds" "${planner[@]}" -H 'Content-Type: application/json' -d '{}' \
  | json 'd["round"]')
call 202 POST "/api/events/$event/rounds/$round/solve?seconds=10" "${planner[@]}" >/dev/null
for _ in $(seq 1 60); do
  status=$(call 200 GET "/api/events/$event/rounds/$round" "${planner[@]}" | json 'd["status"]')
  [ "$status" = SOLVED ] && break
  sleep 1
done
[ "$status" = SOLVED ] || { echo "round $round did not finish: $status"; exit 1; }
call 200 POST "/api/events/$event/rounds/$round/publish" "${planner[@]}" >/dev/null
call 409 POST "/api/events/$event/rounds/$round/publish" "${planner[@]}" >/dev/null

echo "-- an operator reads the report"
call 200 GET "/api/events/$event/rounds/$round/report" "${operator[@]}" -H 'Accept: application/json' \
  | json '"score", d["score"], len(d["allocations"]), "allocated,", len(d["unassigned"]), "unassigned"'
call 200 GET "/api/events/$event/rounds/$round/report" "${operator[@]}" -H 'Accept: text/csv' > "$work/report.csv"
echo "CSV: $(wc -l < "$work/report.csv") lines; $(head -n 1 "$work/report.csv")"
call 200 GET "/api/events/$event/allocations" -H "Authorization: Bearer $key" | json 'len(d), "confirmed for '"$org"'"'
echo "scenario passed"
