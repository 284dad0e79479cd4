from pathlib import Path

from odoo.tests import tagged
from odoo.tools.translate import TranslationFileReader

from odoo.addons.shaqra_beneficiary.tests import test_i18n as base_i18n


@tagged("post_install", "-at_install")
class TestComplaintsArabicCatalogue(base_i18n.TestArabicCatalogue):
    """Arabic is the users' language: every term of shaqra_complaints is translated."""

    allow_inherited_tests_method = True

    module = "shaqra_complaints"

    def _catalogue(self):
        path = Path(__file__).resolve().parent.parent / "i18n" / "ar.po"
        with path.open("rb") as handle:
            return {
                entry["src"]: entry["value"]
                for entry in TranslationFileReader(handle, fileformat="po")
            }
