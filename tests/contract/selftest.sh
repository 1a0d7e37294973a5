#!/usr/bin/env bash
# Proves the harness can both pass and fail: check.sh must accept fixtures/passing.yaml, and must reject each
# mutation of it below at the stage named (a renamed field the vendor reads fails tsc even though both linters
# pass; a missing header or status fails the linters). Needs no service. Ends with "N passed, N failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fixture=$here/fixtures/passing.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0; failed=0

# expect <name> <exit status wanted> <stage that must FAIL, or "-"> <stage that must be ok, or "-"> <sed script>
expect() {
  local name=$1 want=$2 must_fail=$3 must_pass=$4 script=$5 doc=$work/$1.yaml out status ok=true
  sed "$script" "$fixture" >"$doc"
  if [ -n "$script" ] && cmp -s "$fixture" "$doc"; then echo "  FAIL $name: the mutation changed nothing (fixture edited?)"; failed=$((failed + 1)); return; fi
  out=$(CONTRACT_REPORTS=$work/reports-$name "$here/check.sh" "$doc" 2>&1); status=$?
  [ "$status" -eq "$want" ] || ok=false
  if [ "$must_fail" != "-" ] && ! grep -q "^  $must_fail.*FAIL" <<<"$out"; then ok=false; fi
  if [ "$must_pass" != "-" ] && ! grep -q "^  $must_pass.* ok " <<<"$out"; then ok=false; fi
  if $ok; then echo "  ok   $name"; passed=$((passed + 1))
  else echo "  FAIL $name (exit $status, wanted $want)"; sed -n '/^Contract summary/,$p' <<<"$out" | sed 's/^/       /'; failed=$((failed + 1)); fi
}

echo "Contract harness self-test"
expect passing-document-passes 0 - "tsc" ""
# The vendor reads rating.status: renaming it is invisible to both linters and must fail the type-check.
expect renamed-rating-field-fails-tsc 1 "tsc" "Spectral" \
  's/required: \[authority, measure, period, value, status, label, smallCohort\]/required: [authority, measure, period, value, ragStatus, label, smallCohort]/; s/^        status: { \$ref: "#\/components\/schemas\/RagStatus" }/        ragStatus: { $ref: "#\/components\/schemas\/RagStatus" }/; s/^                status: red/                ragStatus: red/'
# A field the vendor relies on becoming optional is a breaking change too.
expect optional-rating-status-fails-tsc 1 "tsc" "Spectral" \
  's/required: \[authority, measure, period, value, status, label, smallCohort\]/required: [authority, measure, period, value, label, smallCohort]/'
# An enum widened to a plain string: the vendor's switch over statuses no longer covers every value.
expect untyped-rating-status-fails-tsc 1 "tsc" - \
  's/^        status: { \$ref: "#\/components\/schemas\/RagStatus" }/        status: { type: string }/'
# The ETag of a new figure undeclared: Spectral's kpi-figure-etag and the vendor's header assertion both fail.
expect missing-etag-on-201-fails 1 "Spectral" - \
  '/description: A new figure\./,/Location:/{/ETag: /d}'
# No If-Match parameter: Spectral and tsc (the vendor passes If-Match) both fail.
expect missing-if-match-fails 1 "tsc" - \
  '/- name: If-Match/,/example: "\\"1\\""/d'
# No operationId: both linters fail.
expect missing-operation-id-fails 1 "Redocly CLI" - 's/^      operationId: SubmitFigure$//'
# No 429 on the rating: the status rule fails.
expect missing-429-fails 1 "Spectral" - '/operationId: GetRating/,/"503"/{/"429": /d}'

# The CSV body described with the JSON schema (today's document does this): the CSV rule fails.
expect csv-with-json-schema-fails 1 "Spectral" - \
  '/text\/csv:/,/example:/{s/schema: { type: string }/schema: { $ref: "#\/components\/schemas\/ReturnBody" }/}'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
