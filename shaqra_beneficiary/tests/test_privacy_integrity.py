from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_privacy import PrivacyCommon

CASE_MODELS = (
    "shaqra.beneficiary.income",
    "shaqra.beneficiary.member",
    "shaqra.beneficiary.document",
)


class CaseDataCommon(PrivacyCommon):
    """The case data of beneficiaries A (reception's, category A) and B (manager's, B)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.id_card_type = env["shaqra.document.type"].create(
            {"name": "National ID card", "is_confidential": True}
        )
        cls.case = {}
        for key, beneficiary in (("a", cls.beneficiary_a), ("b", cls.beneficiary_b)):
            card = env["ir.attachment"].create(
                {"name": f"id-card-{key}.pdf", "raw": f"%PDF-1.4 card of {key}".encode()}
            )
            cls.case[key] = {
                "shaqra.beneficiary.income": env["shaqra.beneficiary.income"].create(
                    {"beneficiary_id": beneficiary.id, "source": "salary", "amount": 1000}
                ),
                "shaqra.beneficiary.member": env["shaqra.beneficiary.member"].create(
                    {"beneficiary_id": beneficiary.id, "name": f"Son of {key}"}
                ),
                "shaqra.beneficiary.document": env["shaqra.beneficiary.document"].create(
                    {
                        "beneficiary_id": beneficiary.id,
                        "document_type_id": cls.id_card_type.id,
                        "attachment_ids": [Command.link(card.id)],
                    }
                ),
                "card": card,
            }


@tagged("post_install", "-at_install", "access_rights")
class TestCaseDataRules(CaseDataCommon):
    """Policy E2: income, household members and documents follow their beneficiary."""

    def test_e2_case_data_is_read_by_who_reads_the_beneficiary(self):
        expected = {
            self.user_reception: "a",
            self.user_liaison: "a",
            self.user_backup: "a",
            self.user_liaison_b: "b",
            self.user_committee: "a",
            self.user_committee_b: "b",
            self.user_manager: "ab",
        }
        for user, keys in expected.items():
            for model in CASE_MODELS:
                with self.subTest(user=user.login, model=model):
                    both = self.case["a"][model] | self.case["b"][model]
                    visible = self.env[model].with_user(user).search([("id", "in", both.ids)])
                    self.assertEqual(set(visible.ids), {self.case[key][model].id for key in keys})
                    for key in {"a", "b"} - set(keys):
                        with self.assertRaises(AccessError):
                            self.case[key][model].with_user(user).read(["note"])
            # The files behind the documents follow them.
            for key in ("a", "b"):
                card = self.case[key]["card"].with_user(user)
                if key in keys:
                    self.assertEqual(card.read(["name"])[0]["name"], f"id-card-{key}.pdf")
                else:
                    with self.assertRaises(AccessError):
                        card.read(["name"])
        for user in (self.user_employee, self.user_portal):
            for model in CASE_MODELS:
                with self.subTest(user=user.login, model=model), self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])

    def test_e2_committee_member_cannot_write_case_data_of_the_agenda(self):
        """Read-only on the beneficiaries of the agenda, so on their case data too."""
        beneficiary = self.beneficiary_a
        for model in CASE_MODELS:
            record = self.case["a"][model].with_user(self.user_committee)
            with self.subTest(model=model):
                self.assertFalse(record.read(["note"])[0]["note"])
                with self.assertRaises(AccessError):
                    record.write({"note": "changed by the committee"})
                with self.assertRaises(AccessError):
                    record.unlink()
        Income = self.env["shaqra.beneficiary.income"].with_user(self.user_committee)
        with self.assertRaises(AccessError):
            Income.create({"beneficiary_id": beneficiary.id, "source": "other", "amount": 9000})
        Member = self.env["shaqra.beneficiary.member"].with_user(self.user_committee)
        with self.assertRaises(AccessError):
            Member.create({"beneficiary_id": beneficiary.id, "name": "Invented son"})
        self.assertEqual(beneficiary.income_ids, self.case["a"]["shaqra.beneficiary.income"])
        self.assertEqual(beneficiary.member_ids, self.case["a"]["shaqra.beneficiary.member"])
        self.assertEqual(beneficiary.monthly_income, 1000)
        for model in CASE_MODELS:
            self.assertFalse(self.case["a"][model].note)

    def test_e2_officers_of_another_file_cannot_touch_its_case_data(self):
        for user in (self.user_liaison_b, self.user_committee_b):
            with self.subTest(user=user.login):
                for model in CASE_MODELS:
                    with self.assertRaises(AccessError):
                        self.case["a"][model].with_user(user).write({"note": "changed"})
                with self.assertRaises(AccessError):
                    self.case["a"]["shaqra.beneficiary.income"].with_user(user).unlink()
                with self.assertRaises(AccessError):
                    self.env["shaqra.beneficiary.income"].with_user(user).create(
                        {"beneficiary_id": self.beneficiary_a.id, "amount": 50}
                    )
                with self.assertRaises(AccessError):
                    self.env["shaqra.beneficiary.document"].with_user(user).create(
                        {
                            "beneficiary_id": self.beneficiary_a.id,
                            "document_type_id": self.id_card_type.id,
                        }
                    )
        self.assertEqual(len(self.beneficiary_a.income_ids), 1)
        self.assertEqual(len(self.beneficiary_a.document_ids), 1)
        for model in CASE_MODELS:
            self.assertTrue(self.case["a"][model].exists())
            self.assertFalse(self.case["a"][model].note)

    def test_e2_who_writes_the_beneficiary_edits_its_case_data(self):
        for user in (self.user_reception, self.user_liaison):
            with self.subTest(user=user.login):
                Income = self.env["shaqra.beneficiary.income"].with_user(user)
                income = Income.create(
                    {"beneficiary_id": self.beneficiary_a.id, "source": "pension", "amount": 500}
                )
                income.write({"amount": 600})
                self.case["a"]["shaqra.beneficiary.document"].with_user(user).write(
                    {"note": f"checked by {user.login}"}
                )
                self.case["a"]["shaqra.beneficiary.member"].with_user(user).write(
                    {"note": "student"}
                )
                self.assertEqual(self.beneficiary_a.monthly_income, 1600)
                income.unlink()
                self.assertEqual(self.beneficiary_a.monthly_income, 1000)
        self.case["b"]["shaqra.beneficiary.income"].with_user(self.user_manager).write(
            {"amount": 1200}
        )
        self.assertEqual(self.beneficiary_b.monthly_income, 1200)


@tagged("post_install", "-at_install", "access_rights")
class TestDocumentLinks(CaseDataCommon):
    """Policy E2: a requirement line (or document) holds its own files only."""

    def _foreign_files(self):
        admin_file = self.env["ir.attachment"].create({"name": "payroll.xlsx", "raw": b"payroll"})
        return {
            "another beneficiary's ID card": self.case["b"]["card"],
            "another request's document": self.document_b,
            "a document of another line of the same beneficiary": self.document_a,
            "an administrator's pending upload": admin_file,
        }

    def test_e2_reception_cannot_link_a_foreign_file_to_its_request(self):
        line = self.request_a_new.requirement_line_ids.with_user(self.user_reception)
        Line = self.env["shaqra.request.requirement"].with_user(self.user_reception)
        for label, attachment in self._foreign_files().items():
            with self.subTest(file=label):
                before = (attachment.res_model, attachment.res_id)
                with self.assertRaises(AccessError):
                    line.write({"attachment_ids": [Command.link(attachment.id)]})
                with self.assertRaises(AccessError):
                    line.write({"attachment_ids": [Command.set([attachment.id])]})
                with self.assertRaises(AccessError):
                    Line.create(
                        {
                            "request_id": self.request_a_new.id,
                            "requirement_id": line.requirement_id.id,
                            "attachment_ids": [Command.link(attachment.id)],
                        }
                    )
                self.assertFalse(self.request_a_new.requirement_line_ids.attachment_ids)
                self.assertEqual(len(self.request_a_new.requirement_line_ids), 1)
                self.assertEqual((attachment.res_model, attachment.res_id), before)
        # Nor to a beneficiary document of its own beneficiary.
        document = self.case["a"]["shaqra.beneficiary.document"].with_user(self.user_reception)
        with self.assertRaises(AccessError):
            document.write({"attachment_ids": [Command.link(self.case["b"]["card"].id)]})
        self.assertEqual(document.attachment_ids, self.case["a"]["card"])

    def test_e2_own_uploads_and_request_files_can_be_linked(self):
        line = self.request_a_new.requirement_line_ids.with_user(self.user_reception)
        Attachment = self.env["ir.attachment"].with_user(self.user_reception)
        upload = Attachment.create({"name": "scan.pdf", "raw": b"%PDF-1.4 scan", "res_id": 0})
        request_file = self.env["ir.attachment"].create(
            {
                "name": "from-chatter.pdf",
                "raw": b"%PDF-1.4 chatter",
                "res_model": "shaqra.request",
                "res_id": self.request_a_new.id,
            }
        )
        line.write({"attachment_ids": [Command.link(upload.id), Command.link(request_file.id)]})
        self.assertEqual(line.attachment_ids, upload | request_file)
        self.assertEqual((upload.res_model, upload.res_id), (line._name, line.id))
        self.assertEqual(
            (request_file.res_model, request_file.res_id), ("shaqra.request", line.request_id.id)
        )
        # A document of the beneficiary takes the reception's own upload.
        scan = Attachment.create({"name": "card-2.pdf", "raw": b"%PDF-1.4 card", "res_id": 0})
        document = self.case["a"]["shaqra.beneficiary.document"].with_user(self.user_reception)
        document.write({"attachment_ids": [Command.link(scan.id)]})
        self.assertEqual((scan.res_model, scan.res_id), (document._name, document.id))

    def test_e2_staff_cannot_set_the_portal_token(self):
        for user in (self.user_reception, self.user_liaison, self.user_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.request_a_new.with_user(user).write({"access_token": "chosen-token"})
        self.assertFalse(self.request_a_new.access_token)
        with self.assertRaises(AccessError):
            self.env["shaqra.request"].with_user(self.user_reception).create(
                {
                    "beneficiary_id": self.beneficiary_a.id,
                    "service_type_id": self.service_a.id,
                    "access_token": "chosen-token",
                }
            )
        self.assertFalse(
            self.env["shaqra.request"].search([("access_token", "=", "chosen-token")])
        )
        # Sharing the request makes a random token, as the portal does.
        token = self.request_a_new.with_user(self.user_reception)._portal_ensure_token()
        self.assertEqual(len(token), 36)
        self.assertEqual(self.request_a_new.access_token, token)

    def test_e2_staff_cannot_make_a_public_link_to_a_confidential_file(self):
        for user in (self.user_reception, self.user_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.document_a.with_user(user).generate_access_token()
        self.assertFalse(self.document_a.access_token)
        with self.assertRaises(AccessError):
            self.env["ir.attachment"].with_user(self.user_reception).create(
                {
                    "name": "shared.pdf",
                    "raw": b"%PDF-1.4 shared",
                    "res_model": "shaqra.request",
                    "res_id": self.request_a_new.id,
                    "access_token": "chosen-token",
                }
            )
        self.assertFalse(self.env["ir.attachment"].search([("access_token", "=", "chosen-token")]))
        # Other files keep Odoo's sharing, and server code may still make one.
        memo = self.env["ir.attachment"].create(
            {"name": "memo.txt", "raw": b"memo", "res_model": "res.partner", "res_id": 1}
        )
        self.assertTrue(memo.with_user(self.user_manager).generate_access_token())
        self.assertTrue(self.document_a.sudo().generate_access_token())

    def test_e2_portal_link_serves_only_the_request_own_files(self):
        own = self.env["ir.attachment"].create(
            {
                "name": "own.pdf",
                "raw": b"%PDF-1.4 own",
                "res_model": "shaqra.request",
                "res_id": self.request_a_new.id,
            }
        )
        line = self.request_a_new.requirement_line_ids
        # Server code (as superuser, like data files) may link a file of another
        # record; the portal link still does not serve it.
        line.write({"attachment_ids": [Command.link(own.id), Command.link(self.document_b.id)]})
        self.assertEqual(self.request_a_new._shaqra_portal_document(own.id), own)
        self.assertFalse(self.request_a_new._shaqra_portal_document(self.document_b.id))
        self.assertFalse(self.request_a._shaqra_portal_document(own.id))


@tagged("post_install", "-at_install", "access_rights")
class TestDuplicateMessages(CaseDataCommon):
    """Policy C3, E2: a duplicate is refused without telling whose file it is."""

    def test_e2_duplicate_mobile_names_only_a_readable_file(self):
        self.beneficiary_b.mobile = "0551234567"
        Beneficiary = self.env["shaqra.beneficiary"].with_user(self.user_reception)
        with self.assertRaises(ValidationError) as caught:
            Beneficiary.create(
                {"name": "New person", "national_id": "1000000024", "mobile": "+966551234567"}
            )
        message = str(caught.exception)
        self.assertIn("another beneficiary file", message)
        self.assertNotIn("Beneficiary B", message)
        self.assertNotIn("1000000016", message)
        # The check runs when the stored mobile is recomputed, at the end of
        # the call, as the user who made it.
        beneficiary = self.beneficiary_a.with_user(self.user_reception)
        with self.assertRaises(ValidationError) as caught:
            beneficiary.write({"mobile": "0551234567"})
            beneficiary.env.flush_all()
        self.assertNotIn("Beneficiary B", str(caught.exception))
        self.assertFalse(self.beneficiary_a.mobile)
        self.assertFalse(
            self.env["shaqra.beneficiary"].search([("national_id", "=", "1000000024")])
        )
        # Who may read the other file is told whose it is.
        beneficiary = self.beneficiary_a.with_user(self.user_manager)
        with self.assertRaises(ValidationError) as caught:
            beneficiary.write({"mobile": "0551234567"})
            beneficiary.env.flush_all()
        self.assertIn("Beneficiary B", str(caught.exception))

    def test_e2_duplicate_national_id_names_only_a_readable_file(self):
        Beneficiary = self.env["shaqra.beneficiary"].with_user(self.user_liaison)
        with self.assertRaises(ValidationError) as caught:
            Beneficiary.create({"name": "Same person", "national_id": "1000000016"})
        message = str(caught.exception)
        self.assertIn("1000000016", message)
        self.assertIn("another beneficiary file", message)
        self.assertNotIn("Beneficiary B", message)
        with self.assertRaises(ValidationError) as caught:
            self.beneficiary_a.with_user(self.user_reception).write({"national_id": "1000000016"})
        self.assertNotIn("Beneficiary B", str(caught.exception))
        self.assertEqual(self.beneficiary_a.national_id, "1000000008")
        self.assertEqual(
            self.env["shaqra.beneficiary"].search_count([("national_id", "=", "1000000016")]), 1
        )
        with self.assertRaises(ValidationError) as caught:
            self.env["shaqra.beneficiary"].with_user(self.user_liaison_b).create(
                {"name": "Same person", "national_id": "1000000016"}
            )
        self.assertIn("Beneficiary B", str(caught.exception))


@tagged("post_install", "-at_install", "access_rights")
class TestDocumentReadsLogged(CaseDataCommon):
    """Policy E2: every API path that returns a confidential file's bytes is logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_liaison.groups_id += cls.env.ref("base.group_allow_export")

    def _logs(self, attachment):
        return self.Log.search([("attachment_id", "=", attachment.id)])

    def test_e2_every_read_of_attachment_bytes_is_logged(self):
        Attachment = self.env["ir.attachment"].with_user(self.user_liaison)
        document = self.document_a
        domain = [("id", "=", document.id)]
        reads = {
            "search_read datas": lambda: Attachment.search_read(domain, ["datas"]),
            "search_read raw": lambda: Attachment.search_read(domain, ["raw"]),
            "read db_datas": lambda: Attachment.browse(document.id).read(["db_datas"]),
            "read datas": lambda: Attachment.browse(document.id).read(["datas"]),
            "web_read": lambda: Attachment.browse(document.id).web_read({"datas": {}}),
            "web_search_read": lambda: Attachment.web_search_read(domain, {"raw": {}}),
            "export_data": lambda: Attachment.browse(document.id).export_data(["name", "datas"]),
        }
        for count, (label, read) in enumerate(reads.items(), start=1):
            with self.subTest(path=label):
                self.assertTrue(read())
                logs = self._logs(document)
                self.assertEqual(len(logs), count)
                self.assertEqual(logs.user_id, self.user_liaison)
        self.assertEqual(
            self._logs(document).sorted("id").mapped("access_type"),
            ["read"] * 6 + ["download"],
        )
        # The size shown by the web client is not the file: not logged.
        Attachment.with_context(bin_size=True).search_read(domain, ["datas"])
        Attachment.browse(document.id).read(["name", "mimetype", "file_size"])
        self.assertEqual(len(self._logs(document)), len(reads))

    def test_e2_files_reached_through_a_relation_are_logged(self):
        card = self.case["a"]["card"]
        document = self.case["a"]["shaqra.beneficiary.document"].with_user(self.user_liaison)
        values = document.web_read({"attachment_ids": {"fields": {"datas": {}}}})
        self.assertTrue(values[0]["attachment_ids"][0]["datas"])
        self.assertEqual(len(self._logs(card)), 1)
        rows = document.export_data(["attachment_ids/datas"])["datas"]
        self.assertTrue(rows[0][0])
        logs = self._logs(card)
        self.assertEqual(logs.sorted("id").mapped("access_type"), ["read", "download"])
        self.assertEqual(set(logs.mapped("res_model")), {"shaqra.beneficiary.document"})
        self.assertEqual(logs.user_id, self.user_liaison)

    def test_e2_binary_fields_of_confidential_models_are_logged(self):
        """A file held in a binary field of a confidential model is logged when read.

        The request's signature is a picture (an Image, not logged); it stands
        here for a Binary file field of one of those models.
        """
        IrAttachment = type(self.env["ir.attachment"])
        original = IrAttachment._shaqra_is_confidential

        def is_confidential(model, res_model, res_field=False):
            if (res_model, res_field) == ("shaqra.request", "signature"):
                return True
            return original(model, res_model, res_field)

        request = self.request_a.with_user(self.user_liaison)
        Log = self.Log.with_context(active_test=False)
        domain = [("res_model", "=", "shaqra.request"), ("res_field", "=", "signature")]
        request.read(["signature"])
        self.assertFalse(Log.search(domain))
        with patch.object(IrAttachment, "_shaqra_is_confidential", is_confidential):
            request.with_context(bin_size=True).read(["signature"])
            self.assertFalse(Log.search(domain))
            request.read(["name", "signature"])
            request.export_data(["signature"])
        logs = Log.search(domain).sorted("id")
        self.assertEqual(logs.mapped("access_type"), ["read", "download"])
        self.assertEqual(logs.mapped("res_id"), [self.request_a.id] * 2)
        self.assertEqual(logs.user_id, self.user_liaison)

    def test_e2_refused_read_is_not_logged(self):
        with self.assertRaises(AccessError):
            self.document_b.with_user(self.user_liaison).read(["datas"])
        self.assertFalse(
            self.env["ir.attachment"]
            .with_user(self.user_liaison)
            .search_read([("id", "=", self.document_b.id)], ["datas"])
        )
        self.assertFalse(self._logs(self.document_b))


@tagged("post_install", "-at_install", "access_rights")
class TestChatterEvidence(PrivacyCommon):
    """Policy C3-C5, E2: the chatter of a request is part of its record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # End the setup's transaction work: its records were created untracked.
        cls.env.flush_all()
        cls.env.cr.precommit.run()
        cls.beneficiary_a.partner_id.email = "beneficiary.a@example.com"
        request = cls.request_a_new.with_user(cls.user_reception).with_context(
            tracking_disable=False
        )
        request.write({"channel": "email"})
        request.env.flush_all()
        request.env.cr.precommit.run()
        cls.tracking = cls.request_a_new.message_ids.filtered("tracking_value_ids")
        cls.system = cls.request_a_new.message_post(body="Request received.")
        cls.sent = request.message_post(
            body="Your file is complete.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        cls.own_note = request.message_post(
            body="Called the beneficiary.", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        cls.other_note = cls.request_a_new.with_user(cls.user_liaison).message_post(
            body="Officer's note.", message_type="comment", subtype_xmlid="mail.mt_note"
        )

    def test_c3_tracking_and_system_messages_cannot_be_edited_or_deleted(self):
        self.assertEqual(len(self.tracking), 1)
        for user in (self.user_reception, self.user_liaison, self.user_manager):
            for label in ("tracking", "system", "sent", "other_note"):
                message = getattr(self, label).with_user(user)
                if label == "other_note" and user == self.user_liaison:
                    continue
                with self.subTest(user=user.login, message=label):
                    body = message.sudo().body
                    with self.assertRaises(AccessError):
                        message.write({"body": "<p>rewritten</p>"})
                    with self.assertRaises(AccessError):
                        message.unlink()
                    self.assertTrue(message.exists())
                    self.assertEqual(message.sudo().body, body)
        self.assertEqual(self.tracking.tracking_value_ids.field_id.name, "channel")

    def test_c3_the_chatter_edit_button_obeys_the_same_rule(self):
        request = self.request_a_new.with_user(self.user_reception)
        with self.assertRaises(UserError):
            request._message_update_content(self.tracking.sudo(), body="")
        for message in (self.sent, self.other_note):
            with self.assertRaises(AccessError):
                request._message_update_content(message.sudo(), body="")
            self.assertTrue(message.body)
        request._message_update_content(self.own_note.sudo(), body="Called twice.")
        self.assertIn("Called twice.", self.own_note.body)

    def test_c3_own_internal_note_editable_never_deleted(self):
        note = self.own_note.with_user(self.user_reception)
        note.write({"body": "<p>Called the beneficiary at noon.</p>"})
        self.assertIn("at noon", self.own_note.body)
        for vals in (
            {"author_id": self.user_manager.partner_id.id},
            {"date": "2020-01-01 10:00:00"},
            {"subtype_id": self.env.ref("mail.mt_comment").id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                note.write(vals)
        with self.assertRaises(AccessError):
            note.unlink()
        self.assertEqual(self.own_note.author_id, self.user_reception.partner_id)
        self.assertEqual(self.own_note.subtype_id, self.env.ref("mail.mt_note"))
        # Starring stays personal and possible.
        self.sent.with_user(self.user_reception).toggle_message_starred()
        self.assertIn(self.user_reception.partner_id, self.sent.starred_partner_ids)

    def test_c3_files_of_posted_messages_go_with_them(self):
        def request_file(name):
            return self.env["ir.attachment"].create(
                {
                    "name": name,
                    "raw": b"%PDF-1.4 " + name.encode(),
                    "res_model": "shaqra.request",
                    "res_id": self.request_a_new.id,
                }
            )

        request = self.request_a_new.with_user(self.user_reception)
        letter, scan = request_file("letter.pdf"), request_file("scan.pdf")
        sent = request.message_post(
            body="Decision letter.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=letter.ids,
        )
        note = request.message_post(body="Scan.", message_type="comment", attachment_ids=scan.ids)
        for user in (self.user_reception, self.user_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                letter.with_user(user).unlink()
        self.assertEqual(sent.attachment_ids, letter)
        # The author of an internal note may remove its file.
        scan.with_user(self.user_reception).unlink()
        self.assertFalse(note.attachment_ids)

    def test_c3_nobody_posts_in_someone_else_name(self):
        request = self.request_a_new.with_user(self.user_reception)
        before = self.request_a_new.message_ids
        for kwargs in (
            {"author_id": self.user_manager.partner_id.id},
            {"author_id": self.beneficiary_a.partner_id.id},
            {"email_from": "Director <director@shaqra.example>"},
        ):
            with self.subTest(kwargs=kwargs), self.assertRaises(AccessError):
                request.message_post(body="Approved.", message_type="comment", **kwargs)
        with self.assertRaises(AccessError):
            self.env["mail.message"].with_user(self.user_reception).create(
                {
                    "model": "shaqra.request",
                    "res_id": self.request_a_new.id,
                    "body": "Approved by the director.",
                    "author_id": self.user_manager.partner_id.id,
                    "message_type": "comment",
                }
            )
        self.assertEqual(self.request_a_new.message_ids, before)
        # In one's own name it works; server code may post for the beneficiary.
        own = request.message_post(body="Documents checked.", message_type="comment")
        self.assertEqual(own.author_id, self.user_reception.partner_id)
        on_behalf = self.request_a_new.sudo().message_post(
            body="Uploaded from the portal.", author_id=self.beneficiary_a.partner_id.id
        )
        self.assertEqual(on_behalf.author_id, self.beneficiary_a.partner_id)

    def test_c3_other_records_chatter_is_unchanged(self):
        partner = self.env["res.partner"].create({"name": "A supplier"})
        message = partner.with_user(self.user_reception).message_post(
            body="Supplier note.", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        message.with_user(self.user_reception).unlink()
        self.assertFalse(message.exists())
        self.request_a_new.message_ids.sudo().unlink()
        self.assertFalse(self.request_a_new.message_ids)
