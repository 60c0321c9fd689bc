"""Regenerate data/reference/countries.csv and currencies.csv from CLDR (babel) and ISO (pycountry).

These tables are committed: ladfin reads them at run time and never needs babel.
Hand-made rows (abbreviations such as `US$`, bare `$`, Spanish plurals the CLDR
lacks) live in currency_aliases.csv and country_aliases.csv, which this script
does not touch. Run: .venv/bin/python scripts/make_reference.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry
from babel import Locale
from babel.numbers import get_currency_name, get_currency_symbol, get_territory_currencies

OUT = Path(__file__).resolve().parent.parent / "data" / "reference"
LANGS = ("en", "es", "pt")
SOURCE = "CLDR via babel; ISO 3166 / ISO 4217 via pycountry"


def _local_currency(alpha2: str) -> str:
    current = get_territory_currencies(alpha2, tender=True)
    return current[0] if current else ""


def countries() -> list[dict[str, str]]:
    """Return one row per ISO 3166 country: code, alpha2, English, Spanish and Portuguese names, currency."""
    rows = []
    for country in pycountry.countries:
        a2 = country.alpha_2
        code = _local_currency(a2)
        local_locale = f"es_{a2}" if f"es_{a2}" in _LOCALES else f"en_{a2}"
        if local_locale not in _LOCALES:
            local_locale = "en"
        symbol = get_currency_symbol(code, locale=local_locale) if code else ""
        rows.append(
            {
                "code": country.alpha_3,
                "alpha2": a2,
                "name_en": Locale("en").territories.get(a2, country.name),
                "name_es": Locale("es").territories.get(a2, ""),
                "name_pt": Locale("pt").territories.get(a2, ""),
                "iso_name": country.name,
                "currency": code,
                "currency_symbol": symbol,
                "source": SOURCE,
            }
        )
    return rows


def currencies() -> list[dict[str, str]]:
    """Return alias rows (alias, code, lang, form) for every ISO 4217 currency in CLDR."""
    rows = []
    for currency in pycountry.currencies:
        code = currency.alpha_3
        rows.append({"alias": code, "code": code, "lang": "*", "form": "code", "source": SOURCE})
        for lang in LANGS:
            seen = set()
            for count in (1, 2):
                name = get_currency_name(code, count=count, locale=lang)
                if name and name != code and name.lower() not in seen:
                    seen.add(name.lower())
                    rows.append(
                        {"alias": name, "code": code, "lang": lang, "form": "name", "source": SOURCE}
                    )
        symbol = get_currency_symbol(code, locale="en")
        # Only distinctive symbols: bare `$` and letters are resolved by hand-made rows.
        if symbol and symbol != code and symbol != "$" and not symbol.isalpha():
            rows.append({"alias": symbol, "code": code, "lang": "*", "form": "symbol", "source": SOURCE})
    return rows


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


_LOCALES: set[str] = set()

if __name__ == "__main__":
    from babel.localedata import locale_identifiers

    _LOCALES.update(locale_identifiers())
    _write(OUT / "countries.csv", countries())
    _write(OUT / "currencies.csv", currencies())
