"""Spreadsheet downloads: the one place that writes CSV (and neutralises formulas).

A cell that begins with = + - @ a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets (`=HYPERLINK(...)` in a name becomes a link that leaks data). Every
CSV or Excel export of the app writes its cells through `neutralise`, which puts an apostrophe
before such a text, so the spreadsheet shows it as the text it is. Plain numbers (also negative
ones such as -0,40) are left as they are. CSV is written with a UTF-8 byte order mark so Excel
opens Dutch text (ë, é) correctly."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?\d+([.,]\d+)?")
BOM = "\ufeff"


def neutralise(value):
    """The cell as a spreadsheet should show it: a text that would start a formula gets a
    leading apostrophe; numbers and other texts are returned unchanged."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def is_formula_like(value: str) -> bool:
    """True if `neutralise` would change this text (used to warn in import previews)."""
    return neutralise(value) != value


def csv_response(
    filename: str, rows: Iterable[Sequence], *, header: Sequence | None = None, delimiter=";"
) -> HttpResponse:
    """A CSV download (UTF-8 with BOM, `;` as Dutch Excel expects) with every cell
    neutralised. `filename` must be a plain name chosen by the code, not by input."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BOM)
    writer = csv.writer(response, delimiter=delimiter)
    if header is not None:
        writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(filename: str, sheets: Iterable[tuple[str, Sequence, Iterable[Sequence]]]):
    """An Excel download with one sheet per (title, header, rows), every cell neutralised
    like the CSV. `filename` and the sheet titles are chosen by the code, not by input."""
    from openpyxl import Workbook  # noqa: PLC0415 - loaded only when an Excel file is asked for

    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        sheet.append([neutralise(cell) for cell in header])
        for row in rows:
            sheet.append([neutralise(cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
