// Turns a linter's JSON report into the few lines a person reads first: totals, then each rule with its count and
// one or two examples located as "PUT /api/v1/... responses/201/headers" rather than a JSON pointer.
//   node summarize.mjs redocly <report.json>     (redocly lint --format=json)
//   node summarize.mjs spectral <report.json>    (spectral lint -f json)
// Prints "<errors> <warnings>" as its last line, for check.sh to read.
import { readFileSync } from "node:fs";

const [tool, file] = process.argv.slice(2);
const examplesPerRule = Number(process.env.CONTRACT_EXAMPLES ?? 2);
const methods = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);

/** ["paths", "/api/v1/x", "put", "responses", "201"] -> "PUT /api/v1/x responses/201" */
function place(segments) {
  if (segments.length === 0) return "(document)";
  if (segments[0] === "paths" && segments.length > 1) {
    const [, path, method, ...rest] = segments;
    if (method !== undefined && methods.has(String(method))) return `${String(method).toUpperCase()} ${path}${rest.length ? " " + rest.join("/") : ""}`;
    return `${path}${method !== undefined ? " " + [method, ...rest].join("/") : ""}`;
  }
  return segments.join("/");
}
const fromPointer = pointer => place(pointer.replace(/^#\/?/, "").split("/").filter(s => s !== "").map(s => decodeURIComponent(s.replace(/~1/g, "/").replace(/~0/g, "~"))));

function normalise(report) {
  if (tool === "redocly") {
    return report.problems.map(p => ({
      rule: p.ruleId,
      severity: p.severity === "error" ? "error" : "warning",
      where: fromPointer(p.location?.[0]?.pointer ?? "#/"),
      message: p.message,
    }));
  }
  if (tool === "spectral") {
    // Spectral severities: 0 error, 1 warn, 2 info, 3 hint. Info and hint count as warnings: nothing may be left unsaid.
    return report.map(p => ({ rule: p.code, severity: p.severity === 0 ? "error" : "warning", where: place(p.path ?? []), message: p.message }));
  }
  throw new Error(`unknown tool ${tool}: redocly or spectral`);
}

const problems = normalise(JSON.parse(readFileSync(file, "utf8")));
const byRule = new Map();
for (const p of problems) {
  if (!byRule.has(p.rule)) byRule.set(p.rule, []);
  byRule.get(p.rule).push(p);
}
const errors = problems.filter(p => p.severity === "error").length;
const warnings = problems.length - errors;
const width = Math.max(0, ...[...byRule.keys()].map(r => r.length));
for (const [rule, list] of [...byRule].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
  const severity = list.some(p => p.severity === "error") ? "error" : "warn ";
  console.log(`  ${String(list.length).padStart(4)} ${severity} ${rule.padEnd(width)}  ${list[0].message.length > 200 ? list[0].message.slice(0, 197) + "..." : list[0].message}`);
  for (const example of list.slice(0, examplesPerRule)) console.log(`${" ".repeat(width + 14)}at ${example.where}`);
}
console.log(`${errors} ${warnings}`);
