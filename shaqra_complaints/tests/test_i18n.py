from odoo.tests import tagged

from odoo.addons.shaqra_beneficiary.tests import test_i18n as base_i18n


@tagged("post_install", "-at_install")
class TestComplaintsArabicCatalogue(base_i18n.TestArabicCatalogue):
    """Arabic is the users' language: every term of shaqra_complaints is translated."""

    allow_inherited_tests_method = True

    module = "shaqra_complaints"
