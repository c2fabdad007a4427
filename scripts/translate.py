"""Fill English translations for given Italian msgids: `translate.py PO_FILE JSON_FILE`.

The JSON maps msgid (or "context\\u0004msgid") to the English text. Used when a few new
strings arrive; the catalogue stays the reference and is checked by check_translations.py.
"""

from __future__ import annotations

import json
import sys

import polib


def main(po_path: str, json_path: str) -> int:
    with open(json_path, encoding="utf-8") as handle:
        mapping: dict[str, str] = json.load(handle)
    po = polib.pofile(po_path)
    filled = 0
    for entry in po:
        key = f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid
        if key in mapping and not entry.msgid_plural:
            entry.msgstr = mapping[key]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
    po.save()
    print(f"{filled} entries filled")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
