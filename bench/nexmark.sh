#!/usr/bin/env bash
# Regenerates the Nexmark table of docs/benchmarks.md: builds the spry command and the Flink
# queries, then runs one `spry bench nexmark --compare --query all` (Spry, Flink and the plain loop,
# each run in a JVM of its own, alternately) and prints the machine, the JVM, every run and the table.
#
#   bench/nexmark.sh                     # 10,000,000 events per run, 2 rounds, parallelism 2
#                                        # (after each JVM's 10 s warm-up; 2,000,000 measured too short)
#   EVENTS=5000000 ROUNDS=3 bench/nexmark.sh
#
# On the shared build machine both steps hold the Maven lock (/tmp/spry-mvn.lock), so builds and
# measurements don't overlap; set LOCK= to run without it.
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS="${EVENTS:-10000000}"
ROUNDS="${ROUNDS:-2}"
PARALLELISM="${PARALLELISM:-2}"
QUERY="${QUERY:-all}"
LOCK="${LOCK-/tmp/spry-mvn.lock}"

locked() {
  if [ -n "$LOCK" ]; then flock "$LOCK" "$@"; else "$@"; fi
}

locked ./mvnw -q -B -DskipTests -Dspotless.skip=true -pl spry-cli,spry-nexmark-flink -am package
touch spry-cli/target/spry.jar # built just now: the launcher need not build again

echo "date: $(date -u +%Y-%m-%d)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"\
  "$(free -g | awk '/Mem:/ {print $2}') GB RAM, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jvm: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
echo "command: spry bench nexmark --compare --query $QUERY --events $EVENTS --rounds $ROUNDS --parallelism $PARALLELISM --markdown"
locked ./spry bench nexmark --compare --query "$QUERY" --events "$EVENTS" --rounds "$ROUNDS" \
  --parallelism "$PARALLELISM" --markdown
