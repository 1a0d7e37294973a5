"""Parses a CSV with Python's standard csv module (an independent RFC 4180 reader) and prints the rows as JSON."""
import csv
import json
import sys

with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f, strict=True))
print(json.dumps({"rows": rows}))
