"""Portal integrity and bad input (policy C3, C4, F3).

Every case is tried as the role that could do it: the portal beneficiary,
another beneficiary, an anonymous holder of the link, reception and the
manager. Each must be refused with a clear message and change nothing.
"""

import base64
import datetime
import re
from pathlib import Path

import polib

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import JsonRpcException, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import PDF, PNG, SIGNATURE, ShaqraPortalCommon, ShaqraRequestCommon, load_arabic


@tagged("post_install", "-at_install")
class TestBeneficiaryInputRules(ShaqraRequestCommon):
    """Policy C3: the backend refuses values no beneficiary file can hold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_arabic(cls.env)
        cls.Beneficiary = cls.env["shaqra.beneficiary"].with_user(cls.user_reception)

    def _create(self, **values):
        return self.Beneficiary.create(
            dict({"name": "Input Rules", "national_id": "1000000024"}, **values)
        )

    def _assert_refused(self, text, **values):
        """Creating with ``values`` is refused with ``text``; nothing is saved."""
        count = self.env["shaqra.beneficiary"].with_context(active_test=False).search_count([])
        with self.assertRaises(ValidationError) as caught:
            self._create(**values)
        self.assertIn(text, caught.exception.args[0])
        self.assertEqual(
            self.env["shaqra.beneficiary"].with_context(active_test=False).search_count([]),
            count,
        )

    def test_c3_reception_registers_sane_values(self):
        beneficiary = self._create(
            mobile="٠٥٠٩٨٧٦٥٤٣",
            whatsapp_number="+966 50 123 4567",
            email="Sara@Example.com",
            phone="011 622 0000",
            birthdate="1960-05-01",
            annual_rent=18000,
        )
        self.assertEqual(beneficiary.mobile_normalized, "509876543")
        self.assertEqual(beneficiary.annual_rent, 18000)

    def test_c3_bad_contact_data_is_refused(self):
        self._assert_refused("write a Saudi mobile number", mobile="<script>")
        self._assert_refused("write a Saudi mobile number", mobile="+1 212 555 0100")
        self._assert_refused("write a Saudi mobile number", whatsapp_number="12")
        self._assert_refused("not a valid e-mail address", email="not-an-email")
        self._assert_refused("not a valid e-mail address", email="a <b@example.com>")
        self._assert_refused("write a phone number with digits only", phone="call me")
        self._assert_refused("is too long", name="x" * 100_000)
        self._assert_refused("is too long", street="x" * 1000)
        self._assert_refused("is too long", health_note="x" * 10_000)

    def test_c3_bad_dates_and_amounts_are_refused(self):
        self._assert_refused("between 1900-01-01 and today", birthdate=datetime.date(1, 1, 1))
        self._assert_refused("between 1900-01-01 and today", birthdate="2999-01-01")
        self._assert_refused("must be between 0 and", annual_rent=-1)
        self._assert_refused("must be between 0 and", annual_rent=1e300)

    def test_c3_household_members_and_income_are_checked(self):
        beneficiary = self._create()
        Member = self.env["shaqra.beneficiary.member"].with_user(self.user_reception)
        for values, text in (
            ({"birthdate": "2999-01-01"}, "between 1900-01-01 and today"),
            ({"birthdate": datetime.date(1, 1, 1)}, "between 1900-01-01 and today"),
            ({"name": "x" * 100_000}, "is too long"),
            ({"name": "   "}, "cannot be empty"),
        ):
            with self.assertRaises(ValidationError) as caught:
                Member.create(dict({"beneficiary_id": beneficiary.id, "name": "Son"}, **values))
            self.assertIn(text, caught.exception.args[0])
        self.assertFalse(beneficiary.member_ids)
        Income = self.env["shaqra.beneficiary.income"].with_user(self.user_reception)
        with self.assertRaises(ValidationError):
            Income.create({"beneficiary_id": beneficiary.id, "amount": 1e300})
        income = Income.create({"beneficiary_id": beneficiary.id, "amount": 1500})
        with self.assertRaises(ValidationError):
            income.write({"amount": -5})
        self.assertEqual(income.amount, 1500)
        self.assertEqual(beneficiary.income_per_member, 1500)

    def test_c3_document_dates_are_sane(self):
        beneficiary = self._create()
        document_type = self.env["shaqra.document.type"].create({"name": "Passport"})
        Document = self.env["shaqra.beneficiary.document"].with_user(self.user_reception)
        today = fields.Date.today()
        for values in (
            {"date_issue": today + datetime.timedelta(days=10)},
            {"date_issue": "1850-01-01"},
            {"date_expiry": "2999-01-01"},
            {"name": "x" * 1000},
        ):
            with self.assertRaises(ValidationError):
                Document.create(
                    dict(
                        {"beneficiary_id": beneficiary.id, "document_type_id": document_type.id},
                        **values,
                    )
                )
        self.assertFalse(beneficiary.document_ids)
        document = Document.create(
            {
                "beneficiary_id": beneficiary.id,
                "document_type_id": document_type.id,
                "date_issue": today,
                "date_expiry": today + datetime.timedelta(days=3650),
            }
        )
        self.assertTrue(document)

    def test_c3_manager_cannot_bypass_through_the_contact(self):
        beneficiary = self._create(email="ok@example.com")
        partner = beneficiary.partner_id.with_user(self.user_manager)
        with self.assertRaises(ValidationError):
            partner.sudo().write({"email": "not-an-email"})
        with self.assertRaises(ValidationError):
            beneficiary.with_user(self.user_manager).write({"mobile": "<script>"})
        self.assertEqual(beneficiary.email, "ok@example.com")
        # A contact that is no beneficiary keeps Odoo's own rules.
        other = self.env["res.partner"].create({"name": "Supplier", "phone": "call the desk"})
        self.assertEqual(other.phone, "call the desk")

    def test_c3_errors_have_arabic_translations(self):
        # The catalogue itself (the .pot, regenerated from the code, decides
        # what the server loads): each rule speaks Arabic to the user.
        catalogue = polib.pofile(str(Path(__file__).resolve().parent.parent / "i18n" / "ar.po"))
        expected = {
            "%(field)s: write a Saudi mobile number, e.g. +966501234567 or 0501234567.": (
                "رقم جوال سعودي"
            ),
            "%(field)s must be between %(start)s and today.": "واليوم",
            "%(field)s must be between 0 and %(maximum)s.": "بين 0",
            "%(field)s is too long: at most %(limit)s characters.": "طويل جدًا",
        }
        for msgid, arabic in expected.items():
            entry = catalogue.find(msgid)
            self.assertTrue(entry, msgid)
            self.assertIn(arabic, entry.msgstr)


@tagged("post_install", "-at_install")
class TestPortalIdentity(ShaqraPortalCommon):
    """Policy F3: a beneficiary's identity changes only through a correction."""

    def _call(self, model, method, *args):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": {}},
        )

    def test_f3_beneficiary_cannot_rewrite_own_user_over_rpc(self):
        self.authenticate("t_benef_one", "t_benef_one")
        for values in (
            {"name": "Someone Else"},
            {"email": "someone@example.com"},
            {"name": "Someone Else", "lang": "en_US"},
        ):
            with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
                self._call("res.users", "write", [self.user_one.id], values)
            self.assertEqual(caught.exception.args[0], "odoo.exceptions.UserError")
        # The contact behind the user cannot be written either.
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self._call("res.partner", "write", [self.user_one.partner_id.id], {"name": "X"})
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self._call("res.users", "write", [self.user_one.id], {"mobile": "+966511111111"})
        self.beneficiary_one.invalidate_recordset()
        self.assertEqual(self.beneficiary_one.name, "Beneficiary One")
        self.assertEqual(self.beneficiary_one.email, "one@example.com")
        self.assertEqual(self.beneficiary_one.mobile, "+966500000001")
        self.assertFalse(self.beneficiary_one.data_change_request_ids)
        # Harmless preferences still save: the same name again, the language.
        self._call(
            "res.users",
            "write",
            [self.user_one.id],
            {"name": "Beneficiary One", "tz": "Asia/Riyadh"},
        )
        self.user_one.invalidate_recordset(["tz"])
        self.assertEqual(self.user_one.tz, "Asia/Riyadh")

    def test_f3_orm_guard_as_each_role(self):
        with self.assertRaises(UserError):
            self.user_one.with_user(self.user_one).write({"name": "Someone Else"})
        # Another beneficiary cannot write someone else's user at all.
        with self.assertRaises(AccessError):
            self.user_one.with_user(self.user_two).write({"name": "Someone Else"})
        # Portal users who are not beneficiaries keep Odoo's own behaviour.
        volunteer = new_test_user(self.env, "t_volunteer_id", groups="base.group_portal")
        volunteer.with_user(volunteer).write({"name": "Volunteer Renamed"})
        self.assertEqual(volunteer.name, "Volunteer Renamed")
        # Staff correct a file in the backend, as before.
        manager = new_test_user(
            self.env, "t_identity_manager", groups="shaqra_beneficiary.group_manager"
        )
        self.beneficiary_one.with_user(manager).write({"email": "new@example.com"})
        self.assertEqual(self.user_one.email, "new@example.com")


@tagged("post_install", "-at_install")
class TestCorrectionIntegrity(ShaqraPortalCommon):
    """Policy F3: corrections obey the form's rules; only their actions answer."""

    def _propose(self, data):
        data = dict(data, csrf_token=self._csrf())
        return self.url_open("/my/beneficiary/correction", data=data, allow_redirects=False)

    def _change(self, lines, beneficiary=None):
        return (
            self.env["shaqra.data.change.request"]
            .sudo()
            .create(
                {
                    "beneficiary_id": (beneficiary or self.beneficiary_one).id,
                    "line_ids": [
                        Command.create({"field_name": name, "new_value": value})
                        for name, value in lines
                    ],
                }
            )
        )

    def test_f3_household_size_is_not_correctable(self):
        self.assertNotIn(
            "household_size", self.env["shaqra.beneficiary"]._portal_correctable_fields()
        )
        self.authenticate("t_benef_one", "t_benef_one")
        page = self.url_open("/my/beneficiary")
        self.assertNotIn('name="household_size"', page.text)
        for value in ("²", "-5", "1e300"):
            response = self._propose({"household_size": value})
            self.assertEqual(response.status_code, 200)
            self.assertIn("You did not change anything.", response.text)
        self.assertFalse(self.beneficiary_one.data_change_request_ids)
        with self.assertRaises(ValidationError):
            self._change([("household_size", "-5")])

    def test_f3_bad_values_give_a_form_message(self):
        self.authenticate("t_benef_one", "t_benef_one")
        cases = {
            "mobile": ("<script>", "write a Saudi mobile number"),
            "email": ("not-an-email", "not a valid e-mail address"),
            "phone": ("٠١١٢٣٤٥٦٧٨ ext. 5", "write a phone number with digits only"),
            "preferred_channel": ("telepathy", "choose one of the options"),
            "street": ("x" * 100_000, "is too long"),
            "city": ("🏠" * 300, "is too long"),
            "note": ("x" * 10_000, "The comment is too long"),
        }
        for name, (value, text) in cases.items():
            response = self._propose(
                {name: value, "city": "Shaqra"} if name != "city" else {name: value}
            )
            self.assertEqual(response.status_code, 200, name)
            self.assertIn(text, response.text, name)
        self.assertFalse(self.beneficiary_one.data_change_request_ids)

    def test_f3_correction_lines_obey_the_form_rules(self):
        for name, value in (
            ("mobile", "<script>"),
            ("email", "not-an-email"),
            ("preferred_channel", "telepathy"),
            ("national_id", "1000000016"),
        ):
            with self.assertRaises(ValidationError):
                self._change([(name, value)])
        self.assertFalse(self.beneficiary_one.data_change_request_ids)

    def test_f3_approval_checks_again_and_applies_nothing_on_error(self):
        change = self._change([("mobile", "+966555000111"), ("email", "two@example.com")])
        # A value that no longer passes (stored before the rules, or since).
        self.env.cr.execute(
            "UPDATE shaqra_data_change_request_line SET new_value = %s WHERE id = %s",
            ("not-an-email", change.line_ids.filtered(lambda line: line.field_name == "email").id),
        )
        change.line_ids.invalidate_recordset()
        with self.assertRaises(ValidationError):
            change.with_user(self.user_officer).action_approve()
        self.assertEqual(change.state, "pending")
        self.assertFalse(change.reviewed_by_id)
        self.assertEqual(self.beneficiary_one.mobile, "+966500000001")
        # An old pending line for the household size cannot be applied either.
        self.env.cr.execute(
            "UPDATE shaqra_data_change_request_line SET field_name = 'household_size', "
            "new_value = '-5' WHERE id IN %s",
            (tuple(change.line_ids.ids),),
        )
        change.line_ids.invalidate_recordset()
        with self.assertRaises(ValidationError):
            change.with_user(self.user_officer).action_approve()
        self.assertEqual(self.beneficiary_one.household_size, 1)
        self.assertEqual(self.beneficiary_one.income_per_member, 0)

    def test_f3_review_fields_are_set_only_by_the_actions(self):
        change = self._change([("mobile", "+966555000111")])
        for user in (self.user_staff, self.user_officer, self.env.ref("base.user_admin")):
            for values in (
                {"state": "approved"},
                {"reviewed_by_id": user.id},
                {"reviewed_on": fields.Datetime.now()},
            ):
                with self.assertRaises(AccessError):
                    change.with_user(user).write(values)
            with self.assertRaises(AccessError):
                change.with_user(user).write({"beneficiary_id": self.beneficiary_two.id})
            with self.assertRaises(AccessError):
                change.line_ids.with_user(user).write({"new_value": "+966599999999"})
            with self.assertRaises(AccessError):
                change.line_ids.with_user(user).unlink()
        with self.assertRaises(AccessError):
            self.env["shaqra.data.change.request"].with_user(self.user_staff).create(
                {"beneficiary_id": self.beneficiary_one.id, "state": "approved"}
            )
        self.assertEqual(change.state, "pending")
        self.assertEqual(self.beneficiary_one.mobile, "+966500000001")
        change.with_user(self.user_officer).action_approve()
        self.assertEqual(change.state, "approved")
        self.assertEqual(change.reviewed_by_id, self.user_officer)
        self.assertTrue(change.reviewed_on)
        self.assertEqual(self.beneficiary_one.mobile, "+966555000111")
        with self.assertRaises(UserError):
            change.with_user(self.user_officer).write({"answer": "Changed afterwards"})
        # The portal beneficiary can neither approve nor write it.
        with self.assertRaises(AccessError):
            change.with_user(self.user_one).write({"answer": "Mine"})


@tagged("post_install", "-at_install")
class TestPortalUploadAndSignIntegrity(ShaqraPortalCommon):
    """Policy C3, C4: new documents are checked again; only the beneficiary signs."""

    def _sign(self, signature, token=None, name="Beneficiary One"):
        url = f"/my/requests/{self.request_one.id}/sign"
        if token:
            url += f"?access_token={token}"
        return self.make_jsonrpc_request(url, {"name": name, "signature": signature})

    def test_c3_upload_to_a_verified_line_unverifies_it_and_tells_staff(self):
        self.line_id_copy.with_user(self.user_officer).sudo().write({"is_verified": True})
        self.assertEqual(self.line_id_copy.verified_by_id, self.user_officer)
        self.authenticate("t_benef_one", "t_benef_one")
        response = self._upload(self.request_one, self.line_id_copy, "new-id.pdf", PDF)
        self.assertIn("message=upload_ok", response.headers["Location"])
        self.assertFalse(self.line_id_copy.is_verified)
        self.assertFalse(self.line_id_copy.verified_by_id)
        self.assertFalse(self.line_id_copy.verified_on)
        self.assertTrue(self.line_id_copy.is_provided)
        self.assertEqual(len(self.line_id_copy.attachment_ids), 2)
        note = self.request_one.message_ids.filtered(
            lambda message: "which had been verified" in (message.body or "")
        )
        self.assertEqual(len(note), 1)
        activity = self.request_one.activity_ids.filtered(
            lambda activity: activity.summary == "Check a new document again"
        )
        self.assertEqual(activity.user_id, self.user_officer)

    def test_c3_upload_to_an_unverified_line_tells_nobody_twice(self):
        self.authenticate("t_benef_one", "t_benef_one")
        self._upload(self.request_one, self.line_id_copy, "again.pdf", PDF)
        self.assertFalse(
            self.request_one.activity_ids.filtered(
                lambda activity: activity.summary == "Check a new document again"
            )
        )

    def test_c4_anonymous_token_holder_cannot_sign(self):
        self.authenticate(None, None)
        result = self._sign(SIGNATURE.decode(), token=self.token_one)
        self.assertIn("Log in with your own account", result["error"])
        self.assertFalse(self.request_one.signature)
        page = self.url_open(f"/my/requests/{self.request_one.id}?access_token={self.token_one}")
        self.assertIn("o_shaqra_sign_login", page.text)
        self.assertNotIn("shaqra_modal_sign", page.text)

    def test_c4_other_beneficiary_with_the_token_cannot_sign(self):
        self.authenticate("t_benef_two", "t_benef_two")
        result = self._sign(SIGNATURE.decode(), token=self.token_one, name="Intruder")
        self.assertIn("Log in with your own account", result["error"])
        self.assertFalse(self.request_one.signature)
        self.assertFalse(self.request_one.signed_by)

    def test_c4_blank_signature_is_refused(self):
        self.authenticate("t_benef_one", "t_benef_one")
        result = self._sign(base64.b64encode(PNG).decode())
        self.assertIn("blank or too small", result["error"])
        result = self._sign(SIGNATURE.decode(), name="x" * 1000)
        self.assertIn("too long", result["error"])
        self.assertFalse(self.request_one.signature)
        result = self._sign(SIGNATURE.decode())
        self.assertIn("message=sign_ok", result["redirect_url"])
        self.assertTrue(self.request_one.signature)
        self.assertEqual(self.request_one.signed_by, "Beneficiary One")
        self.assertTrue(self.request_one.signed_on)


@tagged("post_install", "-at_install")
class TestPortalRateLimit(ShaqraPortalCommon):
    """Portal forms take a human's pace, not a script's."""

    def _post_new(self):
        return self.url_open(
            "/my/requests/new",
            data={
                "csrf_token": self._csrf(),
                "service_type_id": self.service.id,
                "criteria_read": "1",
            },
            files={f"document_{self.service.requirement_ids[0].id}": ("id.pdf", PDF)},
            allow_redirects=False,
        )

    def _count(self):
        return self.env["shaqra.request"].search_count(
            [("beneficiary_id", "=", self.beneficiary_one.id)]
        )

    def test_new_requests_are_limited_per_user(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "shaqra_beneficiary.portal_max_requests_per_hour", "2"
        )
        self.authenticate("t_benef_one", "t_benef_one")
        before = self._count()
        self.assertEqual(self._post_new().status_code, 303)
        self.assertEqual(self._post_new().status_code, 303)
        refused = self._post_new()
        self.assertEqual(refused.status_code, 200)
        self.assertIn("the limit of 2 per hour", refused.text)
        self.assertEqual(self._count(), before + 2)
        # The limit is the user's own: another beneficiary still applies.
        self.authenticate("t_benef_two", "t_benef_two")
        self.assertEqual(self._post_new().status_code, 303)

    def test_uploads_and_corrections_are_limited_per_user(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("shaqra_beneficiary.portal_max_uploads_per_hour", "1")
        params.set_param("shaqra_beneficiary.portal_max_corrections_per_hour", "1")
        self.authenticate("t_benef_one", "t_benef_one")
        self._upload(self.request_one, self.line_id_copy, "first.pdf", PDF)
        response = self._upload(self.request_one, self.line_id_copy, "second.pdf", PDF)
        self.assertIn("upload_error=rate", response.headers["Location"])
        self.assertIn("many documents", self.url_open(response.headers["Location"]).text)
        self.assertEqual(len(self.line_id_copy.attachment_ids), 2)
        for mobile, status in (("+966555000111", 303), ("+966555000222", 200)):
            response = self.url_open(
                "/my/beneficiary/correction",
                data={"csrf_token": self._csrf(), "mobile": mobile},
                allow_redirects=False,
            )
            self.assertEqual(response.status_code, status)
        self.assertIn("the limit of 1 per hour", response.text)
        self.assertEqual(len(self.beneficiary_one.data_change_request_ids), 1)


@tagged("post_install", "-at_install")
class TestDemoDocuments(TransactionCase):
    """Policy E2: a document belongs to the line of one request only.

    Read from the demo file: a database that loaded the demo data before
    keeps its records (they are not updated), a new one gets these.
    """

    def test_e2_each_demo_requirement_line_has_its_own_document(self):
        demo = Path(__file__).resolve().parent.parent / "demo" / "shaqra_request_demo.xml"
        linked = re.findall(r"Command\.set\(\[ref\('([\w.]+)'\)\]\)", demo.read_text())
        self.assertEqual(len(linked), 8)
        self.assertEqual(len(set(linked)), len(linked))
