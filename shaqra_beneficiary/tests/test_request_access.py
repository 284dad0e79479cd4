from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users

from .common import IDS, ShaqraRequestCommon, load_arabic


@tagged("post_install", "-at_install", "access_rights")
class TestRequestAccess(ShaqraRequestCommon):
    """Roles (policy C1-C5, G6) and Arabic errors for the staff."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Arabic is the users' language: the errors below are read in it.
        load_arabic(cls.env)

    @users("t_reception")
    def test_c2_reception_registers_beneficiary_and_takes_request(self):
        beneficiary = self.env["shaqra.beneficiary"].create(
            {
                "name": "Walk-in",
                "national_id": IDS[5],
                "category_id": self.category_widows.id,
                "field_id": self.field_social.id,
            }
        )
        request = self.env["shaqra.request"].create(
            {"beneficiary_id": beneficiary.id, "service_type_id": self.service.id}
        )
        self.assertEqual(request.liaison_officer_id, self.employee_liaison)
        self.assertEqual(len(request.requirement_line_ids), 3)

    @users("t_reception", "t_liaison", "t_committee")
    def test_g6_only_management_reads_the_officer_follow_up(self):
        with self.assertRaises(AccessError):
            self.env["shaqra.liaison.report"].search([])

    @users("t_manager")
    def test_g6_management_reads_the_officer_follow_up(self):
        self._request()
        self.env.flush_all()
        rows = self.env["shaqra.liaison.report"].search(
            [("employee_id", "=", self.employee_liaison.id)]
        )
        self.assertEqual(rows.open_count, 1)

    @users("t_liaison")
    def test_c6_only_management_generates_holidays(self):
        with self.assertRaises(AccessError):
            self.env["shaqra.holiday.wizard"].create({"hijri_year": 1448})

    def test_c3_guard_error_is_in_arabic_for_arabic_users(self):
        request = self._request().with_context(lang="ar_001")
        with self.assertRaisesText(UserError, "غير مكتمل"):
            request.action_send_to_committee()
        self.assertEqual(request.stage_key, "received")

    def test_c3_duplicate_national_id_error_is_in_arabic(self):
        Beneficiary = self.env["shaqra.beneficiary"].with_context(lang="ar_001")
        with self.assertRaisesText(ValidationError, "مسجل مسبقًا للمستفيد Fatimah Al-Shaqrawi"):
            Beneficiary.create({"name": "Another", "national_id": IDS[0]})

    def test_f1_officer_rule_checked_in_sql_matches_the_records(self):
        """The record rule of the officers, checked in SQL on the records' ids
        (the liaison mixin's _check_access), allows exactly what it allows in a
        search: one's own request, never another officer's, and follows a
        change not yet written to the database."""
        mine = self._request()
        housing = self.env["shaqra.beneficiary"].create(
            {
                "name": "Other file",
                "national_id": "1122334459",
                "category_id": self.category_widows.id,
                "field_id": self.field_housing.id,
            }
        )
        repair = self.env["shaqra.service.type"].create(
            {"name": "Home repair", "field_id": self.field_housing.id, "response_days": 15}
        )
        other = self.env["shaqra.request"].create(
            {"beneficiary_id": housing.id, "service_type_id": repair.id}
        )
        self.assertTrue(self.env["shaqra.request"]._shaqra_sql_rule_check_applies())
        Request = self.env["shaqra.request"].with_user(self.user_liaison)
        self.assertEqual(Request.search([("id", "in", (mine | other).ids)]), mine)
        both = Request.browse((mine | other).ids)
        self.assertEqual(both._filtered_access("read"), Request.browse(mine.ids))
        Request.browse(mine.ids).check_access("read")
        with self.assertRaises(AccessError):
            Request.browse(other.ids).check_access("read")
        with self.assertRaises(AccessError):
            # A one2many read goes through the access check, not a search.
            Request.browse(other.ids).activity_ids  # noqa: B018
        # Moved to the officer's field of work, not yet flushed: allowed.
        other.service_type_id = self.service
        Request.browse(other.ids).check_access("read")
