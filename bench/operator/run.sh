#!/usr/bin/env bash
# Operator benchmark: the packaged operator (prod profile, leader election on) against the fabric8
# mock API server, reconciling k8s/samples/full.yaml. Prints start-up, time to all children, API
# writes of a no-op reconcile and the operator's RSS. Results: docs/benchmarks.md.
#
# The mock API server has no server-side apply, so the operator is packaged for it with SSA off
# (a build-time switch) into operator/target/bench-app; everything else is the production build.
set -euo pipefail
cd "$(dirname "$0")/../.."
OFFLINE=${OFFLINE--o}  # OFFLINE= for a build that may download
LOCK=/tmp/mvn.lock

# OPERATOR_NATIVE_ARGS="<maven args>" (CI's native job: the Mandrel container build) measures the
# native executable built the same way instead of the JVM jar.
if [ -n "${OPERATOR_NATIVE_ARGS:-}" ]; then
  rm -f operator/target/*-runner
  flock "$LOCK" ./mvnw -B -q $OFFLINE -pl operator -am package -DskipTests \
    -Dquarkus.operator-sdk.enable-ssa=false -Dnative $OPERATOR_NATIVE_ARGS
  app="$(ls operator/target/*-runner)"
else
  flock "$LOCK" ./mvnw -B -q $OFFLINE -pl operator -am package -DskipTests \
    -Dquarkus.operator-sdk.enable-ssa=false -Dquarkus.package.output-directory=bench-app
  app=operator/target/bench-app/quarkus-run.jar
fi
flock "$LOCK" ./mvnw -B -q $OFFLINE -pl operator dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null

mkdir -p operator/target/bench
# The JVM flags and environment the operator's image runs with (one owner: its
# application.properties); the operator process inherits this environment.
props=operator/src/main/resources/application.properties
gc="$(sed -n 's/^quarkus.jib.environment-variables."GC_CONTAINER_OPTIONS"=//p' "$props")"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX-$(sed -n 's/^quarkus.jib.environment-variables."MALLOC_ARENA_MAX"=//p' "$props")}"
jvm="$(sed -n 's/^quarkus.jib.jvm-additional-arguments=//p' "$props" | tr ',' ' ')"
export OPERATOR_JVM_OPTIONS="${OPERATOR_JVM_OPTIONS-$gc $jvm}"
# The operator's own classes count the children the sample implies (OperatorBench.expectedChildren).
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "operator/target/classes:operator/target/test-classes:$(cat operator/target/bench-classpath.txt)" bench/operator/OperatorBench.java \
  "$app" k8s/samples/full.yaml \
  k8s/crd/videoplatforms.videoplatform.dev-v1.yml operator/target/bench/operator.log
