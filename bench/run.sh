#!/usr/bin/env bash
# Builds what the benchmark needs and runs it. Arguments go to the bench, e.g.:
#   ./bench/run.sh --profile full
#   ./bench/run.sh --profile quick --workloads read-inbox,read-history
#   ./bench/run.sh --target-url http://localhost --read-model-jdbc-url jdbc:postgresql://localhost:5432/chorus_read --jwt-secret ...
# Reports go to bench/results/<name>.md|json|png (see bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl bench -am package -Dmaven.test.skip=true
exec java -Xms512m -Xmx2g -XX:+UseParallelGC -jar bench/target/bench-0.1.0-SNAPSHOT-exec.jar "$@"
