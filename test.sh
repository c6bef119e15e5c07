#!/usr/bin/env bash
# Runs the whole EdgeHive test suite on a Debian machine with the .NET 10 SDK.
#  1. installs what the tests need when it is missing (PostgreSQL, mosquitto and its clients, Chromium, and clang and
#     lld, which link the NativeAOT agent);
#  2. starts a private PostgreSQL server (own data directory, free loopback port) for the run;
#  3. builds once, publishes the agent once as the NativeAOT executable (the end-to-end tests run it, through
#     EDGEHIVE_AGENT_BINARY), and runs every test project; tests start their own mosquitto and silo processes on free ports;
#  4. stops and removes everything it started, also when a test fails or the run is interrupted.
# Extra arguments go to `dotnet test` (for example: ./test.sh --filter FullyQualifiedName~Gateway).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. packages ---------------------------------------------------------------------------------------------------
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need+=(mosquitto-clients)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v clang >/dev/null 2>&1 || need+=(clang)
command -v ld.lld >/dev/null 2>&1 || need+=(lld)
if [ ${#need[@]} -gt 0 ]; then
    echo "test.sh: installing ${need[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# Debian's postgresql package starts a cluster of its own on 5432; the suite never uses it.

# --- 2. private PostgreSQL ----------------------------------------------------------------------------------------
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$(( (RANDOM % 20000) + 30000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    echo "no free port found" >&2; return 1
}

PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
PG_DIR=$(mktemp -d /tmp/edgehive-pg.XXXXXX)
# Every temporary file of this run (test databases, agent data, browser profiles) goes under a directory of its own,
# so two runs on one machine never share or delete each other's files.
RUN_TMP=$(mktemp -d /tmp/edgehive-run.XXXXXX)
PG_PORT=$(free_port)
pg_user_run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
    local rc=$?
    pg_user_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR" "$RUN_TMP" 2>/dev/null || true
    exit $rc
}
trap cleanup EXIT INT TERM

[ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
pg_user_run "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U edgehive >/dev/null
# max_connections: test classes run in parallel, each silo with its pools (grain state, Orleans clustering and reminders).
# fsync off: the tests kill processes, never the machine, so durability against power loss buys nothing here.
pg_user_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=1000 -c fsync=off -c full_page_writes=off" \
    start >/dev/null
export EDGEHIVE_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=edgehive;Database=postgres;Pooling=true"
echo "test.sh: PostgreSQL on 127.0.0.1:$PG_PORT ($PG_DIR)"

# --- 3. build and test ---------------------------------------------------------------------------------------------
dotnet build EdgeHive.slnx -c Release -nologo -v:q -clp:ErrorsOnly
# The agent as it ships: a NativeAOT executable (trim/AOT warnings are errors), run by the end-to-end tests.
dotnet publish Edge.Agent/Edge.Agent.csproj -c Release -r linux-x64 -o "$RUN_TMP/agent" -nologo -v:q -clp:ErrorsOnly
export EDGEHIVE_AGENT_BINARY="$RUN_TMP/agent/EdgeHive.Edge.Agent"
echo "test.sh: end-to-end tests run the native agent $EDGEHIVE_AGENT_BINARY"
LOG="$PG_DIR/test.log"
export TMPDIR="$RUN_TMP"
set +e
# One test project at a time (-m:1): each project already runs its own tests in parallel, and on a 2-core CI machine
# two projects at once starve each other's timing-sensitive tests (deadlines, failure detection) for little gain.
dotnet test EdgeHive.slnx -c Release --no-build -nologo -m:1 --blame-hang-timeout 5m "$@" 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}
set -e

# One closing line over all test projects, in the plain form CI reads.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
     END { gsub(",", "", p); printf "%d passed, %d failed\n", p, f }' "$LOG"
exit $rc
