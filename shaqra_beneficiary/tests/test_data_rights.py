import base64
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ShaqraTermsCommon


@tagged("post_install", "-at_install")
class TestDataRights(ShaqraTermsCommon):
    """The beneficiary's own data: export, restriction, deletion, retention (E2, PDPL)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary.write(
            {
                "email": "fatimah@example.com",
                "phone": "+966 11 622 1111",
                "whatsapp_number": "+966559876001",
                "health_note": "Diabetic",
                "member_ids": [
                    Command.create(
                        {
                            "name": "Sara Al-Otaibi",
                            "relation": "daughter",
                            "national_id": "1010101010",
                        }
                    )
                ],
                "income_ids": [
                    Command.create({"source": "pension", "amount": 2500, "note": "Private"})
                ],
            }
        )
        doc_type = cls.env["shaqra.document.type"].create({"name": "National ID copy"})
        cls.document = cls.env["shaqra.beneficiary.document"].create(
            {
                "beneficiary_id": cls.beneficiary.id,
                "document_type_id": doc_type.id,
                "name": "ID-1000000008",
                "attachment_ids": [
                    Command.create(
                        {
                            "name": "id-copy.pdf",
                            "datas": base64.b64encode(b"%PDF-1.4 Fatimah"),
                        }
                    )
                ],
            }
        )
        cls.other = cls.env["shaqra.beneficiary"].create(
            {"name": "Someone Else", "national_id": "2345678904", "mobile": "0551112223"}
        )

    def _closed_request(self, beneficiary=None):
        request = self._complete_request(beneficiary=beneficiary)
        self._approve(request)
        request.agreement_ids.write({"end_reason": "Service delivered"})
        request.agreement_ids.with_user(self.user_manager).action_terminate()
        request.write(
            {"stage_id": self.env.ref("shaqra_beneficiary.shaqra_request_stage_closed").id}
        )
        return request

    def test_e2_export_holds_everything_about_the_beneficiary_only(self):
        self._approved_agreement()
        self._approved_agreement(beneficiary=self.other)
        self.env["shaqra.media.consent"].create(
            {"beneficiary_id": self.beneficiary.id, "scope": "story", "purpose": "Annual report"}
        )
        data = self.beneficiary._shaqra_data_export()
        self.assertEqual(data["beneficiary"]["name"], "Fatimah Al-Otaibi")
        self.assertEqual(data["beneficiary"]["national_id"], "1000000008")
        self.assertEqual(data["household"][0]["name"], "Sara Al-Otaibi")
        self.assertEqual(data["documents"][0]["files"], ["id-copy.pdf"])
        # E1: the file shows what each document was given for.
        self.assertEqual(
            data["documents"][0]["purpose"], "Study and delivery of the beneficiary's services"
        )
        self.assertEqual(len(data["requests"]), 1)
        self.assertEqual(len(data["agreements"]), 1)
        self.assertEqual(data["media_consents"][0]["purpose"], "Annual report")
        self.assertTrue(data["notices"])
        self.assertNotIn("Someone Else", str(data))
        self.assertNotIn("2345678904", str(data))

    def test_e2_restriction_request_reviewed_by_management_answered_on_channel(self):
        rights = self.env["shaqra.data.rights.request"].create(
            {"beneficiary_id": self.beneficiary.id, "kind": "restrict", "reason": "Privacy"}
        )
        with self.assertRaises(AccessError):
            rights.with_user(self.officer_user).action_accept()
        with self.assertRaises(UserError):
            rights.with_user(self.user_manager).action_accept()  # no answer yet
        with self.assertRaises(AccessError):
            rights.with_user(self.user_manager).write({"state": "accepted"})
        rights.with_user(self.user_manager).write({"answer": "Your file is restricted."})
        rights.with_user(self.user_manager).action_accept()
        self.assertEqual(rights.state, "accepted")
        self.assertEqual(rights.reviewed_by_id, self.user_manager)
        self.assertEqual(rights.notification_id.channel, "letter")
        self.assertIn("restricted", rights.notification_id.body)
        self.assertTrue(self.beneficiary.processing_restricted)

    def test_e2_deletion_refused_while_records_must_be_kept(self):
        self._approved_agreement()
        rights = self.env["shaqra.data.rights.request"].create(
            {"beneficiary_id": self.beneficiary.id, "kind": "delete"}
        )
        rights.answer = "Kept while your agreement is in force."
        with self.assertRaisesRegex(UserError, "Agreements in force"):
            rights.with_user(self.user_manager).action_accept()
        rights.with_user(self.user_manager).action_partial()
        self.assertEqual(rights.state, "partial")
        self.assertFalse(self.beneficiary.anonymised_on)

    def _assert_anonymised(self, beneficiary, texts):
        beneficiary = beneficiary.with_context(active_test=False)
        self.assertTrue(beneficiary.anonymised_on)
        self.assertFalse(beneficiary.active)
        self.assertFalse(beneficiary.document_ids)
        self.assertFalse(beneficiary.mobile or beneficiary.phone or beneficiary.email)
        self.assertFalse(beneficiary.whatsapp_number or beneficiary.health_note)
        self.assertNotIn("1000000008", beneficiary.national_id)
        requests = beneficiary.request_ids
        attachments = self.env["ir.attachment"]
        for model, ids in (
            ("shaqra.beneficiary", beneficiary.ids),
            ("shaqra.request", requests.ids),
            ("shaqra.beneficiary.agreement", beneficiary.agreement_ids.ids),
        ):
            attachments |= self.env["ir.attachment"].search(
                [
                    ("res_model", "=", model),
                    ("res_id", "in", ids),
                    "|",
                    ("res_field", "=", False),
                    ("res_field", "!=", False),
                ]
            )
        self.assertFalse(attachments, "no document or signature is left")
        self.assertFalse(any(requests.mapped("signature")))
        notices = self.env["shaqra.notification"].search([("beneficiary_id", "=", beneficiary.id)])
        messages = self.env["mail.message"].search(
            [
                "|",
                "&",
                ("model", "=", "shaqra.request"),
                ("res_id", "in", requests.ids),
                "&",
                ("model", "=", "shaqra.notification"),
                ("res_id", "in", notices.ids),
            ]
        )
        self.assertFalse(messages)
        dump = str(beneficiary._shaqra_data_export()) + "".join(
            (notice.subject or "") + (notice.body or "") for notice in notices
        )
        for text in texts:
            self.assertNotIn(text, dump)
            self.assertFalse(
                self.env["res.partner"]
                .with_context(active_test=False)
                .search([("name", "ilike", text)]),
                text,
            )

    def test_e2_accepted_deletion_anonymises_and_keeps_counts(self):
        request = self._closed_request()
        counts = (
            len(self.beneficiary.request_ids),
            self.env["shaqra.notification"].search_count(
                [("beneficiary_id", "=", self.beneficiary.id)]
            ),
            len(self.beneficiary.member_ids),
            self.beneficiary.monthly_income,
            request.approved_amount,
        )
        rights = self.env["shaqra.data.rights.request"].create(
            {"beneficiary_id": self.beneficiary.id, "kind": "delete", "answer": "Deleted."}
        )
        rights.with_user(self.user_manager).action_accept()
        self.assertEqual(rights.state, "accepted")
        self._assert_anonymised(self.beneficiary, ["Fatimah", "Al-Otaibi", "Sara Al-Otaibi"])
        self.assertEqual(
            counts,
            (
                len(self.beneficiary.request_ids),
                self.env["shaqra.notification"].search_count(
                    [("beneficiary_id", "=", self.beneficiary.id)]
                )
                - 1,  # the answer itself, sent before the deletion
                len(self.beneficiary.member_ids),
                self.beneficiary.monthly_income,
                request.approved_amount,
            ),
        )
        self.assertEqual(self.beneficiary.category_id, self.category)

    def test_e2_retention_cron_archives_then_anonymises_inactive_files(self):
        self._closed_request()
        self.env["ir.config_parameter"].set_param("shaqra_beneficiary.retention_years", "5")
        self.env["ir.config_parameter"].set_param("shaqra_beneficiary.retention_grace_days", "30")
        request_count = len(self.beneficiary.request_ids)
        Beneficiary = self.env["shaqra.beneficiary"]
        # Not inactive long enough: nothing happens.
        Beneficiary._cron_retention()
        self.assertTrue(self.beneficiary.active)
        later = fields.Datetime.now() + timedelta(days=5 * 366 + 1)
        with freeze_time(later):
            Beneficiary._cron_retention()
        self.assertFalse(self.beneficiary.active)
        self.assertTrue(self.beneficiary.retention_archived_on)
        self.assertFalse(self.beneficiary.anonymised_on)
        with freeze_time(later + timedelta(days=31)):
            Beneficiary._cron_retention()
        self._assert_anonymised(self.beneficiary, ["Fatimah", "Al-Otaibi"])
        self.assertEqual(
            len(self.beneficiary.with_context(active_test=False).request_ids), request_count
        )

    def test_e2_retention_skips_files_with_open_requests_and_works_in_batches(self):
        self._complete_request()  # still open
        second = self.env["shaqra.beneficiary"].create(
            {"name": "Batch One", "national_id": "2222222222"}
        )
        third = self.env["shaqra.beneficiary"].create(
            {"name": "Batch Two", "national_id": "2260181595"}
        )
        self.env["ir.config_parameter"].set_param("shaqra_beneficiary.retention_years", "1")
        self.env["ir.config_parameter"].set_param("shaqra_beneficiary.retention_grace_days", "0")
        with freeze_time(fields.Datetime.now() + timedelta(days=800)):
            done = self.env["shaqra.beneficiary"]._cron_retention(batch_size=1)
            self.assertEqual(done, 1)  # one file, archived and anonymised at once
            self.env["shaqra.beneficiary"]._cron_retention(batch_size=10)
        self.assertTrue(self.beneficiary.active)
        self.assertFalse(self.beneficiary.anonymised_on)
        self.assertTrue(second.anonymised_on and third.anonymised_on)
        self.assertTrue(self.other.anonymised_on)
