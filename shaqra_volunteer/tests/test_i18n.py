from pathlib import Path

from odoo.tests import tagged
from odoo.tools.translate import TranslationFileReader

from odoo.addons.shaqra_beneficiary.tests import test_i18n as base


@tagged("post_install", "-at_install")
class TestVolunteerArabicCatalogue(base.TestArabicCatalogue):
    """Every term of the volunteer add-on is translated into Arabic."""

    module = "shaqra_volunteer"

    def _catalogue(self):
        path = Path(__file__).resolve().parent.parent / "i18n" / "ar.po"
        with path.open("rb") as handle:
            return {
                entry["src"]: entry["value"]
                for entry in TranslationFileReader(handle, fileformat="po")
            }

    def test_every_term_has_an_arabic_translation(self):
        super().test_every_term_has_an_arabic_translation()

    def test_translations_are_arabic(self):
        super().test_translations_are_arabic()
