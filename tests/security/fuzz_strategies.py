"""What the form fuzzing (test_form_fuzz.py) sends: hypothesis strategies per control and
field type, mixing the page's own values with valid-looking and hostile input (NUL bytes,
very long strings, right-to-left marks, emoji, combining characters, numbers out of range,
malformed dates, unknown choices, file uploads). OMIT leaves a field out."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

OMIT = object()


NASTY = [
    "\x00",
    "a\x00b",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u200b",  # zero-width space
    "\ufeff",
    "👩🏽‍🏫",
    "🇳🇱",
    "e\u0301",  # combining acute accent
    "\u0301\u0301\u0301",
    "İstanbul ß ﬁ",
    "\u2028",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{ request }}",
    "%(name)s %s",
    "\r\n",
    "\t",
    "   ",
    "..",
]
_chars = st.characters(blacklist_categories=("Cs",))  # no surrogates: not valid UTF-8
_nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(_chars, max_size=8)), max_size=12)


def _text(max_length: int | None):
    limit = max_length or 2000
    return st.one_of(
        st.text(_chars, max_size=min(limit, 200)),
        _nasty_text.map("".join),
        # right at and just over the limit, in multi-byte characters
        st.builds(
            lambda c, n: c * n,
            st.sampled_from(["a", "é", "👍", "\u202e", "e\u0301"]),
            st.integers(max(limit - 2, 0), limit + 3),
        ),
        st.just("lang " * 4000),  # 20,000 characters
    )


NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.integers(-5, 200).map(str),
    st.sampled_from(
        ["", "1e400", "-1e400", "NaN", "inf", "-0", "0x10", "١٢", "1,5", "3.14159", " 7 "]
    ),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat(sep="T", timespec="minutes")),
    st.sampled_from(
        [
            "2026-02-30",
            "2026-13-01",
            "0000-00-00",
            "31-12-2026",
            "99999-01-01",
            "2026-06-01T25:61",
            "24:00",
            "9999-12-31T23:59",
            "0001-01-01",
            "",
            "morgen",
        ]
    ),
)


def _strategy(control: dict, field: forms.Field | None):
    kind = control["type"]
    default = control["value"]
    if kind == "file" or isinstance(field, forms.FileField):
        return st.one_of(
            st.just(OMIT),
            st.builds(
                lambda name, body: SimpleUploadedFile(name, body),
                st.sampled_from(["leden.csv", "leden.xlsx", "x.exe", "\u202egpj.csv", "a" * 300]),
                st.one_of(
                    st.binary(max_size=500),
                    _text(500).map(lambda s: s.encode("utf-8")),
                    st.just(b"email,voornaam\n\x00@x,\xff\n"),
                ),
            ),
        )
    if kind in ("checkbox", "radio", "select", "select-multiple"):
        options = [o for o in control["options"]] or ["on"]
        one = st.one_of(st.sampled_from(options), st.sampled_from(NASTY), NUMBERS)
        if kind in ("checkbox", "select-multiple"):
            return st.one_of(
                st.just(OMIT),
                st.lists(st.sampled_from(options), unique=True),
                st.lists(one, max_size=4),
            )
        return st.one_of(st.just(OMIT), st.sampled_from(options), one)
    keep = [st.just(default)] if default not in (None, "") else []
    if kind == "hidden":
        return st.one_of(*keep, *keep, st.just(OMIT), _text(100), NUMBERS)
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField) or kind in (
        "number",
        "range",
    ):
        return st.one_of(*keep, NUMBERS, _text(20))
    if isinstance(field, forms.DateField | forms.DateTimeField | forms.TimeField) or kind in (
        "date",
        "datetime-local",
        "time",
    ):
        return st.one_of(*keep, DATES, _text(30))
    if isinstance(field, forms.EmailField) or kind == "email":
        return st.one_of(
            *keep,
            st.emails().map(str),
            st.sampled_from(["@", "a@b", "ü@ü.nl", "a\x00@x.nl", "x" * 300 + "@school.nl"]),
            _text(254),
        )
    max_length = getattr(field, "max_length", None)
    return st.one_of(*keep, _text(max_length), st.just(OMIT))
