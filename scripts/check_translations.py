"""Fails if the English catalogue has untranslated or fuzzy entries, or a stale .mo file.

Italian is the source language; English must be complete (issue #2, UI shell).
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"]


def main() -> int:
    problems: list[str] = []
    for po_path in CATALOGUES:
        if not po_path.exists():
            problems.append(f"{po_path} is missing: run `make messages`")
            continue
        po = polib.pofile(str(po_path))
        for entry in po.untranslated_entries():
            problems.append(f"{po_path.name}: untranslated: {entry.msgid[:70]!r}")
        for entry in po.fuzzy_entries():
            problems.append(f"{po_path.name}: fuzzy: {entry.msgid[:70]!r}")
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            problems.append(f"{mo_path} is missing: run `make messages`")
        else:
            compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo_path))}
            for entry in po.translated_entries():
                if (
                    compiled.get((entry.msgctxt, entry.msgid)) != entry.msgstr
                    and not entry.msgid_plural
                ):
                    problems.append(f"{mo_path.name} is stale: run `make messages`")
                    break
    for line in problems:
        print(line)
    print(f"translations: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
