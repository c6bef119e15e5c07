#!/usr/bin/env bash
# Issue 9, item 8: the home-made runtime (Grains.Runtime) and Microsoft Orleans 10.4.2 measured in one run on one
# machine, round after round, so both see the same neighbours. Each round runs:
#   1. Grains.Runtime.Benchmarks (local, cross-silo, activations on SQLite and PostgreSQL, memory);
#   2. the runtime's failover test (3 in-process silos on PostgreSQL, one killed without goodbye);
#   3. Orleans.Benchmarks (the same scenarios, and failover of SIGKILLed silo processes, default and tuned).
# Usage: tests/Benchmarks/grains-side-by-side.sh "Host=127.0.0.1;Port=…;Username=…;Database=…" [ROUNDS] [OUT_DIR]
# The database must exist; the runtime and Orleans each create their own tables in it.
set -euo pipefail
cd "$(dirname "$0")/../.."
PG=${1:?usage: grains-side-by-side.sh CONNECTION_STRING [ROUNDS] [OUT_DIR]}
ROUNDS=${2:-3}
OUT=${3:-$(mktemp -d /tmp/edgehive-grain-bench.XXXXXX)}
mkdir -p "$OUT"

dotnet build -c Release -nologo -v:q -clp:ErrorsOnly tests/Benchmarks/Grains.Runtime.Benchmarks
dotnet build -c Release -nologo -v:q -clp:ErrorsOnly tests/Benchmarks/Orleans.Benchmarks
dotnet build -c Release -nologo -v:q -clp:ErrorsOnly tests/Grains.Runtime.Tests

for round in $(seq 1 "$ROUNDS"); do
    echo "=== round $round of $ROUNDS: $(uptime)"
    dotnet tests/Benchmarks/Grains.Runtime.Benchmarks/bin/Release/net10.0/EdgeHive.Benchmarks.dll \
        --postgres "$PG" --json "$OUT/runtime-$round.json"
    EDGEHIVE_TEST_POSTGRES="$PG" dotnet test tests/Grains.Runtime.Tests -c Release --no-build -nologo \
        --filter "FullyQualifiedName~Grains_of_a_killed_silo_answer_again" --logger "console;verbosity=detailed" \
        | grep -E "grains of the killed silo|Passed|Failed" || true
    dotnet tests/Benchmarks/Orleans.Benchmarks/bin/Release/net10.0/EdgeHive.Orleans.Benchmarks.dll \
        --postgres "$PG" --json "$OUT/orleans-$round.json"
done
echo "results in $OUT"
