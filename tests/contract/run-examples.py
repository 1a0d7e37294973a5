#!/usr/bin/env python3
"""Calls every operation of a running service's OpenAPI document with the document's own examples, in the order a
council would (define, submit, read, withdraw), and holds each answer to the document:

  * the request examples are accepted (2xx): Swagger UI's default bodies are real submissions, never a 0/0;
  * every status answered is one the operation documents, and every answer is the media type documented;
  * every answer carries X-Correlation-Id (32 hex digits), every header documented for that status (ETag, Location),
    and no ETag the document does not declare; every 201's Location is readable (GET answers 200);
  * every other representation a read documents (CSV, XLSX, HTML by Accept) is answered as that media type, and a
    read that documents 304 answers it, with its headers, to If-None-Match with the ETag it just sent;
  * probes: each operation without a key answers a documented 401 with WWW-Authenticate; each operation naming an
    authority answers a documented status for an unknown one (E99999999), as problem+json whose traceId is the
    X-Correlation-Id.

    python3 tests/contract/run-examples.py http://127.0.0.1:5480 <admin key>            # check (exit 1 on any failure)
    python3 tests/contract/run-examples.py http://127.0.0.1:5480 <admin key> --write    # also save answers as examples

Use a fresh service (its own data directory) that does not limit failed key attempts (Auth__FailedAttemptsPerMinute=0:
the probes send one keyless request per operation, more than the default 20 a minute). Before the examples it loads Gloucestershire's assessment timeliness
from September 2020 to August 2021 (seeds/000, line 176) as history, so ratings, trends and SPC have a series.
--write saves each answer as src/KpiService/Api/OpenApi/Examples/{OperationId}.{status}.json (keeping existing files
unless --overwrite), with long arrays trimmed to three items (preferring Gloucestershire 916, Southampton 852 and
Darlington 841, or the latest periods of a series), timestamps moved to October 2021 and floats to 2 places; text
answers (.csv, .html, .svg, .ndjson) are saved as sent, NDJSON a line at a time trimmed the same way. The examples
are embedded at build time: rebuild, trim long text answers by hand, and read the diff before committing.
"""
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "src/KpiService/Api/OpenApi/Examples"

# Monthly percentages, Sep-20 to Aug-21, sent as numerator / denominator with the smallest cohort of 120 or more that
# reproduces each printed percentage (the report prints percentages only).
HISTORY = [("2020-09", 81.7), ("2020-10", 83.5), ("2020-11", 82.3), ("2020-12", 83.5), ("2021-01", 86.7), ("2021-02", 86.2),
           ("2021-03", 79.8), ("2021-04", 78.8), ("2021-05", 80.5), ("2021-06", 82.9), ("2021-07", 86.0), ("2021-08", 80.3)]
# Localities of Gloucestershire for the breakdown example (illustrative cohorts around the county's 83.2 %).
LOCALITIES = {"Cheltenham": (21, 24), "Cotswolds": (11, 15), "Forest of Dean": (14, 17), "Gloucester": (27, 33), "Stroud": (17, 20), "Tewkesbury": (14, 16)}

ORDER = ["RegisterClient", "SetTarget", "DefineMeasure", "DeclareDimension", "SubmitFigure", "SubmitFigure", "SubmitReturn", "SubmitReturn",
         "SaveComparatorGroup", "SaveDataSharingAgreement", "SetPopulation", "ImportBenchmarks", "DefineLocalMeasure", "SetLocalName",
         "SetPerformanceGroups", "SetLabelScheme", "SetSchedule", "MarkPeriods", "WriteCommentary"]
LAST = ["RotateClientKey", "RevokeClient", "EndDataSharingAgreement", "WithdrawCommentary", "WithdrawFigure", "RebuildProjections", "GetActivity"]
QUERY = {
    "GetBreakdownRatings": {"dimension": "locality"},
    "CountWorkingDays": {"from": "2021-09-01", "to": "2021-11-03"},
    "GetComparison": {"authority": "916"},
    "GetFigures": {"from": "2021-04"},
    "GetTargets": {"period": "2021-09"},
    "GetOverdue": {"since": "2021-01-01"},
    "WithdrawFigure": {"reason": "Sent against the wrong month: the extract ran before month end."},
    "ListBenchmarks": {"source": "LAIT", "measure": "re-referrals"},
    "WithdrawBenchmarks": {"reason": "Sent before the revised release"},
    "EndDataSharingAgreement": {"reason": "The benchmarking club was wound up at its March 2022 meeting."},
    "ExportEvents": {"limit": "3"},
}
# Issued, not chosen: these operations name the client RegisterClient created.
CLIENT_OPERATIONS = ("GetClient", "RotateClientKey", "RevokeClient")
# Shown once and never again: an example carries a recognisable stand-in for the secret part of a key.
SHOWN_ONCE = "_EXAMPLE-shown-once-only-its-hash-is-stored"
SEED_AUTHORITIES = ("916", "E10000013", "852", "E06000045", "841", "E06000005")


def cohort(percent):
    for d in range(120, 400):
        n = round(percent * d / 100)
        if round(n / d * 100, 1) == percent:
            return n, d
    raise ValueError(percent)


def read(headers, raw):
    """JSON parsed, other text as text, anything else (a workbook) as bytes; None for no body."""
    if not raw:
        return None
    media = (headers.get("Content-Type") or "").split(";")[0]
    if media == "application/json" or media.endswith("+json"):
        return json.loads(raw)
    if media.startswith("text/") or media in ("image/svg+xml", "application/x-ndjson"):
        return raw.decode()
    return raw


def call(base, key, method, path, body=None, content_type="application/json", query=None, headers=None):
    url = base + path + ("?" + urllib.parse.urlencode(query) if query else "")
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method=method, headers={"X-Api-Key": key, **(headers or {})})
    if data is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, read(response.headers, response.read())
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, e.headers, read(e.headers, raw)
        except ValueError:
            return e.code, e.headers, raw.decode(errors="replace")


TODAY = time.strftime("%Y-%m-%d", time.gmtime())
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$")


def trim(node):
    """Three items per array, floats to 2 places, and the capture's clock moved to the seed's month: a figure for
    September 2021 reads as submitted on 8 October 2021, not on the day the examples were refreshed."""
    if isinstance(node, float):
        return round(node, 2)
    if isinstance(node, str):
        if TIMESTAMP.match(node):
            return "2021-10-08T09:14:03.512+00:00"
        return node.replace(TODAY, "2021-10-08")
    if isinstance(node, list):
        items = [trim(i) for i in node]
        if len(items) <= 3:
            return items
        if all(isinstance(i, dict) and "period" in i for i in items):
            return items[-3:]
        preferred = [i for i in items if any(f'"{a}"' in json.dumps(i) or f": {a}" in json.dumps(i) for a in SEED_AUTHORITIES)]
        return (preferred + [i for i in items if i not in preferred])[:3]
    if isinstance(node, dict):
        return {k: trim(v) for k, v in node.items()}
    return node


HEX32 = re.compile(r"^[0-9a-f]{32}$")


class Contract:
    """The document's promises for one operation, and the failures found holding answers to them."""

    def __init__(self, doc):
        self.doc, self.failures = doc, []

    def resolve(self, node):
        while isinstance(node, dict) and "$ref" in node:
            section, name = node["$ref"].split("/")[-2:]
            node = self.doc["components"][section][name]
        return node

    def response(self, op, status):
        return self.resolve(op["responses"].get(str(status)))

    def fail(self, where, message):
        self.failures.append(f"{where}: {message}")

    def check(self, where, op, status, headers, answer, base, key):
        declared = self.response(op, status)
        if declared is None:
            return self.fail(where, f"answered {status}, which the operation does not document ({', '.join(op['responses'])})")
        correlation = headers.get("X-Correlation-Id") or ""
        if not HEX32.match(correlation):
            self.fail(where, f"X-Correlation-Id {correlation!r} is not a W3C trace id")
        names = {h.lower() for h in declared.get("headers", {})}
        for name in declared.get("headers", {}):
            if headers.get(name) is None:
                self.fail(where, f"{status} documents the {name} header but the answer has none")
        if headers.get("ETag") is not None and "etag" not in names:
            self.fail(where, f"{status} carries an ETag the document does not declare")
        media = (headers.get("Content-Type") or "").split(";")[0]
        if answer is not None and media not in declared.get("content", {}):
            self.fail(where, f"{status} answered {media}, not one of {list(declared.get('content', {}))}")
        if status >= 400 and isinstance(answer, dict) and answer.get("traceId") != correlation:
            self.fail(where, f"problem traceId {answer.get('traceId')!r} is not the X-Correlation-Id {correlation!r}")
        if status == 201:
            location = headers.get("Location") or ""
            s, _, _ = call(base, key, "GET", location)
            if s != 200:
                self.fail(where, f"201 Location {location} answers {s} to GET, not 200")


def save(operation_id, status, media, answer, client_id, overwrite):
    """An answer as its example file: JSON trimmed, NDJSON trimmed a line at a time, other text as sent; never a workbook."""
    ext = {"text/csv": ".csv", "text/html": ".html", "image/svg+xml": ".svg", "application/x-ndjson": ".ndjson"}.get(media, ".json")
    target = OUT / f"{operation_id}.{status}{ext}"
    if isinstance(answer, bytes) or (target.exists() and not overwrite):
        return
    if ext == ".json":
        text = json.dumps(trim(answer), indent=2, ensure_ascii=False) + "\n"
    elif ext == ".ndjson":
        text = "".join(json.dumps(trim(json.loads(line)), ensure_ascii=False) + "\n" for line in answer.splitlines() if line)
    else:
        text = answer
    if client_id:
        text = text.replace(client_id, "7c34fc17a0b3")  # the id GetClient's path example names
    target.write_text(text)
    print(f"    wrote {target.name}")


def fill(path, op, values):
    for p in op.get("parameters", []):
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", urllib.parse.quote(str(values.get(p["name"], p["example"])), safe=""))
    return path


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    base, key = sys.argv[1].rstrip("/"), sys.argv[2]
    write, overwrite = "--write" in sys.argv, "--overwrite" in sys.argv
    doc = json.loads(urllib.request.urlopen(base + "/swagger/v1/swagger.json").read())
    contract = Contract(doc)
    operations = {}
    for path, item in doc["paths"].items():
        for method, op in item.items():
            operations[op["operationId"]] = (method.upper(), path, op)

    # History before the examples: Gloucestershire's assessments from September 2020 to August 2021.
    history = {"figures": [dict(zip(("measure", "period", "numerator", "denominator"), ("assessments-within-45-wd", p, *cohort(v)))) for p, v in HISTORY]}
    status, _, answer = call(base, key, "POST", "/api/v1/authorities/916/returns", history)
    assert status == 200, answer

    gets = sorted(o for o, (m, _, _) in operations.items() if m == "GET" and o not in LAST)
    sequence = [o for o in ORDER + gets + LAST if o in operations]
    seen, client_id = {}, None
    for operation_id in sequence + [o for o in sorted(operations) if o not in sequence]:
        method, path, op = operations[operation_id]
        path = fill(path, op, {"id": client_id} if operation_id in CLIENT_OPERATIONS else {})
        body, content_type = None, "application/json"
        content = op.get("requestBody", {}).get("content", {})
        repeat = seen.get(operation_id, 0)
        seen[operation_id] = repeat + 1
        if operation_id == "SubmitReturn" and repeat == 0 and "text/csv" in content:
            body, content_type = content["text/csv"]["example"].encode(), "text/csv"
        elif "application/json" in content:
            body = content["application/json"]["example"]
        elif content:
            content_type, media = next(iter(content.items()))
            body = media["example"].encode()
        if operation_id == "GetActivity":
            time.sleep(3)  # an async projection: give it a moment to catch up
        status, headers, answer = call(base, key, method, path, body, content_type, QUERY.get(operation_id))
        print(f"{status} {operation_id:24} {method} {path}")
        where = f"{operation_id} ({method} {path})"
        if not 200 <= status < 300:
            contract.fail(where, f"its own example answered {status}: {json.dumps(answer)[:300]}")
            continue
        contract.check(where, op, status, headers, answer, base, key)
        if operation_id == "DeclareDimension":
            for locality, (n, d) in LOCALITIES.items():
                s, _, a = call(base, key, "PUT", "/api/v1/authorities/916/measures/assessments-within-45-wd/figures/2021-09",
                               {"numerator": n, "denominator": d}, query={"breakdown": f"locality:{locality}"})
                assert 200 <= s < 300, a
        if operation_id == "RegisterClient":
            client_id = answer["id"]
        if operation_id in ("RegisterClient", "RotateClientKey"):
            answer["key"] = answer["key"].rsplit("_", 1)[0] + SHOWN_ONCE
        media = (headers.get("Content-Type") or "").split(";")[0]
        if write and answer is not None:
            save(operation_id, status, media, answer, client_id, overwrite)
        if method == "GET":
            # The other representations the read documents, asked for by Accept as a client would.
            for other in [m for m in contract.response(op, status).get("content", {}) if m != media]:
                s, h, a = call(base, key, method, path, query=QUERY.get(operation_id), headers={"Accept": other})
                print(f"{s} {operation_id:24} {method} {path} (Accept: {other})")
                if not 200 <= s < 300:
                    contract.fail(f"{where} as {other}", f"answered {s}: {str(a)[:300]}")
                    continue
                contract.check(f"{where} as {other}", op, s, h, a, base, key)
                if (h.get("Content-Type") or "").split(";")[0] != other:
                    contract.fail(f"{where} as {other}", f"answered {h.get('Content-Type')}")
                if write and a is not None:
                    save(operation_id, s, other, a, client_id, overwrite)
            # A conditional read: the ETag it just sent, sent back, is still current.
            if "304" in op["responses"] and headers.get("ETag"):
                s, h, a = call(base, key, method, path, query=QUERY.get(operation_id), headers={"If-None-Match": headers["ETag"]})
                print(f"{s} {operation_id:24} {method} {path} (If-None-Match)")
                if s != 304:
                    contract.fail(f"{where} with If-None-Match", f"answered {s}, not 304")
                else:
                    contract.check(f"{where} with If-None-Match", op, s, h, a, base, key)

    # Probes: no key at all, and an authority that does not exist.
    for operation_id, (method, path, op) in sorted(operations.items()):
        content = op.get("requestBody", {}).get("content", {})
        media = "application/json" if "application/json" in content else next(iter(content), "application/json")
        example = content.get(media, {}).get("example")
        body = None if example is None else (example if media == "application/json" else example.encode())
        url = fill(path, op, {})
        status, headers, answer = call(base, "", method, url, body, media)
        contract.check(f"{operation_id} without a key", op, status, headers, answer, base, key)
        if status != 401 or not headers.get("WWW-Authenticate"):
            contract.fail(f"{operation_id} without a key", f"answered {status} (WWW-Authenticate {headers.get('WWW-Authenticate')!r}), not 401 saying how to authenticate")
        if "{authority}" in path:
            url = fill(path, op, {"authority": "E99999999"})
            status, headers, answer = call(base, key, method, url, body, media)
            print(f"{status} {operation_id:24} {method} {url} (unknown authority)")
            contract.check(f"{operation_id} for an unknown authority", op, status, headers, answer, base, key)
            if status < 400:
                contract.fail(f"{operation_id} for an unknown authority", f"answered {status}")

    for failure in contract.failures:
        print("FAILED", failure[:500])
    print(f"examples: {len(sequence)} operations called, {len(contract.failures)} failures")
    return 1 if contract.failures else 0


if __name__ == "__main__":
    sys.exit(main())
