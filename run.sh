#!/usr/bin/env bash
# Runs EdgeHive on its embedded default:
#   - one silo on SQLite (REST under /api/v1, the edge WebSocket, the portal) on http://localhost:5080
#   - one demo edge agent "demo-edge" with its embedded MQTT broker on 127.0.0.1:1883 and two simulated devices
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

dotnet Cloud.Silo/bin/Release/net10.0/EdgeHive.Cloud.Silo.dll \
    --urls "$URL" \
    --Storage:DataDir="$DATA/silo" \
    --Auth:AdminToken="$ADMIN_TOKEN" \
    --Portal:AdminPassword="$PORTAL_PASSWORD" \
    > "$DATA/silo.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 240); do
    curl -fs "$URL/readyz" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fs "$URL/readyz" >/dev/null || { echo "the silo did not start; see $DATA/silo.log"; exit 1; }

api() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' "$@"; }

# A join token for the agent's first connection (afterwards it uses the node credential it stored).
JOIN=$(curl -s -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -X POST "$URL/api/v1/jointokens" -d '{"description":"run.sh demo agent","ttlSeconds":3600}' \
    | grep -o '"token":"[^"]*"' | cut -d'"' -f4)

dotnet Edge.Agent/bin/Release/net10.0/EdgeHive.Edge.Agent.dll \
    --cloud "${URL/http/ws}" --node "$NODE" --token "$JOIN" --data "$DATA/agent" \
    --mqtt embedded://127.0.0.1:1883 --simulate 2 \
    > "$DATA/agent.log" 2>&1 &
pids+=($!)

# The node registers itself on its first connection; wait for it, then bind the demo devices to it.
for _ in $(seq 1 120); do
    curl -fs -H "Authorization: Bearer $ADMIN_TOKEN" "$URL/api/v1/nodes/$NODE" 2>/dev/null | grep -q '"status":"Online"' && break
    sleep 0.5
done

# A device model and two devices bound to the demo node (409 on later runs: they exist already).
api -X POST "$URL/api/v1/devicemodels/default" -d '{"name":"thermometer","spec":{"description":"Simulated thermometer","properties":[
  {"name":"temperature","type":"double","accessMode":"ReadOnly","unit":"°C","minimum":-40,"maximum":125},
  {"name":"humidity","type":"double","accessMode":"ReadOnly","unit":"%","minimum":0,"maximum":100},
  {"name":"setpoint","type":"double","accessMode":"ReadWrite","unit":"°C","minimum":5,"maximum":35}]}}' >/dev/null
for device in sim-1 sim-2; do
    api -X POST "$URL/api/v1/devices/default" -d "{\"name\":\"$device\",\"spec\":{\"model\":\"thermometer\",\"nodeName\":\"$NODE\",\"labels\":{\"demo\":\"true\"},\"desired\":{\"setpoint\":\"21\"}}}" >/dev/null
done

cat <<INFO

EdgeHive is running.
  portal        $URL/            user admin, password $PORTAL_PASSWORD
  REST          $URL/api/v1/     curl -H "Authorization: Bearer $ADMIN_TOKEN" $URL/api/v1/devices
  edge agent    node "$NODE", MQTT on 127.0.0.1:1883 (try: mosquitto_sub -h 127.0.0.1 -t '\$hw/events/#' -v)
  logs          $DATA/silo.log, $DATA/agent.log
Ctrl+C stops everything.
INFO
wait -n "${pids[@]}"
