#!/usr/bin/env bash
# Runs the built service in the foreground, recording its pid so `make stop` can end it gracefully.
# REPLICAS=N runs N replicas of the deployment (README, "Replicas"): replica i listens on
# SERVER_PORT + 2(i-1) and MANAGEMENT_PORT + 2(i-1), registers that API with Caddy, and logs to
# this terminal too (each line carries its pid).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/settings.sh
mkdir -p var
# The service runs from a copy of the jar: `make test` rebuilds target/ while it runs, and a JVM
# whose jar is rewritten under it fails at its next class load.
jar=var/demo-multiplexer.jar
cp "$(ls target/demo-multiplexer-*.jar | head -1)" $jar
replicas=${REPLICAS:-1}
[[ $replicas =~ ^[1-9][0-9]?$ ]] || { echo "REPLICAS must be a number from 1 to 99" >&2; exit 2; }
server_port=$(setting SERVER_PORT 8080)
management_port=$(setting MANAGEMENT_PORT 8081)
# Where Caddy reaches each replica: CADDY_API_UPSTREAM's host, each replica's port.
upstream_host=$(setting CADDY_API_UPSTREAM "127.0.0.1:$server_port")
upstream_host=${upstream_host%:*}
# Names must differ within the deployment (the replicas' list in Valkey is by name): a
# REPLICA_NAME given to several replicas becomes NAME-1, NAME-2, ...; unset, each is named after
# the host and its port.
replica_name=$(setting REPLICA_NAME "")
pids=()
for ((i = 0; i < replicas; i++)); do
  port=$((server_port + 2 * i))
  # JVM options: scripts/jvm.options (a small heap and the serial collector: the service's work
  # is I/O, and it shares the host with the shops), unless JAVA_OPTS says otherwise.
  # shellcheck disable=SC2086
  name=$replica_name
  [[ -n $name && $replicas -gt 1 ]] && name="$name-$((i + 1))"
  SERVER_PORT=$port MANAGEMENT_PORT=$((management_port + 2 * i)) CADDY_API_UPSTREAM="$upstream_host:$port" \
    REPLICA_NAME=$name "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" ${JAVA_OPTS:-@scripts/jvm.options} -jar "$jar" "$@" &
  pids+=($!)
done
printf '%s\n' "${pids[@]}" > var/demo-multiplexer.pid
# Ctrl-C or a TERM to this script stops every replica the same graceful way `make stop` does.
trap 'kill -TERM "${pids[@]}" 2>/dev/null' INT TERM
status=0
for pid in "${pids[@]}"; do
  # A TERM is how the service is meant to stop, so that wait may be cut short: wait for the JVM.
  while kill -0 "$pid" 2>/dev/null; do wait "$pid" || status=$?; done
done
rm -f var/demo-multiplexer.pid
# 143 = ended by SIGTERM, 130 = by Ctrl-C: both are a normal stop.
[[ $status == 143 || $status == 130 ]] && status=0
exit $status
