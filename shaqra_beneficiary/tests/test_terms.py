from datetime import timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import ShaqraTermsCommon


@tagged("post_install", "-at_install")
class TestBeneficiaryAgreement(ShaqraTermsCommon):
    """Agreements are the source of rights and obligations (ART2, ART1)."""

    def test_art1_concerned_department_on_service_request_and_agreement(self):
        self.assertEqual(self.service.department_id, self.department)
        agreement = self._approved_agreement()
        self.assertEqual(agreement.request_id.department_id, self.department)
        self.assertEqual(agreement.department_id, self.department)
        groups = self.env["shaqra.request"]._read_group(
            [("id", "=", agreement.request_id.id)], ["department_id"], ["__count"]
        )
        self.assertEqual(groups, [(self.department, 1)])
        letter = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "shaqra_beneficiary.shaqra_request_decision_letter_report",
                agreement.request_id.ids,
            )[0]
            .decode()
        )
        self.assertIn("الإدارة المعنية", letter)
        self.assertIn("Beneficiary Services", letter)
        self.env.flush_all()  # the follow-up report is a database view
        report = self.env["shaqra.liaison.report"].search(
            [("department_id", "=", self.department.id)]
        )
        self.assertEqual(report.employee_id, self.officer)

    def test_art2_approval_generates_the_agreement_from_the_template(self):
        request = self._complete_request()
        agreement = self._approve(request, amount=1500.0)
        self.assertEqual(len(agreement), 1)
        self.assertEqual(agreement.state, "draft")
        self.assertEqual(agreement.template_id, self.template)
        self.assertEqual(agreement.version, 1)
        self.assertEqual(agreement.beneficiary_id, self.beneficiary)
        self.assertEqual(agreement.amount, 1500.0)
        self.assertEqual(agreement.payment_schedule, "monthly")
        today = fields.Date.context_today(agreement)
        self.assertEqual(agreement.date_start, today)
        self.assertEqual(agreement.date_end, today + relativedelta(months=6, days=-1))
        self.assertIn("approved amount monthly", agreement.terms)
        self.assertEqual(len(agreement.obligation_ids), 3)
        receipt = agreement.obligation_ids.filtered(lambda o: o.name == "Bring the rent receipt")
        self.assertEqual(receipt.date_due, today + timedelta(days=30))
        # The beneficiary is told over the agreed channel (a letter here).
        notice = self.env["shaqra.notification"].search(
            [("beneficiary_id", "=", self.beneficiary.id), ("subject", "ilike", "agreement")]
        )
        self.assertEqual(notice.channel, "letter")

    def test_art2_rejection_or_service_without_template_makes_no_agreement(self):
        request = self._complete_request()
        meeting = self._meeting(request)
        meeting.decision_ids.with_user(self.member_b).write(
            {"decision": "rejected", "reason": "Income above the limit"}
        )
        self.assertFalse(request.agreement_ids)
        other = self.env["shaqra.service.type"].create(
            {
                "name": "No template",
                "field_id": self.work_field.id,
                "committee_id": self.committee.id,
            }
        )
        request = self._complete_request(service_type_id=other.id)
        self.assertFalse(self._approve(request))

    def test_art2_both_signatures_make_it_active_with_obligation_activities(self):
        agreement = self._approved_agreement()
        agreement.action_sign(self.signature_image, signed_by="Fatimah Al-Otaibi")
        self.assertEqual(agreement.state, "draft")
        self.assertEqual(agreement.signed_by, "Fatimah Al-Otaibi")
        self.assertTrue(agreement.signed_on)
        agreement.with_user(self.user_manager).action_sign_representative(self.signature_image)
        self.assertEqual(agreement.representative_user_id, self.user_manager)
        self.assertTrue(agreement.representative_signed_on)
        self.assertEqual(agreement.state, "active")
        dated = agreement.obligation_ids.filtered("date_due")
        self.assertEqual(len(dated.activity_id), 2)
        self.assertEqual(set(dated.activity_id.mapped("res_id")), {agreement.id})
        dated[0].is_done = True
        self.assertFalse(dated[0].activity_id.exists())

    def test_art2_evidence_is_set_only_by_signing(self):
        agreement = self._approved_agreement()
        manager_agreement = agreement.with_user(self.user_manager)
        for vals in (
            {"signature": self.signature_image},
            {"signed_by": "Someone"},
            {"signed_on": fields.Datetime.now()},
            {"state": "active"},
            {"representative_user_id": self.user_manager.id},
        ):
            with self.assertRaises(AccessError):
                manager_agreement.write(vals)
        with self.assertRaises(UserError):
            agreement.action_sign("aGVsbG8=")  # not an image
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_reception).action_sign_representative(
                self.signature_image
            )
        agreement.action_sign(self.signature_image)
        with self.assertRaises(UserError):
            agreement.action_sign(self.signature_image)
        # What the beneficiary signed can no longer change under the signature.
        with self.assertRaises(UserError):
            manager_agreement.write({"amount": 99999})
        with self.assertRaises(UserError):
            agreement.obligation_ids[:1].with_user(self.user_manager).write({"name": "Nothing"})

    def test_art2_terminate_needs_reason_and_manager(self):
        agreement = self._approved_agreement()
        with self.assertRaises(AccessError):
            agreement.with_user(self.officer_user).action_terminate()
        with self.assertRaises(UserError):
            agreement.with_user(self.user_manager).action_terminate()
        agreement.with_user(self.user_manager).write({"end_reason": "False income declared"})
        agreement.with_user(self.user_manager).action_terminate()
        self.assertEqual(agreement.state, "terminated")
        self.assertTrue(agreement.date_closed)
        self.assertEqual(agreement.end_reason, "False income declared")
        with self.assertRaises(UserError):
            agreement.with_user(self.user_manager).write({"end_reason": "Another story"})

    def test_art2_new_template_version_asks_to_resign_and_keeps_history(self):
        agreement = self._approved_agreement()
        agreement.action_sign(self.signature_image)
        agreement.with_user(self.user_manager).action_sign_representative(self.signature_image)
        self.assertEqual(agreement.state, "active")
        new_template = self.template.copy({"name": "Monthly aid agreement"})
        new_template.write({"terms": "<p>Updated rights: paid on the 1st.</p>"})
        new_template.action_publish()
        self.assertEqual(new_template.version, 2)
        self.assertEqual(self.template.state, "superseded")
        with self.assertRaises(UserError):
            self.template.with_user(self.user_manager).write({"terms": "<p>changed</p>"})
        renewal = self.env["shaqra.beneficiary.agreement"].search(
            [("previous_agreement_id", "=", agreement.id)]
        )
        self.assertEqual(renewal.version, 2)
        self.assertEqual(renewal.state, "draft")
        self.assertIn("Updated rights", renewal.terms)
        # The old version stays in force until the new one is signed.
        self.assertEqual(agreement.state, "active")
        renewal.action_sign(self.signature_image)
        renewal.with_user(self.user_manager).action_sign_representative(self.signature_image)
        self.assertEqual(renewal.state, "active")
        self.assertEqual(agreement.state, "ended")
        self.assertEqual(agreement.next_agreement_id, renewal)
        self.assertIn("version 2", agreement.end_reason)
        self.assertEqual(agreement.version, 1)

    def test_art2_cron_ends_expired_agreements_and_reminds_obligations(self):
        agreement = self._approved_agreement()
        agreement.action_sign(self.signature_image)
        agreement.with_user(self.user_manager).action_sign_representative(self.signature_image)
        Notification = self.env["shaqra.notification"]
        before = Notification.search_count([("beneficiary_id", "=", self.beneficiary.id)])
        with freeze_time(fields.Date.today() + timedelta(days=28)):
            self.env["shaqra.beneficiary.agreement"]._cron_agreements()
        receipt = agreement.obligation_ids.filtered(lambda o: o.name == "Bring the rent receipt")
        self.assertTrue(receipt.reminded_on)
        after = Notification.search_count([("beneficiary_id", "=", self.beneficiary.id)])
        self.assertEqual(after, before + 1)
        with freeze_time(fields.Date.today() + relativedelta(months=7)):
            self.env["shaqra.beneficiary.agreement"]._cron_agreements()
        self.assertEqual(agreement.state, "ended")

    def test_art2_printed_agreement_is_arabic_with_hijri_and_gregorian(self):
        agreement = self._approved_agreement()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "shaqra_beneficiary.shaqra_beneficiary_agreement_report", agreement.ids
            )[0]
            .decode()
        )
        self.assertIn('dir="rtl"', html)
        self.assertIn("اتفاقية", html)
        dates = agreement._shaqra_dates(agreement.date_start)
        self.assertIn(dates["hijri"], html)
        self.assertIn(dates["gregorian"], html)
        self.assertIn("هـ", dates["hijri"])

    def test_art2_sign_wizard_collects_signature_in_person(self):
        agreement = self._approved_agreement()
        wizard = self.env["shaqra.beneficiary.agreement.sign"].create(
            {
                "agreement_id": agreement.id,
                "signer": "beneficiary",
                "signed_by": "Fatimah",
                "signature": self.signature_image,
            }
        )
        wizard.action_confirm()
        self.assertEqual(agreement.signed_by, "Fatimah")


@tagged("post_install", "-at_install")
class TestTermsAccess(ShaqraTermsCommon):
    """Agreements, consents and data requests follow the beneficiary's visibility (E2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement = cls._approve_cls()
        cls.consent = cls.env["shaqra.media.consent"].create(
            {"beneficiary_id": cls.beneficiary.id, "scope": "image", "purpose": "Annual report"}
        )
        cls.rights = cls.env["shaqra.data.rights.request"].create(
            {"beneficiary_id": cls.beneficiary.id, "kind": "restrict"}
        )
        cls.other_reception = new_test_user(
            cls.env, "t_terms_reception2", groups="shaqra_beneficiary.group_reception"
        )

    @classmethod
    def _approve_cls(cls):
        request = cls._complete_request()
        meeting = cls.env["shaqra.committee.meeting"].create(
            {
                "committee_id": cls.committee.id,
                "decision_ids": [Command.create({"request_id": request.id})],
            }
        )
        meeting.with_user(cls.member_a).action_start()
        meeting.decision_ids.with_user(cls.member_b).write(
            {"decision": "approved", "approved_amount": 900.0}
        )
        return request.agreement_ids

    def _visible(self, user):
        return {
            model: bool(self.env[model].with_user(user).search([("id", "=", record.id)]))
            for model, record in (
                ("shaqra.beneficiary.agreement", self.agreement),
                ("shaqra.beneficiary.agreement.obligation", self.agreement.obligation_ids[:1]),
                ("shaqra.media.consent", self.consent),
                ("shaqra.data.rights.request", self.rights),
            )
        }

    def test_e2_manager_and_handling_officer_see_the_terms(self):
        self.assertTrue(all(self._visible(self.user_manager).values()))
        self.assertTrue(all(self._visible(self.officer_user).values()))

    def test_e2_other_staff_and_portal_users_see_nothing(self):
        for user in (self.user_liaison, self.other_reception, self.user_portal):
            self.assertFalse(any(self._visible(user).values()), user.login)
        with self.assertRaises(AccessError):
            self.agreement.with_user(self.user_employee).read(["name"])

    def test_e2_committee_members_read_their_agenda_terms_only(self):
        self.assertTrue(all(self._visible(self.member_a).values()))
        self.assertFalse(any(self._visible(self.outsider).values()))
        with self.assertRaises(AccessError):
            self.agreement.with_user(self.member_a).write({"end_reason": "x"})

    def test_e2_reception_sees_the_terms_of_what_it_received(self):
        beneficiary = (
            self.env["shaqra.beneficiary"]
            .with_user(self.user_reception)
            .create({"name": "Received by reception", "national_id": "1234567897"})
        )
        consent = (
            self.env["shaqra.media.consent"]
            .with_user(self.user_reception)
            .create({"beneficiary_id": beneficiary.id, "scope": "story", "purpose": "Report"})
        )
        self.assertEqual(consent.given_by_id, self.user_reception)
        self.assertEqual(consent.given_channel, "reception")
        self.assertFalse(
            self.env["shaqra.media.consent"]
            .with_user(self.other_reception)
            .search([("id", "=", consent.id)])
        )
        with self.assertRaises(AccessError):
            consent.with_user(self.user_reception).unlink()

    def test_e2_portal_users_have_read_only_access(self):
        for model in (
            "shaqra.beneficiary.agreement",
            "shaqra.media.consent",
            "shaqra.data.rights.request",
        ):
            Model = self.env[model].with_user(self.user_portal)
            self.assertTrue(Model.has_access("read"))
            self.assertFalse(Model.has_access("write"))
            self.assertFalse(Model.has_access("create"))


@tagged("post_install", "-at_install")
class TestMediaConsent(ShaqraTermsCommon):
    """Consents to use a beneficiary's image, story or testimony (E1)."""

    def test_e1_revocation_takes_effect_at_once(self):
        consent = self.env["shaqra.media.consent"].create(
            {
                "beneficiary_id": self.beneficiary.id,
                "scope": "testimony",
                "purpose": "Donor report 2026",
                "use_reports": True,
            }
        )
        Consent = self.env["shaqra.media.consent"]
        self.assertTrue(consent.is_effective)
        self.assertIn(consent, Consent.search([("is_effective", "=", True)]))
        consent.with_user(self.user_manager).action_revoke()
        self.assertEqual(consent.state, "revoked")
        self.assertEqual(consent.revoked_by_id, self.user_manager)
        self.assertTrue(consent.revoked_on)
        self.assertFalse(consent.is_effective)
        self.assertNotIn(consent, Consent.search([("is_effective", "=", True)]))
        self.assertIn(consent, Consent.search([("is_effective", "=", False)]))
        with self.assertRaises(UserError):
            consent.action_revoke()

    def test_e1_consent_evidence_and_purpose_cannot_be_typed(self):
        Consent = self.env["shaqra.media.consent"].with_user(self.user_manager)
        with self.assertRaises(AccessError):
            Consent.create(
                {
                    "beneficiary_id": self.beneficiary.id,
                    "scope": "image",
                    "purpose": "x",
                    "given_on": "2020-01-01 00:00:00",
                }
            )
        consent = Consent.create(
            {"beneficiary_id": self.beneficiary.id, "scope": "image", "purpose": "Website"}
        )
        with self.assertRaises(AccessError):
            consent.write({"state": "revoked"})
        with self.assertRaises(UserError):
            consent.write({"purpose": "Anything we like"})
        with self.assertRaises(UserError):
            consent.write({"use_social_media": True})

    def test_e1_period_limits_the_consent(self):
        consent = self.env["shaqra.media.consent"].create(
            {
                "beneficiary_id": self.beneficiary.id,
                "scope": "image",
                "purpose": "Campaign",
                "date_from": fields.Date.today() - timedelta(days=30),
                "date_to": fields.Date.today() - timedelta(days=1),
            }
        )
        self.assertFalse(consent.is_effective)


@tagged("post_install", "-at_install")
class TestCodeOfEthics(ShaqraTermsCommon):
    """The code of ethics is a governing document every employee signs (E4, ART4)."""

    def test_e4_code_of_ethics_is_seeded_for_employees_and_volunteers(self):
        code = self.env.ref("shaqra_beneficiary.shaqra_policy_code_of_ethics")
        self.assertEqual((code.kind, code.code), ("ethics", "E4"))
        self.assertTrue(code.audience_employee and code.audience_partner)
        self.assertIn("ميثاق أخلاقيات المهنة", code.body)
        self.assertIn("البلاغ الأخلاقي", code.body)

    def test_e4_hr_distributes_and_each_employee_signs(self):
        code = self.env.ref("shaqra_beneficiary.shaqra_policy_code_of_ethics")
        if code.state != "published":
            code.action_publish()
        employee = self.env["hr.employee"].create(
            {"name": "Officer Huda's colleague", "user_id": self.user_employee.id}
        )
        ack = code._distribute(employees=employee, send_mail=False)
        self.assertEqual(ack.state, "pending")
        with self.assertRaises(AccessError):
            ack.with_user(self.user_manager).action_acknowledge(
                signature=self.signature_image, signed_by="Someone else"
            )
        ack = ack.with_user(self.user_employee)
        ack.write({"declaration_accepted": True})
        ack.action_acknowledge(signature=self.signature_image, signed_by="The employee")
        self.assertEqual(ack.state, "acknowledged")
        self.assertEqual(self.env["shaqra.ethics.concern.mixin"]._shaqra_ethics_policy(), code)

    def test_e4_ethics_concerns_hidden_from_all_but_management_and_from_the_employee(self):
        """The extension point the complaints add-on inherits (kind 'ethics')."""
        Mixin = self.env["shaqra.ethics.concern.mixin"]
        self.assertEqual(Mixin._shaqra_ethics_selection()[0], "ethics")
        self.assertEqual(
            Mixin.with_user(self.officer_user)._shaqra_ethics_hidden_domain(),
            [("kind", "=", "ethics")],
        )
        self.assertEqual(
            Mixin.with_user(self.user_manager)._shaqra_ethics_hidden_domain(),
            [("kind", "=", "ethics"), ("concerned_user_id", "=", self.user_manager.id)],
        )
        self.assertEqual(Mixin.sudo()._shaqra_ethics_hidden_domain(), [(0, "=", 1)])
