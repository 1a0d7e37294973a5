#!/usr/bin/env bash
# Runs every test (domain, event store, reports, the service end to end over REST and gRPC with real
# clients) against real PostgreSQL clusters the tests start themselves. Ends with one line: N passed, N failed.
set -uo pipefail
cd "$(dirname "$0")"
bash scripts/prerequisites.sh || exit 1
results=$(mktemp -d)
dotnet test KpiService.sln -c Release -nologo --logger "trx" --results-directory "$results" "$@"
status=$?
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
rm -rf "$results"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit $status
