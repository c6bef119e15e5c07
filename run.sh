#!/usr/bin/env bash
# Runs EdgeHive on its embedded default:
#   - one silo on SQLite (REST under /api/v1, the edge WebSocket, the portal) on http://localhost:5080
#   - one demo edge agent "demo-edge" with its embedded MQTT broker on 127.0.0.1:1883, two simulated devices and one
#     workload ("ticker", a shell loop from .data/workloads that prints the time every few seconds)
# Data lives in ./.data (delete it to start over). Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")"
DATA=$(pwd)/.data
URL=${EDGEHIVE_URL:-http://localhost:5080}
NODE=demo-edge
mkdir -p "$DATA"
chmod 700 "$DATA"

if ! command -v curl >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq curl >/dev/null; else sudo apt-get update -qq && sudo apt-get install -y -qq curl >/dev/null; fi
fi

secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
[ -s "$DATA/admin-token" ] || secret > "$DATA/admin-token"
[ -s "$DATA/portal-password" ] || secret | cut -c1-16 > "$DATA/portal-password"
ADMIN_TOKEN=$(cat "$DATA/admin-token")
PORTAL_PASSWORD=$(cat "$DATA/portal-password")

echo "run.sh: building…"
dotnet build Cloud.Silo/Cloud.Silo.csproj -c Release -nologo -v:q -clp:ErrorsOnly
dotnet build Edge.Agent/Edge.Agent.csproj -c Release -nologo -v:q -clp:ErrorsOnly

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# Secrets go to the processes through their environment and to curl through a header file (mode 0600), never on a
# command line, where every user of the machine could read them with ps.
AUTH_HEADER="$DATA/admin-header"
( umask 077; printf 'Authorization: Bearer %s\n' "$ADMIN_TOKEN" > "$AUTH_HEADER" )

Auth__AdminToken="$ADMIN_TOKEN" Portal__AdminPassword="$PORTAL_PASSWORD" \
    dotnet Cloud.Silo/bin/Release/net10.0/EdgeHive.Cloud.Silo.dll \
    --urls "$URL" \
    --Storage:DataDir="$DATA/silo" \
    > "$DATA/silo.log" 2>&1 &
pids+=($!)

# Waits up to $1 seconds for the command that follows to succeed.
wait_for() {
    local deadline=$((SECONDS + $1)); shift
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.5
    done
}
fail() { echo "run.sh: $*" >&2; exit 1; }

wait_for 120 curl -fs -o /dev/null "$URL/readyz" || fail "the silo did not become ready within 120 s; see $DATA/silo.log"

# A REST call: prints the body; fails (with the answer) unless the status is one of the expected ones.
api() {
    local expected=$1; shift
    local body status
    body=$(curl -s -w '\n%{http_code}' -H @"$AUTH_HEADER" -H 'Content-Type: application/json' "$@") || fail "REST call failed: curl $*"
    status=${body##*$'\n'}
    body=${body%$'\n'*}
    [[ " $expected " == *" $status "* ]] || fail "REST call answered $status (expected $expected): curl $*: $body"
    printf '%s' "$body"
}

# A join token for the agent's first connection (afterwards it uses the node credential it stored).
JOIN=$(api 201 -X POST "$URL/api/v1/jointokens" -d '{"description":"run.sh demo agent","ttlSeconds":3600}' \
    | grep -o '"token":"[^"]*"' | cut -d'"' -f4)
[ -n "$JOIN" ] || fail "no join token in the answer of POST /api/v1/jointokens"

# The directory whose executables the demo node may run as workloads (Edged; off unless --workloads names one).
mkdir -p "$DATA/workloads"
cat > "$DATA/workloads/ticker" <<'SCRIPT'
#!/bin/sh
# EdgeHive demo workload: prints the time; the node supervises it (restart policy Always).
while :; do date -u '+tick %H:%M:%S'; sleep 5; done
SCRIPT
chmod 755 "$DATA/workloads/ticker"

EDGEHIVE_JOIN_TOKEN="$JOIN" dotnet Edge.Agent/bin/Release/net10.0/EdgeHive.Edge.Agent.dll \
    --cloud "${URL/http/ws}" --node "$NODE" --data "$DATA/agent" \
    --mqtt embedded://127.0.0.1:1883 --simulate 2 --workloads "$DATA/workloads" \
    > "$DATA/agent.log" 2>&1 &
pids+=($!)

# The node registers itself on its first connection; wait for it, then bind the demo devices to it.
node_online() { curl -fs -H @"$AUTH_HEADER" "$URL/api/v1/nodes/$NODE" 2>/dev/null | grep -q '"status":"Online"'; }
wait_for 60 node_online || fail "node $NODE did not come online within 60 s; see $DATA/agent.log and $DATA/silo.log"

# A device model and two devices bound to the demo node (409 on later runs: they exist already).
api "201 409" -X POST "$URL/api/v1/devicemodels/default" -d '{"name":"thermometer","spec":{"description":"Simulated thermometer","properties":[
  {"name":"temperature","type":"double","accessMode":"ReadOnly","unit":"°C","minimum":-40,"maximum":125},
  {"name":"humidity","type":"double","accessMode":"ReadOnly","unit":"%","minimum":0,"maximum":100},
  {"name":"setpoint","type":"double","accessMode":"ReadWrite","unit":"°C","minimum":5,"maximum":35}]}}' >/dev/null
for device in sim-1 sim-2; do
    api "201 409" -X POST "$URL/api/v1/devices/default" -d "{\"name\":\"$device\",\"spec\":{\"model\":\"thermometer\",\"nodeName\":\"$NODE\",\"labels\":{\"demo\":\"true\"},\"desired\":{\"setpoint\":\"21\"}}}" >/dev/null
done

# A workload on the demo node: the agent runs and supervises it, its status and logs come back through REST.
api "201 409" -X POST "$URL/api/v1/workloads/default" -d "{\"name\":\"ticker\",\"spec\":{\"placement\":{\"nodeName\":\"$NODE\"},\"process\":{\"executable\":\"ticker\"},\"restartPolicy\":\"Always\"}}" >/dev/null

cat <<INFO

EdgeHive is running.
  portal        $URL/            user admin, password $PORTAL_PASSWORD
  REST          $URL/api/v1/     curl -H @$AUTH_HEADER $URL/api/v1/devices   (admin token: $DATA/admin-token)
  edge agent    node "$NODE", MQTT on 127.0.0.1:1883 (try: mosquitto_sub -h 127.0.0.1 -t '\$hw/events/#' -v)
  workload      default/ticker on "$NODE": curl -H @$AUTH_HEADER '$URL/api/v1/workloads/default/ticker/nodes/$NODE/logs?tail=5'
  logs          $DATA/silo.log, $DATA/agent.log
Ctrl+C stops everything.
INFO
wait -n "${pids[@]}"
