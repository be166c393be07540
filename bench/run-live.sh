#!/usr/bin/env bash
# Runs the live fan-out benchmark: bench/run-live.sh [--readers 5000] [--updates 50] [--interval-ms 200]
# Each reader is one socket in the bench and one in the server (which inherits this limit); the default of 1024
# open files is far too few for thousands of readers.
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)"
exec dotnet run -c Release --project bench/Masthead.Bench -- live "$@"
