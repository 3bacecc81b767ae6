#!/usr/bin/env bash
# The latency figures of docs/benchmarks.md: builds the spry command and the Flink queries, then runs
# `spry bench nexmark --compare --rate half` for q5 and q7: first a throughput run of Spry per query
# to find its maximum, then Spry and Flink alternately at half of it, each run in a JVM of its own,
# and prints the machine, the JVM, every run, a summary line per query and a Markdown table.
#
#   bench/nexmark-latency.sh                       # q5 and q7, 30 s runs, 3 rounds, parallelism 2
#   QUERY=q7 DURATION=20 ROUNDS=2 bench/nexmark-latency.sh
#   RATE=200000 bench/nexmark-latency.sh           # a fixed rate instead of half of Spry's maximum
#
# On the shared build machine both steps hold the Maven lock (/tmp/spry-mvn.lock), so builds and
# measurements don't overlap; set LOCK= to run without it.
set -euo pipefail
cd "$(dirname "$0")/.."

QUERY="${QUERY:-q5,q7}"
RATE="${RATE:-half}"
DURATION="${DURATION:-30}"
ROUNDS="${ROUNDS:-3}"
PARALLELISM="${PARALLELISM:-2}"
MAX_EVENTS="${MAX_EVENTS:-5000000}" # the throughput run that finds Spry's maximum (RATE=half)
LOCK="${LOCK-/tmp/spry-mvn.lock}"

locked() {
  if [ -n "$LOCK" ]; then flock "$LOCK" "$@"; else "$@"; fi
}

locked ./mvnw -q -B -DskipTests -Dspotless.skip=true -pl spry-cli,spry-nexmark-flink -am package
touch spry-cli/target/spry.jar # built just now: the launcher need not build again

events=()
if [ "$RATE" = "half" ]; then events=(--events "$MAX_EVENTS"); fi
echo "date: $(date -u +%Y-%m-%d)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"\
  "$(free -g | awk '/Mem:/ {print $2}') GB RAM, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jvm: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
echo "command: spry bench nexmark --compare --query $QUERY --rate $RATE ${events[*]} --duration $DURATION --rounds $ROUNDS --parallelism $PARALLELISM --markdown"
locked ./spry bench nexmark --compare --query "$QUERY" --rate "$RATE" "${events[@]}" \
  --duration "$DURATION" --rounds "$ROUNDS" --parallelism "$PARALLELISM" --markdown
