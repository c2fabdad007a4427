"""Fails if the English catalogue is incomplete: strings not extracted yet, untranslated or
fuzzy entries, or a stale .mo file. Italian is the source language; English must be complete.

It re-runs `makemessages` first, so a string added to the code but never extracted is caught.
If extraction finds nothing new the catalogue file is left byte-for-byte as it was.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO_PATH = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
IGNORE = [".venv", "var", "static", "e2e", "bench"]


def _keys(po: polib.POFile) -> set[tuple[str | None, str, str]]:
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in po if not e.obsolete}


def extract() -> list[str]:
    """Run makemessages; report msgids found in the code but missing from the catalogue."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "approdo.settings")
    os.environ.setdefault("APPRODO_TESTING", "1")
    import django
    from django.core.management import call_command

    django.setup()
    before_bytes = PO_PATH.read_bytes()
    before = _keys(polib.pofile(str(PO_PATH)))
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        call_command(
            "makemessages",
            locale=["en"],
            no_obsolete=True,
            no_location=True,
            ignore_patterns=IGNORE,
            verbosity=0,
        )
    finally:
        os.chdir(cwd)
    after = _keys(polib.pofile(str(PO_PATH)))
    if after == before:
        PO_PATH.write_bytes(before_bytes)  # only the creation date changed
        return []
    added = sorted(after - before, key=lambda k: k[1])
    removed = sorted(before - after, key=lambda k: k[1])
    return [f"not extracted yet: {k[1][:70]!r}" for k in added] + [
        f"no longer in the code: {k[1][:70]!r}" for k in removed
    ]


def check() -> list[str]:
    problems: list[str] = []
    po = polib.pofile(str(PO_PATH))
    problems += [f"untranslated: {e.msgid[:70]!r}" for e in po.untranslated_entries()]
    problems += [f"fuzzy: {e.msgid[:70]!r}" for e in po.fuzzy_entries()]
    mo_path = PO_PATH.with_suffix(".mo")
    if not mo_path.exists():
        return [*problems, f"{mo_path} is missing: run `make messages`"]
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo_path))}
    for entry in po.translated_entries():
        if not entry.msgid_plural and compiled.get((entry.msgctxt, entry.msgid)) != entry.msgstr:
            problems.append(f"{mo_path.name} is stale: run `make messages`")
            break
    return problems


def main() -> int:
    if not PO_PATH.exists():
        print(f"{PO_PATH} is missing: run `make messages`")
        return 1
    problems = extract() + check()
    for line in problems:
        print(line)
    print(f"translations: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
