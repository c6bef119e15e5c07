#!/usr/bin/env bash
# Starts a local EdgeHive cluster on loopback: a private PostgreSQL server and N Cloud.Silo processes.
#   deploy/local/cluster.sh start [N]   # default 3 silos; HTTP on 5080, 5081, …; silo ports 11111, 11112, …
#   deploy/local/cluster.sh status
#   deploy/local/cluster.sh stop        # SIGTERM: each silo leaves the cluster cleanly; then PostgreSQL stops
# State lives in ./.cluster (PostgreSQL data, logs, pids). Set EDGEHIVE_ADMIN_TOKEN to choose the admin token.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
DIR="$ROOT/.cluster"
PG_PORT=${EDGEHIVE_PG_PORT:-55432}
ADMIN_TOKEN=${EDGEHIVE_ADMIN_TOKEN:-local-admin-token}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
pg_run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start() {
    local count=${1:-3}
    mkdir -p "$DIR"
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    local bin
    bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
    if [ ! -d "$DIR/pg/data" ]; then
        mkdir -p "$DIR/pg"
        [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$DIR/pg"
        pg_run "$bin/initdb" -D "$DIR/pg/data" -A trust -U edgehive >/dev/null
    fi
    pg_run "$bin/pg_ctl" -D "$DIR/pg/data" -l "$DIR/pg/log" -w \
        -o "-p $PG_PORT -k $DIR/pg -c listen_addresses=127.0.0.1 -c max_connections=400" start >/dev/null
    echo "PostgreSQL on 127.0.0.1:$PG_PORT"

    dotnet build Cloud.Silo -c Release -nologo -v:q -clp:ErrorsOnly
    for i in $(seq 0 $((count - 1))); do
        local http=$((5080 + i)) silo=$((11111 + i)) gateway=$((30000 + i))
        nohup dotnet Cloud.Silo/bin/Release/net10.0/EdgeHive.Cloud.Silo.dll \
            --urls "http://127.0.0.1:$http" \
            --Cluster:Provider=Postgres \
            "--ConnectionStrings:Postgres=Host=127.0.0.1;Port=$PG_PORT;Username=edgehive;Database=postgres" \
            --Cluster:SiloPort=$silo --Cluster:GatewayPort=$gateway \
            --Auth:AdminToken="$ADMIN_TOKEN" \
            > "$DIR/silo-$i.log" 2>&1 &
        echo $! > "$DIR/silo-$i.pid"
        echo "silo $i: http://127.0.0.1:$http (silo port $silo, gateway $gateway), log $DIR/silo-$i.log"
    done
    for i in $(seq 0 $((count - 1))); do
        local http=$((5080 + i))
        for _ in $(seq 1 120); do
            curl -fs "http://127.0.0.1:$http/readyz" >/dev/null 2>&1 && break
            sleep 0.5
        done
        curl -fs "http://127.0.0.1:$http/readyz" >/dev/null || { echo "silo $i did not become ready; see $DIR/silo-$i.log"; exit 1; }
    done
    echo "cluster ready; admin token: $ADMIN_TOKEN"
}

stop() {
    for pidfile in "$DIR"/silo-*.pid; do
        [ -e "$pidfile" ] || continue
        kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
    done
    for pidfile in "$DIR"/silo-*.pid; do
        [ -e "$pidfile" ] || continue
        local pid
        pid=$(cat "$pidfile")
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        rm -f "$pidfile"
    done
    if [ -d "$DIR/pg/data" ]; then
        local bin
        bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
        pg_run "$bin/pg_ctl" -D "$DIR/pg/data" -m fast stop >/dev/null 2>&1 || true
    fi
    echo "stopped"
}

status() {
    for pidfile in "$DIR"/silo-*.pid; do
        [ -e "$pidfile" ] || { echo "no silos"; return; }
        local pid
        pid=$(cat "$pidfile")
        if kill -0 "$pid" 2>/dev/null; then echo "$(basename "$pidfile" .pid): running (pid $pid)"; else echo "$(basename "$pidfile" .pid): not running"; fi
    done
}

case "${1:-}" in
    start) start "${2:-3}" ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start [N] | status | stop"; exit 2 ;;
esac
