#!/usr/bin/env bash
# Benchmarks: the service against its ceilings, measured in one run (about 10 minutes; --quick for a smoke run,
# --soak MINUTES to add the soak). Writes docs/benchmarks.md. Not part of ./test.sh or CI.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/prerequisites.sh
command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dotnet build KpiService.sln -c Release -nologo -v q
exec dotnet tests/KpiService.Benchmarks/bin/Release/net10.0/KpiService.Benchmarks.dll "$@"
