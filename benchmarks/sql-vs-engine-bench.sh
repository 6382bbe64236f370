#!/bin/bash
# Issue 6: llm_generate in a local Spark SQL job vs the batch engine alone, on the same prompts; 3 runs.
# usage: benchmarks/sql-vs-engine-bench.sh MODEL_DIR [rows] [max-tokens] [partitions]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -o -pl examples -am install -DskipTests
mvn -B -ntp -q -o -pl examples dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile=target/bench.cp
CP="examples/target/classes:$(cat examples/target/bench.cp)"
FLAGS="$(sed -n 's:.*<sparkinfer.jvmFlags>\(.*\)</sparkinfer.jvmFlags>.*:\1:p' pom.xml)"
for i in $(seq 1 "${RUNS:-3}"); do
  SPARK_LOCAL_IP=127.0.0.1 java ${SPARKINFER_JAVA_OPTS:--Xmx12g} $FLAGS -cp "$CP" io.sparkinfer.examples.SqlVsEngineBench "$@" 2>/dev/null | tail -1
done
echo "uptime at end: $(uptime)"
