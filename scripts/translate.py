"""Fill English translations for given Italian msgids: `translate.py PO_FILE JSON_FILE`.

The JSON maps msgid (or "context\\u0004msgid") to the English text, or for a plural msgid to
[singular, plural]. Only empty or fuzzy entries are filled: a translation already in the
catalogue wins. The catalogue stays the reference and is checked by check_translations.py.
"""

from __future__ import annotations

import json
import sys

import polib


def main(po_path: str, json_path: str) -> int:
    with open(json_path, encoding="utf-8") as handle:
        mapping: dict[str, str | list[str]] = json.load(handle)
    po = polib.pofile(po_path)
    filled = 0
    for entry in po:
        key = f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid
        if key not in mapping:
            continue
        fuzzy = "fuzzy" in entry.flags
        value = mapping[key]
        if entry.msgid_plural:
            if all(entry.msgstr_plural.values()) and not fuzzy:
                continue
            if not isinstance(value, list) or len(value) != 2:
                continue
            entry.msgstr_plural = {0: value[0], 1: value[1]}
        else:
            if entry.msgstr and not fuzzy:
                continue
            if not isinstance(value, str):
                continue
            entry.msgstr = value
        if fuzzy:
            entry.flags.remove("fuzzy")
        filled += 1
    po.save()
    print(f"{filled} entries filled")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
