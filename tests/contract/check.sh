#!/usr/bin/env bash
# Holds KpiService's OpenAPI document to the contract of issue 19:
#   1. Redocly CLI lints it with redocly.yaml, 2. Spectral lints it with .spectral.yaml (spectral:oas + kpi-* rules),
#   3. openapi-typescript generates TypeScript types from it into a temp dir, 4. tsc type-checks client/*.ts
#   against those types, 5. with --run, the vendor flow is compiled and run against a live service.
# Every stage runs even when an earlier one failed; the exit status is 1 if any failed, with a summary at the end.
# Full reports are left in $CONTRACT_REPORTS (default tests/contract/.reports).
#
#   tests/contract/check.sh <openapi.json | openapi.yaml | http://host:port/swagger/v1/swagger.json>
#   BASE_URL=http://127.0.0.1:5380 API_KEY=kpi_... tests/contract/check.sh --run http://127.0.0.1:5380/swagger/v1/swagger.json
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() { echo "usage: $0 [--run] <openapi.json|openapi.yaml|http(s)://.../swagger.json>" >&2; exit 2; }

run_flow=false
[ "${1:-}" = "--run" ] && { run_flow=true; shift; }
[ $# -eq 1 ] || usage
source_doc=$1
if $run_flow && { [ -z "${BASE_URL:-}" ] || [ -z "${API_KEY:-}" ]; }; then
  echo "--run needs BASE_URL and API_KEY (a key with read and submit scopes)" >&2; exit 2
fi

# Quiet, offline-friendly tools: no telemetry or update checks from Redocly, no analytics from its dependencies.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true SCARF_ANALYTICS=false NO_UPDATE_NOTIFIER=1

if [ ! -x "$here/node_modules/.bin/redocly" ] || [ ! -x "$here/node_modules/.bin/spectral" ] || [ ! -x "$here/node_modules/.bin/tsc" ]; then
  echo "Installing the contract tools (npm ci in tests/contract) ..."
  (cd "$here" && npm ci --no-audit --no-fund --silent >/dev/null) || { echo "npm ci failed in $here" >&2; exit 1; }
fi
bin=$here/node_modules/.bin

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
reports=${CONTRACT_REPORTS:-$here/.reports}
mkdir -p "$reports"
rm -f "$reports"/redocly.json "$reports"/spectral.json "$reports"/tsc.txt "$reports"/generate.txt "$reports"/vendor-flow.txt

# The document: a file as given, or fetched from a running service.
case "$source_doc" in
  http://*|https://*)
    doc=$work/openapi.json
    if ! curl -sSf --max-time 30 -o "$doc" "$source_doc"; then echo "cannot fetch $source_doc" >&2; exit 1; fi
    cp "$doc" "$reports/openapi.json" ;;
  *)
    [ -f "$source_doc" ] || { echo "no such file: $source_doc" >&2; exit 1; }
    doc=$(cd "$(dirname "$source_doc")" && pwd)/$(basename "$source_doc") ;;
esac

declare -a stage_names stage_results
record() { stage_names+=("$1"); stage_results+=("$2"); }
failed=false

# Reads summarize.mjs's last line ("<errors> <warnings>"), prints the rest, records the stage.
lint_stage() {
  local name=$1 tool=$2 report=$3 summary errors warnings
  summary=$(node "$here/summarize.mjs" "$tool" "$report") || { record "$name" "FAIL  the report could not be read ($report)"; failed=true; return; }
  read -r errors warnings <<<"$(tail -n1 <<<"$summary")"
  if [ "$errors" -eq 0 ] && [ "$warnings" -eq 0 ]; then
    record "$name" "ok    0 errors, 0 warnings"
  else
    echo "--- $name: $errors errors, $warnings warnings (full report: $report)"
    head -n -1 <<<"$summary"
    record "$name" "FAIL  $errors errors, $warnings warnings"; failed=true
  fi
}

echo "Contract check of $source_doc"

# 1. Redocly CLI. A config problem (an unknown rule) is a failure too: the ruleset must say what it means.
"$bin/redocly" lint "$doc" --config "$here/redocly.yaml" --format=json --max-problems 100000 >"$reports/redocly.json" 2>"$work/redocly.err"
if grep -q "Your config has\|Unused rules found" "$work/redocly.err"; then
  echo "--- Redocly: redocly.yaml has problems"; grep -v "║\|╔\|╚" "$work/redocly.err" | sed -n '/Your config has\|Unused rules/,+3p'
  record "Redocly config" "FAIL  see above"; failed=true
fi
if [ -s "$reports/redocly.json" ]; then lint_stage "Redocly CLI $("$bin/redocly" --version 2>/dev/null | tail -n1)" redocly "$reports/redocly.json"
else echo "--- Redocly did not report:"; grep -v "║\|╔\|╚" "$work/redocly.err" | tail -n 20; record "Redocly CLI" "FAIL  no report"; failed=true; fi

# 2. Spectral, failing on anything at warn or above.
"$bin/spectral" lint "$doc" --ruleset "$here/.spectral.yaml" --format json --output "$reports/spectral.json" --fail-severity warn >"$work/spectral.out" 2>&1
if [ -s "$reports/spectral.json" ]; then lint_stage "Spectral $("$bin/spectral" --version 2>/dev/null)" spectral "$reports/spectral.json"
else echo "--- Spectral did not report:"; tail -n 20 "$work/spectral.out"; record "Spectral" "FAIL  no report"; failed=true; fi

# 3. Types. The generator reads a Redocly config of its own; the minimal one keeps it from re-linting (stages 1-2 did).
printf 'extends:\n  - minimal\n' >"$work/generator-redocly.yaml"
types=$work/kpi-api.d.ts
generated=false
if "$bin/openapi-typescript" "$doc" --redocly "$work/generator-redocly.yaml" --output "$types" >"$reports/generate.txt" 2>&1 && [ -s "$types" ]; then
  record "openapi-typescript $("$bin/openapi-typescript" --version 2>/dev/null | tr -d v)" "ok    $(wc -l <"$types") lines of types"; generated=true
else
  echo "--- openapi-typescript failed:"; grep -v "⚠" "$reports/generate.txt" | tail -n 20
  record "openapi-typescript" "FAIL  no types generated"; failed=true
fi

# 4. Type-check the vendor scripts against the generated types.
write_tsconfig() { # $1 = file, $2 = true for --noEmit
  cat >"$1" <<EOF
{
  "extends": "$here/tsconfig.json",
  "compilerOptions": {
    "noEmit": $2,
    "typeRoots": ["$here/node_modules/@types"],
    "paths": { "kpi-api": ["$types"] }
  },
  "include": ["$here/client/*.ts"]
}
EOF
}
typechecked=false
if $generated; then
  write_tsconfig "$work/tsconfig.check.json" true
  "$bin/tsc" -p "$work/tsconfig.check.json" --pretty false >"$reports/tsc.txt" 2>&1
  ts_errors=$(grep -c "error TS" "$reports/tsc.txt")
  if [ "$ts_errors" -eq 0 ] && [ ! -s "$reports/tsc.txt" ]; then
    record "tsc $("$bin/tsc" --version | awk '{print $2}') client/*.ts" "ok    type-checks against the generated types"; typechecked=true
  else
    echo "--- tsc: $ts_errors errors in client/*.ts against the generated types (full list: $reports/tsc.txt)"
    sed "s|$here/||" "$reports/tsc.txt" | grep "error TS" | cut -c1-300 | head -n 25
    [ "$ts_errors" -gt 25 ] && echo "  ... and $((ts_errors - 25)) more"
    record "tsc client/*.ts" "FAIL  $ts_errors type errors"; failed=true
  fi
else
  record "tsc client/*.ts" "FAIL  skipped: no types"; failed=true
fi

# 5. Optionally run the vendor flow against a live service.
if $run_flow; then
  if $typechecked; then
    write_tsconfig "$work/tsconfig.build.json" false
    rm -rf "$here/.build"
    if "$bin/tsc" -p "$work/tsconfig.build.json" --pretty false >"$work/build.txt" 2>&1; then
      echo "--- vendor flow against $BASE_URL"
      (cd "$here" && node .build/vendor-flow.js) 2>&1 | tee "$reports/vendor-flow.txt"
      if [ "${PIPESTATUS[0]}" -eq 0 ]; then record "vendor flow" "ok    $(tail -n1 "$reports/vendor-flow.txt" | sed 's/^vendor flow: //')"
      else record "vendor flow" "FAIL  $(grep '^vendor flow: ' "$reports/vendor-flow.txt" | tail -n1 | sed 's/^vendor flow: //')"; failed=true; fi
    else
      cat "$work/build.txt"; record "vendor flow" "FAIL  could not compile"; failed=true
    fi
  else
    record "vendor flow" "FAIL  skipped: client/*.ts does not type-check"; failed=true
  fi
fi

echo
echo "Contract summary for $source_doc"
for i in "${!stage_names[@]}"; do printf '  %-40s %s\n' "${stage_names[$i]}" "${stage_results[$i]}"; done
if $failed; then echo "CONTRACT CHECK FAILED (reports in $reports)"; exit 1; fi
echo "CONTRACT CHECK PASSED"
