#!/usr/bin/env bash
# Runs the built service in the foreground, recording its pid so `make stop` can end it gracefully.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
# The service runs from a copy of the jar: `make test` rebuilds target/ while it runs, and a JVM
# whose jar is rewritten under it fails at its next class load.
jar=var/demo-multiplexer.jar
cp "$(ls target/demo-multiplexer-*.jar | head -1)" $jar
# JVM options: scripts/jvm.options (a small heap and the serial collector: the service's work is
# I/O, and it shares the host with the shops), unless JAVA_OPTS says otherwise.
# shellcheck disable=SC2086
"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" ${JAVA_OPTS:-@scripts/jvm.options} -jar "$jar" "$@" &
pid=$!
echo $pid > var/demo-multiplexer.pid
# Ctrl-C or a TERM to this script stops the service the same graceful way `make stop` does.
trap 'kill -TERM $pid 2>/dev/null' INT TERM
status=0
wait $pid || status=$?
# A TERM is how the service is meant to stop, so that wait may be cut short: wait for the JVM.
while kill -0 $pid 2>/dev/null; do wait $pid || status=$?; done
rm -f var/demo-multiplexer.pid
# 143 = ended by SIGTERM, 130 = by Ctrl-C: both are a normal stop.
[[ $status == 143 || $status == 130 ]] && status=0
exit $status
