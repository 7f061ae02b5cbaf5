#!/usr/bin/env bash
# make bench: starts the real services, builds the service, and runs the benchmark
# (src/test/java/com/demomultiplexer/bench) against them; results in bench/results/.
# Arguments pick parts of it (seeded, real, replicas, podman: see Benchmark); none, all of them.
# The podman part also needs Podman's API service and the stand-in image in it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -eq 0 || " $* " == *" podman "* ]]; then scripts/services.sh podman; else scripts/services.sh; fi
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec "$JAVA_HOME/bin/java" -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  com.demomultiplexer.bench.Benchmark "$@"
