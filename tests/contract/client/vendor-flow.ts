/**
 * What a case-management vendor writes from the published OpenAPI document alone: a monthly job that submits a
 * return, submits (and re-submits) one figure honouring its ETag, and reads the rating back.
 *
 * Everything below is typed by the `paths` that openapi-typescript generates from the document ("kpi-api" is
 * mapped to the generated file by check.sh), so a renamed path, parameter, header or field the job reads fails
 * `tsc` before anything runs. At run time every answer is checked; any failure exits 1.
 *
 *   BASE_URL=http://127.0.0.1:5380 API_KEY=kpi_... node .build/vendor-flow.js
 *
 * The key needs the `submit` and `read` scopes for AUTHORITY. Nothing admin-only is called. Safe to re-run: a second
 * run finds the figures already there and expects "unchanged".
 */
import { randomUUID } from "node:crypto";
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "kpi-api";

const figurePath = "/api/v1/authorities/{authority}/measures/{measure}/figures/{period}";
const returnsPath = "/api/v1/authorities/{authority}/returns";
const ratingPath = "/api/v1/authorities/{authority}/measures/{measure}/ratings/{period}";

// ---- The contract this job relies on, checked by tsc ------------------------------------------------------------
// openapi-typescript types an undeclared header as `unknown` behind an index signature, so reading it would still
// compile: these assertions make a missing or untyped header a compile error instead.
type Expect<T extends true> = T;
type DeclaresHeader<Response, Name extends string> = [Response] extends [never] ? false
  : Response extends { headers: infer H } ? (Name extends keyof H ? (NonNullable<H[Name]> extends string ? true : false) : false) : false;
type ProblemOf<Response> = Response extends { content: { "application/problem+json": infer P } } ? P : never;
type IsProblemDetails<Response> = [ProblemOf<Response>] extends [never] ? false
  : ProblemOf<Response> extends { type?: string | null; title?: string | null; status?: number | null; detail?: string | null } ? true : false;

type FigureGet = paths[typeof figurePath]["get"];
type FigurePut = paths[typeof figurePath]["put"];
type ReturnPost = paths[typeof returnsPath]["post"];
type RatingGet = paths[typeof ratingPath]["get"];

export type ContractThisJobReliesOn = [
  Expect<DeclaresHeader<FigureGet["responses"][200], "ETag">>,
  Expect<DeclaresHeader<FigurePut["responses"][200], "ETag">>,
  Expect<DeclaresHeader<FigurePut["responses"][201], "ETag">>,
  Expect<DeclaresHeader<FigurePut["responses"][201], "Location">>,
  Expect<DeclaresHeader<FigurePut["responses"][200], "X-Correlation-Id">>,
  Expect<DeclaresHeader<ReturnPost["responses"][200], "X-Correlation-Id">>,
  Expect<DeclaresHeader<RatingGet["responses"][200], "X-Correlation-Id">>,
  Expect<IsProblemDetails<FigureGet["responses"][404]>>,
  Expect<IsProblemDetails<FigurePut["responses"][412]>>,
  Expect<IsProblemDetails<FigurePut["responses"][409]>>,
  Expect<IsProblemDetails<ReturnPost["responses"][400]>>,
  Expect<IsProblemDetails<RatingGet["responses"][404]>>,
];

type RagStatus = "green" | "amber" | "red" | "unrated";
type Direction = "up" | "down" | "flat";
type Judgement = "improving" | "declining" | "stable" | "notApplicable";

// ---- Settings ---------------------------------------------------------------------------------------------------
function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`vendor-flow: set ${name} (BASE_URL=http://host:port API_KEY=kpi_...)`);
    process.exit(2);
  }
  return value;
}
const baseUrl = requiredEnv("BASE_URL");
const apiKey = requiredEnv("API_KEY");
const authority = process.env.AUTHORITY ?? "E10000013"; // Gloucestershire
const measure = process.env.MEASURE ?? "assessments-within-45-wd";

// Gloucestershire, single assessments completed within 45 working days: Jul-21 86.0 %, Aug-21 80.3 %, Sep-21 83.2 %,
// "Change Since Last Month" 2.9 % (seeds/000 line 176). The report prints percentages only: the cohort of 1,000
// is illustrative, chosen so numerator / denominator reproduces each one exactly.
const july = { period: "2021-07", numerator: 860, denominator: 1000 };
const august = { period: "2021-08", numerator: 803, denominator: 1000 };
const september = { period: "2021-09", numerator: 832, denominator: 1000 };
const septemberPercent = 83.2;
const changeSinceAugust = 2.9;

// ---- Checks -----------------------------------------------------------------------------------------------------
let checks = 0;
const failures: string[] = [];
function check(ok: boolean, what: string, detail?: unknown): boolean {
  checks++;
  if (!ok) failures.push(detail === undefined ? what : `${what}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  console.log(`${ok ? "  ok  " : "  FAIL"} ${what}`);
  return ok;
}
const near = (a: number | null | undefined, b: number) => typeof a === "number" && Math.abs(a - b) < 1e-6;
class Stop extends Error {}
function stop(what: string, response: Response, error?: unknown): never {
  check(false, what, `HTTP ${response.status} ${JSON.stringify(error ?? null)}`);
  throw new Stop(what);
}

// Every answer, success or problem, carries the correlation id the service logged it under (issue 19, Deliver 4).
const withoutCorrelationId: string[] = [];
const correlationIds: Middleware = {
  onResponse({ request, response }) {
    if (!response.headers.get("X-Correlation-Id")) withoutCorrelationId.push(`${request.method} ${new URL(request.url).pathname} -> ${response.status}`);
    return undefined;
  },
};

const client = createClient<paths>({ baseUrl, headers: { "X-Api-Key": apiKey } });
client.use(correlationIds);

// ---- 1. A monthly return: July and August, all or nothing, safe to retry with the same Idempotency-Key ----------
async function submitReturn(): Promise<void> {
  const idempotencyKey = `vendor-flow-${randomUUID()}`;
  const send = () => client.POST(returnsPath, {
    params: { path: { authority }, header: { "Idempotency-Key": idempotencyKey } },
    body: { figures: [july, august].map(f => ({ measure, period: f.period, numerator: f.numerator, denominator: f.denominator })) },
  });
  const first = await send();
  if (!first.data) stop("submit a return (July and August)", first.response, first.error);
  const counts = { accepted: first.data.accepted, revised: first.data.revised, unchanged: first.data.unchanged };
  check(counts.accepted + counts.revised + counts.unchanged === 2, "the return counts both figures as accepted, revised or unchanged", counts);
  if (first.response.status === 201) check(!!first.response.headers.get("Location"), "a 201 for the return says where it is (Location)");

  const retry = await send();
  if (!retry.data) stop("retry the same return with the same Idempotency-Key", retry.response, retry.error);
  check(retry.data.accepted === counts.accepted && retry.data.revised === counts.revised && retry.data.unchanged === counts.unchanged,
    "a retry with the same Idempotency-Key answers as the first time", { first: counts, retry: retry.data });
}

// ---- 2. One figure: read its ETag, submit with If-Match, and see a stale ETag refused ---------------------------
async function submitFigure(): Promise<void> {
  const path = { authority, measure, period: september.period };
  // A vendor who cannot read the figure can still submit without If-Match: note the failure and go on.
  const current = await client.GET(figurePath, { params: { path } });
  check(!!current.data || current.response.status === 404, "read the September figure (200, or 404 before it exists)",
    current.data ? undefined : `HTTP ${current.response.status} ${JSON.stringify(current.error ?? null)}`);
  const knownETag = current.data ? current.response.headers.get("ETag") : null;
  if (current.data) check(!!knownETag, "an existing figure is read with its ETag");

  const body = { numerator: september.numerator, denominator: september.denominator };
  const put = await client.PUT(figurePath, { params: { path, header: knownETag ? { "If-Match": knownETag } : {} }, body });
  if (!put.data) stop("submit September with If-Match", put.response, put.error);
  const etag = put.response.headers.get("ETag");
  check(!!etag, "the submitted figure comes back with an ETag");
  check(near(put.data.value, septemberPercent), `the figure's value is numerator / denominator as a percentage (${septemberPercent})`, put.data.value);
  check(put.data.period === september.period, "the figure answers for the period submitted", put.data.period);
  if (put.response.status === 201) {
    const location = put.response.headers.get("Location") ?? "";
    check(location.endsWith(`/figures/${september.period}`), "a new figure's Location points at the figure", location);
  } else {
    check(put.response.status === 200, "a figure that already existed answers 200", put.response.status);
  }

  const again = await client.PUT(figurePath, { params: { path, header: { "If-Match": etag ?? "" } }, body });
  if (!again.data) stop("re-submit the same September figure with its fresh ETag", again.response, again.error);
  check(again.data.unchanged === true, "the same figure again is reported unchanged", again.data);
  check(again.response.headers.get("ETag") === etag, "an unchanged figure keeps its ETag", again.response.headers.get("ETag"));

  const stale = await client.PUT(figurePath, {
    params: { path, header: { "If-Match": "\"stale-etag-from-vendor-flow\"" } },
    body: { numerator: september.numerator + 1, denominator: september.denominator },
  });
  check(stale.response.status === 412, "a stale If-Match is refused with 412", stale.response.status);
  check((stale.response.headers.get("Content-Type") ?? "").startsWith("application/problem+json"), "the refusal is a problem+json document");
  if (stale.error) {
    check(stale.error.status === 412 && !!stale.error.type && !!stale.error.title, "the problem names its type, title and status", stale.error);
    const correlationId = stale.response.headers.get("X-Correlation-Id");
    check(!!correlationId && JSON.stringify(stale.error).includes(correlationId), "the problem carries the same correlation id as its header", { header: correlationId, problem: stale.error });
  }

  const after = await client.GET(figurePath, { params: { path } });
  if (!after.data) stop("read September back after the refused write", after.response, after.error);
  check(near(after.data.value, septemberPercent), "nothing was stored by the refused write", after.data.value);
  check(after.response.headers.get("ETag") === etag, "the figure read back has the ETag the submission returned", after.response.headers.get("ETag"));
}

// ---- 3. The rating of September, as a dashboard would show it ---------------------------------------------------
async function readRating(): Promise<void> {
  const { data: rating, error, response } = await client.GET(ratingPath, { params: { path: { authority, measure, period: september.period } } });
  if (!rating) stop("read September's rating", response, error);

  // Assigning to exact types is the point: a field made optional, nullable or a plain string fails tsc here.
  // Former authorities (Poole, Cumbria, Northamptonshire) have no GSS code: the LA number is the key always there.
  const authorityCode: string | null | undefined = rating.authority.code;
  const laNumber: number = rating.authority.laNumber;
  const ratedMeasure: string = rating.measure;
  const period: string = rating.period;
  const status: RagStatus = rating.status;
  const label: string = rating.label;
  const smallCohort: boolean = rating.smallCohort;
  // May be absent (the service omits nulls): optional, but typed. A renamed field still fails tsc.
  const value: number | null | undefined = rating.value;
  const numerator: number | null | undefined = rating.numerator;
  const denominator: number | null | undefined = rating.denominator;
  const changeSincePrevious: number | null | undefined = rating.changeSincePrevious;
  const previousPeriod: string | null | undefined = rating.previousPeriod;
  const direction: Direction | null | undefined = rating.direction;
  const judgement: Judgement | null | undefined = rating.judgement;

  check(authorityCode === authority || String(laNumber) === authority, "the rating names the authority asked for", { authorityCode, laNumber });
  check(ratedMeasure === measure && period === september.period, "the rating is for the measure and period asked for", { ratedMeasure, period });
  check(near(value, septemberPercent) && numerator === september.numerator && denominator === september.denominator,
    "the rating carries the submitted value, numerator and denominator", { value, numerator, denominator });
  check(["green", "amber", "red", "unrated"].includes(status) && label.length > 0, "the rating has a RAG status and a label", { status, label });
  check(smallCohort === false, "a cohort of 1,000 is not a small cohort", smallCohort);
  check(previousPeriod === august.period && near(changeSincePrevious, changeSinceAugust),
    `change since last month is ${changeSinceAugust} points (seeds/000 line 176)`, { previousPeriod, changeSincePrevious });
  check(direction === "up" && judgement === "improving", "up on a higher-is-better measure is improving", { direction, judgement });
}

// ---- Run --------------------------------------------------------------------------------------------------------
async function main(): Promise<number> {
  console.log(`vendor flow against ${baseUrl} for ${authority} / ${measure}`);
  for (const [name, step] of [["return", submitReturn], ["figure", submitFigure], ["rating", readRating]] as const) {
    console.log(`${name}:`);
    try {
      await step();
    } catch (e) {
      if (!(e instanceof Stop)) check(false, `${name} step threw`, e instanceof Error ? e.message : e);
    }
  }
  check(withoutCorrelationId.length === 0, "every answer carried X-Correlation-Id", withoutCorrelationId);
  console.log(`vendor flow: ${checks - failures.length} passed, ${failures.length} failed`);
  for (const failure of failures) console.log(`  - ${failure}`);
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = await main();
