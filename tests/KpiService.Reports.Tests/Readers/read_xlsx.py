"""Reads an XLSX with openpyxl (Debian's python3-openpyxl: an independent reader) and prints what a person would
see as JSON: each sheet's name, frozen pane, column widths, and every non-empty cell with its value, number format,
fill colour and font colour."""
import json
import sys

import openpyxl


def colour(c):
    if c is None or c.type != "rgb" or not isinstance(c.rgb, str):
        return None
    return c.rgb


book = openpyxl.load_workbook(sys.argv[1])
sheets = []
for ws in book.worksheets:
    cells = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None and (cell.fill is None or cell.fill.fill_type is None):
                continue
            fill = colour(cell.fill.fgColor) if cell.fill is not None and cell.fill.fill_type == "solid" else None
            cells[cell.coordinate] = {
                "value": cell.value,
                "type": type(cell.value).__name__,
                "format": cell.number_format,
                "fill": fill,
                "font": colour(cell.font.color) if cell.font is not None and cell.font.color is not None else None,
                "bold": bool(cell.font.b) if cell.font is not None else False,
            }
    widths = {k: v.width for k, v in ws.column_dimensions.items() if v.customWidth}
    sheets.append({
        "name": ws.title,
        "frozen": ws.freeze_panes,
        "maxRow": ws.max_row,
        "maxColumn": ws.max_column,
        "widths": widths,
        "landscape": ws.page_setup.orientation == "landscape",
        "paperSize": ws.page_setup.paperSize,
        "autoFilter": ws.auto_filter.ref,
        "cells": cells,
    })
print(json.dumps({"title": book.properties.title, "sheets": sheets}))
