#!/usr/bin/env bash
# Starts the built service on private ports with a fresh data directory (it starts its own PostgreSQL), registers a
# vendor key (read + submit for Gloucestershire) with the admin key, runs check.sh --run against the live
# /swagger/v1/swagger.json, and stops the service and its PostgreSQL whatever happened. Exit status is check.sh's.
#
#   dotnet build src/KpiService -c Release && tests/contract/against-service.sh
#
# Ports and paths can be moved with CONTRACT_REST_PORT, CONTRACT_GRPC_PORT, CONTRACT_DATA (a directory it may wipe).
# CONTRACT_DOC=tests/contract/fixtures/passing.yaml checks that document instead of the live one, so the vendor flow
# runs against the live service with the target contract's types: today's runtime gaps, whatever the document says.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dll=${CONTRACT_SERVICE_DLL:-$root/src/KpiService/bin/Release/net10.0/KpiService.dll}
rest_port=${CONTRACT_REST_PORT:-5380}
grpc_port=${CONTRACT_GRPC_PORT:-5381}
data=${CONTRACT_DATA:-/tmp/contract-kpi-data}
admin_key=${CONTRACT_ADMIN_KEY:-contract_admin_key_0123456789abcdef}
base=http://127.0.0.1:$rest_port
pg_ctl=$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n1)

[ -f "$dll" ] || { echo "no service build at $dll: run dotnet build src/KpiService -c Release" >&2; exit 1; }
rm -rf "$data"
log=$(mktemp)
Database__DataDirectory=$data Kestrel__Endpoints__Rest__Url=$base Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:$grpc_port \
  Auth__AdminKey=$admin_key dotnet "$dll" >"$log" 2>&1 &
service=$!

stop_service() {
  kill -TERM "$service" 2>/dev/null && wait "$service" 2>/dev/null
  # The service stops its PostgreSQL on a clean exit; make sure of it after a crash too.
  if [ -n "$pg_ctl" ] && [ -f "$data/data/postmaster.pid" ]; then runuser -u postgres -- "$pg_ctl" -D "$data/data" stop -m fast >/dev/null 2>&1; fi
  rm -f "$log"
}
trap stop_service EXIT

for _ in $(seq 120); do
  curl -sf "$base/health/ready" >/dev/null && break
  kill -0 "$service" 2>/dev/null || { echo "the service exited during start-up:" >&2; tail -n 30 "$log" >&2; exit 1; }
  sleep 1
done
curl -sf "$base/health/ready" >/dev/null || { echo "the service did not become ready in 120 s:" >&2; tail -n 30 "$log" >&2; exit 1; }

# Issuing the vendor's key is the administrator's job, not the vendor's: done here, outside the vendor flow.
registered=$(curl -sf -X POST "$base/api/v1/clients" -H "X-Api-Key: $admin_key" -H 'Content-Type: application/json' \
  -d '{"name":"Contract harness vendor","scopes":["read","submit"],"authorities":["E10000013"]}') \
  || { echo "could not register a vendor key with the admin key" >&2; exit 1; }
key=$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).key ?? "")' <<<"$registered")
[ -n "$key" ] || { echo "the client registration answered no key: $registered" >&2; exit 1; }

BASE_URL=$base API_KEY=$key "$here/check.sh" --run "${CONTRACT_DOC:-$base/swagger/v1/swagger.json}"
