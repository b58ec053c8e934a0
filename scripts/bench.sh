#!/usr/bin/env bash
# Runs the benchmarks B1-B5 and B7 and prints one table (benchmark, our arm, baseline, ratio, goal, met).
#   scripts/bench.sh --quick   about 3 minutes on 2 cores: shorter batches, one JVM per B1 thread count, B3 on one pair/store
#   scripts/bench.sh           the full run recorded in README.md, about 15 minutes
#   scripts/bench.sh --quick --only=B1,B4   just those benchmarks (B1-B5, B7)
# B7 (virtual threads) runs in a JVM of the Temurin 25 JDK, or of the java that MULTIDB_BENCH_JDK25 names
# (JDK 21 or later); without one its row says so.
# B2 and B3 need the local PostgreSQL and MariaDB (scripts/prepare-databases.sh makes them ready); B1-B3
# measure their arms interleaved in one JVM and report the median per-round ratio and its IQR.
# Results: benchmarks/results/<date>-<mode>.json and benchmarks/results/latest-<mode>.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mvn -B -q -pl benchmarks -am package -DskipTests
exec java -cp benchmarks/target/benchmarks.jar io.multidb.benchmarks.BenchSuite "$@" benchmarks/results
