from odoo.tests import TransactionCase, tagged

from .common import load_arabic


@tagged("post_install", "-at_install")
class TestCommitteeArabic(TransactionCase):
    """Arabic is the users' language: committee, notice and inquiry terms load."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_arabic(cls.env)

    def test_c5_menus_and_fields_in_arabic(self):
        env_ar = self.env(context=dict(self.env.context, lang="ar_001"))
        menu = env_ar.ref("shaqra_beneficiary.shaqra_committee_meeting_menu")
        self.assertEqual(menu.name, "الاجتماعات")
        fields_ar = env_ar["shaqra.committee.meeting"].fields_get(["attendee_ids", "state"])
        self.assertEqual(fields_ar["attendee_ids"]["string"], "الأعضاء الحاضرون")
        self.assertIn(("held", "منعقد"), fields_ar["state"]["selection"])
        lead_fields = env_ar["crm.lead"].fields_get(["shaqra_national_id"])
        self.assertEqual(lead_fields["shaqra_national_id"]["string"], "رقم الهوية / الإقامة")

    def test_c8_errors_in_arabic(self):
        env_ar = self.env(context=dict(self.env.context, lang="ar_001"))
        self.assertEqual(
            env_ar._("Only draft meetings can be deleted."),
            "لا تحذف إلا الاجتماعات في حالة المسودة.",
        )
