#!/usr/bin/env python3
"""Refreshes the OpenAPI answer examples (src/KpiService/Api/OpenApi/Examples/{OperationId}.{status}.json) from a
running service, so every example is an answer the service really gave to the document's own request examples.

    python3 tests/contract/capture-examples.py http://127.0.0.1:5480 <admin key> [--overwrite]

Use a fresh service (its own data directory): the script loads Gloucestershire's assessment timeliness from
September 2020 to August 2021 (seeds/000, line 176) as history, then calls every operation in the document in the
order a council would (define, submit, read, withdraw), with the path parameters, query values and bodies the
document gives as examples. Any call that is not 2xx is reported and the script exits 1: a request example the
service refuses is a broken example. Long arrays are trimmed to three items (preferring Gloucestershire 916,
Southampton 852 and Darlington 841, or the latest periods of a series) so Swagger UI stays readable.
Existing files are kept unless --overwrite; read the diff before committing.
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
         "SaveComparatorGroup", "SetPopulation", "ImportBenchmarks", "DefineLocalMeasure", "SetLocalName", "SetPerformanceGroups",
         "SetLabelScheme", "SetSchedule", "MarkPeriods", "WriteCommentary"]
LAST = ["WithdrawCommentary", "WithdrawFigure", "RebuildProjections", "GetActivity"]
QUERY = {
    "GetBreakdownRatings": {"dimension": "locality"},
    "CountWorkingDays": {"from": "2021-09-01", "to": "2021-11-03"},
    "GetComparison": {"authority": "916"},
    "GetFigures": {"from": "2021-04"},
    "GetTargets": {"period": "2021-09"},
    "GetOverdue": {"since": "2021-01-01"},
    "WithdrawFigure": {"reason": "Sent against the wrong month: the extract ran before month end."},
}
SEED_AUTHORITIES = ("916", "E10000013", "852", "E06000045", "841", "E06000005")


def cohort(percent):
    for d in range(120, 400):
        n = round(percent * d / 100)
        if round(n / d * 100, 1) == percent:
            return n, d
    raise ValueError(percent)


def call(base, key, method, path, body=None, content_type="application/json", query=None):
    url = base + path + ("?" + urllib.parse.urlencode(query) if query else "")
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method=method, headers={"X-Api-Key": key})
    if data is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


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


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    base, key, overwrite = sys.argv[1].rstrip("/"), sys.argv[2], "--overwrite" in sys.argv
    doc = json.loads(urllib.request.urlopen(base + "/swagger/v1/swagger.json").read())
    operations = {}
    for path, item in doc["paths"].items():
        for method, op in item.items():
            operations[op["operationId"]] = (method.upper(), path, op)

    # History before the examples: Gloucestershire's assessments from September 2020 to August 2021.
    history = {"figures": [dict(zip(("measure", "period", "numerator", "denominator"), ("assessments-within-45-wd", p, *cohort(v)))) for p, v in HISTORY]}
    status, answer = call(base, key, "POST", "/api/v1/authorities/916/returns", history)
    assert status == 200, answer

    gets = sorted(o for o, (m, _, _) in operations.items() if m == "GET" and o not in LAST)
    sequence = ORDER + gets + LAST
    missing = sorted(set(operations) - set(sequence))
    failures, seen, client_id = [], {}, None
    for operation_id in sequence:
        if operation_id not in operations:
            continue
        method, path, op = operations[operation_id]
        for p in op.get("parameters", []):
            if p["in"] == "path":
                value = client_id if operation_id == "GetClient" else p["example"]  # client ids are issued, not chosen
                path = path.replace("{" + p["name"] + "}", urllib.parse.quote(str(value), safe=""))
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
        status, answer = call(base, key, method, path, body, content_type, QUERY.get(operation_id))
        print(f"{status} {operation_id:24} {method} {path}")
        if not 200 <= status < 300:
            failures.append(f"{operation_id}: {status} {answer}")
            continue
        if operation_id == "DeclareDimension":
            for locality, (n, d) in LOCALITIES.items():
                s, a = call(base, key, "PUT", f"/api/v1/authorities/916/measures/assessments-within-45-wd/figures/2021-09",
                            {"numerator": n, "denominator": d}, query={"breakdown": f"locality:{locality}"})
                assert 200 <= s < 300, a
        if operation_id == "RegisterClient":
            client_id = answer["id"]
            answer["key"] = answer["key"].rsplit("_", 1)[0] + "_EXAMPLE-shown-once-only-its-hash-is-stored"
        target = OUT / f"{operation_id}.{status}.json"
        if answer is not None and (overwrite or not target.exists()):
            text = json.dumps(trim(answer), indent=2, ensure_ascii=False) + "\n"
            if client_id:
                text = text.replace(client_id, "7c34fc17a0b3")  # the id GetClient's path example names
            target.write_text(text)
            print(f"    wrote {target.name}")
    if missing:
        print("not called (add them to ORDER, LAST or leave them to the GET pass):", ", ".join(missing))
    for failure in failures:
        print("FAILED", failure[:400])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
