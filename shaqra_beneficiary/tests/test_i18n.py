import re
from pathlib import Path

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationFileReader, TranslationModuleReader

ARABIC = re.compile(r"[\u0600-\u06FF]")


@tagged("post_install", "-at_install")
class TestArabicCatalogue(TransactionCase):
    """Arabic is the users' language: every term of the add-on is translated."""

    module = "shaqra_beneficiary"

    def _catalogue(self):
        """The Arabic catalogue of ``self.module`` (add-ons reuse this test by
        setting ``module``)."""
        path = Path(file_path(f"{self.module}/i18n/ar.po"))
        with path.open("rb") as handle:
            return {
                entry["src"]: entry["value"]
                for entry in TranslationFileReader(handle, fileformat="po")
            }

    def test_every_term_has_an_arabic_translation(self):
        catalogue = self._catalogue()
        missing = set()
        for module, _type, _name, _res_id, source, _value, _comments in TranslationModuleReader(
            self.env.cr, modules=[self.module]
        ):
            if (
                module != self.module
                or ARABIC.search(source)
                or not re.search(r"[A-Za-z]", re.sub(r"<[^>]*>", "", source))
            ):
                # Demo data, letters and minutes are written in Arabic
                # already; bare markup has nothing to translate.
                continue
            if not catalogue.get(source):
                missing.add(source)
        self.assertFalse(
            missing,
            "Terms without an Arabic translation in i18n/ar.po:\n"
            + "\n".join(sorted(missing)[:200]),
        )

    def test_translations_are_arabic(self):
        not_arabic = {
            source: value
            for source, value in self._catalogue().items()
            if source
            and value
            and not ARABIC.search(value)
            and re.search("[A-Za-z]{3}", value)
            and value != source
        }
        self.assertFalse(not_arabic, f"Entries whose translation is not Arabic: {not_arabic}")
