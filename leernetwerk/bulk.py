"""Inserting many rows at once where Django's bulk_create costs more than the rows do."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence

from django.db import connections, models, router

# COPY's text format: a tab between columns, a newline after each row, \N for NULL; a
# backslash, tab, newline or carriage return inside a value is written as an escape.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value) -> str:
    """One value in COPY's text format, by its exact type (True is no int here): numbers
    as Python writes them (a float as the shortest text that reads back as the same
    double), a bool as t or f, anything else as its str(), escaped."""
    if value is None:
        return "\\N"
    kind = type(value)
    if kind is int or kind is float:
        return str(value)
    if kind is bool:
        return "t" if value else "f"
    return str(value).translate(_ESCAPES)


def _converter(field: models.Field) -> Callable:
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        return lambda value: "\\N" if value is None else _text(json.dumps(value, cls=encoder))
    return _text


def insert_rows(model: type[models.Model], names: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert `rows` (tuples of values for the fields `names`, in that order; foreign keys by
    id) into `model`'s table, without reading back ids.

    On PostgreSQL the rows go in one COPY: bulk_create writes every value as a literal, and
    planning 13,500 rows of numeric literals took the database 0.3 s; COPY only parses each
    value's text (less than half of what the same rows cost as unnested arrays). COPY fires
    the table's triggers and checks its constraints as an INSERT does. Other databases get
    bulk_create. Values go through no field conversion: pass plain ints, floats, bools,
    strings, and lists or dicts for JSON fields. Callable from services inside their
    transaction."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in names]
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(
            model(**{field.attname: value for field, value in zip(fields, row, strict=True)})
            for row in rows
        )
        return
    quote = connection.ops.quote_name
    columns = [
        list(map(_converter(field), column))
        for field, column in zip(fields, zip(*rows, strict=True), strict=True)
    ]
    data = io.StringIO("".join("\t".join(line) + "\n" for line in zip(*columns, strict=True)))
    table = quote(model._meta.db_table)
    names_sql = ", ".join(quote(field.column) for field in fields)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({names_sql}) FROM STDIN", data)
