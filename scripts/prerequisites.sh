#!/usr/bin/env bash
# Installs what a fresh machine of this kind lacks: PostgreSQL server binaries and, for the gRPC interop tests,
# Python grpcio (Debian), Node's @grpc/grpc-js, buf for the gRPC contract (tests/buf) and the OpenAPI contract tools
# (tests/contract); for the report tests,
# Debian's headless Chromium (driven by the harness in tests/browser, which never downloads a browser of its own) and
# python3-openpyxl (an independent XLSX reader). Idempotent and quiet when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql-15)
/usr/bin/python3 -c 'import grpc, grpc_tools' >/dev/null 2>&1 || need_apt+=(python3-grpcio python3-grpc-tools)
[ -x /usr/bin/chromium ] || need_apt+=(chromium fonts-liberation)
/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || need_apt+=(python3-openpyxl)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "Please install: ${need_apt[*]} (apt-get install -y ...)" >&2; exit 1; fi
  echo "Installing ${need_apt[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  # Debian starts a default cluster on install; the service and tests run their own, so stop it.
  if command -v pg_lsclusters >/dev/null; then pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | while read -r v c; do pg_ctlcluster "$v" "$c" stop 2>/dev/null || true; done; fi
fi

if [ -d tests/interop ] && [ ! -d tests/interop/node_modules/@grpc/grpc-js ] && command -v npm >/dev/null; then
  echo "Installing the Node gRPC interop client ..."
  (cd tests/interop && npm install --no-audit --no-fund --silent >/dev/null)
fi

if [ -d tests/buf ] && [ ! -x tests/buf/node_modules/.bin/buf ] && command -v npm >/dev/null; then
  echo "Installing buf (lint and breaking-change checks of the gRPC contract) ..."
  (cd tests/buf && npm ci --no-audit --no-fund --silent >/dev/null)
fi

if [ -d tests/contract ] && [ ! -x tests/contract/node_modules/.bin/spectral ] && command -v npm >/dev/null; then
  echo "Installing the OpenAPI contract tools (Redocly CLI, Spectral, openapi-typescript) ..."
  (cd tests/contract && npm ci --no-audit --no-fund --silent >/dev/null)
fi

if [ -d tests/browser ] && command -v npm >/dev/null \
   && { [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ]; }; then
  echo "Installing the browser check harness (playwright-core, axe-core) ..."
  (cd tests/browser && npm ci --no-audit --no-fund --silent >/dev/null)
fi
