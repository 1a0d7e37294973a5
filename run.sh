#!/usr/bin/env bash
# Starts KpiService on its embedded default: a private PostgreSQL under ./.kpi-data, reference data loaded,
# REST + Swagger UI on http://127.0.0.1:5080/swagger, gRPC on http://127.0.0.1:5081. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/prerequisites.sh
dotnet build src/KpiService -c Release -nologo -v q
exec dotnet src/KpiService/bin/Release/net10.0/KpiService.dll "$@"
