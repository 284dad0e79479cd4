"""Rebuild an add-on's ar.po from a freshly exported .pot.

Every entry of the .pot keeps Odoo's references (module, model and code
occurrences, without which Odoo does not load a term) and takes its Arabic
from the current ar.po, matched on the English source. Entries of ar.po
whose source no longer exists are dropped; sources without Arabic are
listed and make the script exit 1.

    python scripts/i18n_merge.py ADDON_DIR EXPORTED.pot [COMPENDIUM.po ...]

Compendia (Odoo's own ar.po of the modules we depend on) fill terms that
come from those modules, such as the partner fields a beneficiary inherits.
"""

import re
import sys
from pathlib import Path

import polib

ARABIC = re.compile(r"[\u0600-\u06FF]")


def needs_translation(source):
    """Texts in Arabic already, and bare markup or punctuation, need none."""
    text = re.sub(r"<[^>]*>", "", source)
    return not ARABIC.search(source) and re.search(r"[A-Za-z]", text)


def main(addon_dir, pot_path, *compendia):
    addon = Path(addon_dir)
    po_path = addon / "i18n" / "ar.po"
    pot = polib.pofile(pot_path)
    known = {}
    if po_path.exists():
        for entry in polib.pofile(str(po_path)):
            if entry.msgstr and not entry.obsolete:
                known.setdefault(entry.msgid, entry.msgstr)
    for compendium in compendia:
        for entry in polib.pofile(compendium):
            if entry.msgstr and not entry.obsolete and not entry.msgid_plural:
                known.setdefault(entry.msgid, entry.msgstr)
    header = polib.pofile(str(po_path)) if po_path.exists() else None
    result = polib.POFile(wrapwidth=78)
    result.header = header.header if header else pot.header
    result.metadata = header.metadata if header and header.metadata else pot.metadata
    missing = []
    for entry in pot:
        source = entry.msgid
        translated = polib.POEntry(
            msgid=source,
            msgstr=known.get(source, ""),
            occurrences=entry.occurrences,
            comment=entry.comment,
            tcomment=entry.tcomment,
            flags=entry.flags,
        )
        if not translated.msgstr and needs_translation(source):
            # Texts written in Arabic (letters, minutes) need no translation.
            missing.append(source)
        result.append(translated)
    (addon / "i18n" / f"{addon.name}.pot").write_text(str(pot) + "\n", encoding="utf-8")
    po_path.write_text(str(result) + "\n", encoding="utf-8")
    for source in missing:
        print(f"no Arabic: {source!r}")
    print(f"{po_path}: {len(result)} entries, {len(missing)} without Arabic")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
