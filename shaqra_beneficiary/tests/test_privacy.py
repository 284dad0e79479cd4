import base64

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import SIGNATURE, ShaqraCommon


class PrivacyCommon(ShaqraCommon):
    """Two categories with their officers, two committees, one file in each (E2, F1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.user_liaison_b = new_test_user(
            env, "t_liaison_b", groups="shaqra_beneficiary.group_liaison_officer"
        )
        cls.user_backup = new_test_user(
            env, "t_backup", groups="shaqra_beneficiary.group_liaison_officer"
        )
        Employee = env["hr.employee"]
        cls.officer_a = Employee.create({"name": "Officer A", "user_id": cls.user_liaison.id})
        cls.officer_b = Employee.create({"name": "Officer B", "user_id": cls.user_liaison_b.id})
        cls.officer_backup = Employee.create(
            {"name": "Backup Officer", "user_id": cls.user_backup.id}
        )
        cls.work_field = env["shaqra.work.field"].create({"name": "Social aid"})
        Category = env["shaqra.beneficiary.category"]
        cls.category_a = Category.create({"name": "Orphans", "code": "T_ORPH"})
        cls.category_b = Category.create({"name": "Widows", "code": "T_WIDW"})
        Assignment = env["shaqra.liaison.assignment"]
        Assignment.create(
            {
                "category_id": cls.category_a.id,
                "field_id": cls.work_field.id,
                "employee_id": cls.officer_a.id,
                "backup_employee_id": cls.officer_backup.id,
            }
        )
        Assignment.create(
            {
                "category_id": cls.category_b.id,
                "field_id": cls.work_field.id,
                "employee_id": cls.officer_b.id,
            }
        )
        cls.user_committee_b = new_test_user(
            env, "t_committee_b", groups="shaqra_beneficiary.group_committee_member"
        )
        Committee = env["shaqra.committee"]
        cls.committee_a = Committee.create(
            {"name": "Aid committee", "member_ids": [Command.link(cls.user_committee.id)]}
        )
        cls.committee_b = Committee.create(
            {"name": "Housing committee", "member_ids": [Command.link(cls.user_committee_b.id)]}
        )
        ServiceType = env["shaqra.service.type"]
        requirement = [Command.create({"name": "Income proof", "document_required": True})]
        cls.service_a = ServiceType.create(
            {
                "name": "Monthly aid",
                "field_id": cls.work_field.id,
                "committee_id": cls.committee_a.id,
                "requirement_ids": requirement,
            }
        )
        cls.service_b = ServiceType.create(
            {
                "name": "Housing aid",
                "field_id": cls.work_field.id,
                "committee_id": cls.committee_b.id,
                "requirement_ids": requirement,
            }
        )
        # Reception registers A and takes its request; the manager registers B.
        Beneficiary = env["shaqra.beneficiary"]
        cls.beneficiary_a = Beneficiary.with_user(cls.user_reception).create(
            {
                "name": "Beneficiary A",
                "national_id": "1000000008",
                "category_id": cls.category_a.id,
                "field_id": cls.work_field.id,
            }
        )
        cls.beneficiary_b = Beneficiary.with_user(cls.user_manager).create(
            {
                "name": "Beneficiary B",
                "national_id": "1000000016",
                "category_id": cls.category_b.id,
                "field_id": cls.work_field.id,
            }
        )
        (cls.beneficiary_a, cls.beneficiary_b) = (
            cls.beneficiary_a.with_env(env),
            cls.beneficiary_b.with_env(env),
        )
        Request = env["shaqra.request"]
        cls.request_a = Request.with_user(cls.user_reception).create(
            {"beneficiary_id": cls.beneficiary_a.id, "service_type_id": cls.service_a.id}
        )
        cls.request_a_new = Request.with_user(cls.user_reception).create(
            {"beneficiary_id": cls.beneficiary_a.id, "service_type_id": cls.service_a.id}
        )
        cls.request_b = Request.with_user(cls.user_manager).create(
            {"beneficiary_id": cls.beneficiary_b.id, "service_type_id": cls.service_b.id}
        )
        cls.request_a = cls.request_a.with_env(env)
        cls.request_a_new = cls.request_a_new.with_env(env)
        cls.request_b = cls.request_b.with_env(env)
        Attachment = env["ir.attachment"]
        cls.document_a = Attachment.create(
            {"name": "income-a.pdf", "raw": b"%PDF-1.4 income of A", "res_id": 0}
        )
        cls.document_b = Attachment.create(
            {"name": "income-b.pdf", "raw": b"%PDF-1.4 income of B", "res_id": 0}
        )
        cls.request_a.requirement_line_ids.write(
            {"is_provided": True, "is_verified": True, "attachment_ids": [cls.document_a.id]}
        )
        cls.request_b.requirement_line_ids.write(
            {"is_provided": True, "is_verified": True, "attachment_ids": [cls.document_b.id]}
        )
        awaiting = env.ref("shaqra_beneficiary.shaqra_request_stage_awaiting_committee")
        (cls.request_a | cls.request_b).write({"signature": SIGNATURE, "signed_by": "Signer"})
        (cls.request_a | cls.request_b).write({"stage_id": awaiting.id})
        cls.notice_b = env["shaqra.notification"].create(
            {
                "request_id": cls.request_b.id,
                "beneficiary_id": cls.beneficiary_b.id,
                "channel": "meeting",
                "subject": "Interview",
                "body": "<p>Interview at the association.</p>",
            }
        )
        cls.Log = env["shaqra.document.access.log"]


@tagged("post_install", "-at_install", "access_rights")
class TestPrivacyRules(PrivacyCommon):
    """Policy E2, F1: each role sees the beneficiary files it handles, no more."""

    def _visible(self, user, records):
        return records.with_user(user).search([("id", "in", records.ids)])

    def test_e2_liaison_officer_sees_only_the_files_of_their_assignment(self):
        beneficiaries = self.beneficiary_a | self.beneficiary_b
        requests = self.request_a | self.request_a_new | self.request_b
        self.assertEqual(self._visible(self.user_liaison, beneficiaries), self.beneficiary_a)
        self.assertEqual(
            self._visible(self.user_liaison, requests), self.request_a | self.request_a_new
        )
        self.assertEqual(self._visible(self.user_liaison_b, beneficiaries), self.beneficiary_b)
        self.assertEqual(self._visible(self.user_liaison_b, requests), self.request_b)
        with self.assertRaises(AccessError):
            self.beneficiary_b.with_user(self.user_liaison).read(["name"])
        with self.assertRaises(AccessError):
            self.request_b.with_user(self.user_liaison).read(["name"])
        with self.assertRaises(AccessError):
            self.beneficiary_b.with_user(self.user_liaison).write({"phone": "0500000000"})

    def test_f1_backup_officer_sees_the_assignment_too(self):
        beneficiaries = self.beneficiary_a | self.beneficiary_b
        self.assertEqual(self._visible(self.user_backup, beneficiaries), self.beneficiary_a)
        self.assertIn(self.user_backup, self.beneficiary_a.officer_user_ids)
        self.assertIn(self.user_liaison, self.beneficiary_a.officer_user_ids)
        self.assertNotIn(self.user_liaison_b, self.beneficiary_a.officer_user_ids)

    def test_e2_liaison_officer_cannot_read_another_category_documents(self):
        documents = self.document_a | self.document_b
        self.assertEqual(
            self.env["ir.attachment"]
            .with_user(self.user_liaison)
            .search([("id", "in", documents.ids)]),
            self.document_a,
        )
        self.assertTrue(self.document_a.with_user(self.user_liaison).read(["name"]))
        with self.assertRaises(AccessError):
            self.document_b.with_user(self.user_liaison).read(["name"])
        with self.assertRaises(AccessError):
            self.document_b.with_user(self.user_liaison).raw  # noqa: B018
        lines = self.env["shaqra.request.requirement"].with_user(self.user_liaison)
        self.assertEqual(
            lines.search(
                [("id", "in", (self.request_a | self.request_b).requirement_line_ids.ids)]
            ),
            self.request_a.requirement_line_ids,
        )
        with self.assertRaises(AccessError):
            self.request_b.requirement_line_ids.with_user(self.user_liaison).read(["note"])
        with self.assertRaises(AccessError):
            self.notice_b.with_user(self.user_liaison).read(["channel"])
        self.assertTrue(self.notice_b.with_user(self.user_liaison_b).read(["channel"]))

    def test_e2_committee_member_sees_only_their_agenda(self):
        requests = self.request_a | self.request_a_new | self.request_b
        # request_a_new is still at reception: not on the agenda yet.
        self.assertEqual(self._visible(self.user_committee, requests), self.request_a)
        self.assertEqual(self._visible(self.user_committee_b, requests), self.request_b)
        with self.assertRaises(AccessError):
            self.request_b.with_user(self.user_committee).read(["name"])
        with self.assertRaises(AccessError):
            self.request_a_new.with_user(self.user_committee).read(["name"])
        with self.assertRaises(AccessError):
            self.document_b.with_user(self.user_committee).read(["name"])
        self.assertTrue(self.document_a.with_user(self.user_committee).read(["name"]))
        # The beneficiaries of the agenda are readable, not writable.
        beneficiary = self.beneficiary_a.with_user(self.user_committee)
        self.assertEqual(beneficiary.name, "Beneficiary A")
        with self.assertRaises(AccessError):
            beneficiary.write({"phone": "0500000000"})
        with self.assertRaises(AccessError):
            self.beneficiary_b.with_user(self.user_committee).read(["name"])

    def test_c5_committee_chair_sees_the_agenda(self):
        chair = new_test_user(
            self.env, "t_chair", groups="shaqra_beneficiary.group_committee_member"
        )
        self.committee_b.write({"member_ids": [Command.link(chair.id)], "chair_id": chair.id})
        requests = self.request_a | self.request_b
        self.assertEqual(self._visible(chair, requests), self.request_b)

    def test_e2_reception_sees_what_it_registered(self):
        beneficiaries = self.beneficiary_a | self.beneficiary_b
        requests = self.request_a | self.request_a_new | self.request_b
        self.assertEqual(self._visible(self.user_reception, beneficiaries), self.beneficiary_a)
        self.assertEqual(
            self._visible(self.user_reception, requests), self.request_a | self.request_a_new
        )
        with self.assertRaises(AccessError):
            self.beneficiary_b.with_user(self.user_reception).read(["name"])
        with self.assertRaises(AccessError):
            self.document_b.with_user(self.user_reception).read(["name"])
        other_reception = new_test_user(
            self.env, "t_reception_2", groups="shaqra_beneficiary.group_reception"
        )
        self.assertFalse(self._visible(other_reception, beneficiaries | self.beneficiary_a))
        self.assertFalse(self._visible(other_reception, requests))

    def test_c1_reception_finds_a_known_person_by_national_id(self):
        Beneficiary = self.env["shaqra.beneficiary"].with_user(self.user_reception)
        found = Beneficiary.shaqra_find_by_national_id("١٠٠٠٠٠٠٠١٦")
        self.assertEqual(found, {"id": self.beneficiary_b.id, "name": "Beneficiary B"})
        self.assertFalse(Beneficiary.shaqra_find_by_national_id("1000000024"))
        self.assertFalse(Beneficiary.shaqra_find_by_national_id("12345"))
        # The lookup does not open the file ...
        with self.assertRaises(AccessError):
            self.beneficiary_b.with_user(self.user_reception).read(["name"])
        # ... nor does a request created by the id alone (ids are sequential) ...
        Request = self.env["shaqra.request"].with_user(self.user_reception)
        with self.assertRaises(AccessError):
            Request.create({"beneficiary_id": found["id"], "service_type_id": self.service_b.id})
        # ... the request reception takes for the person by the exact ID does.
        request = Request.browse(
            Request.shaqra_create_for_national_id(
                "1000000016", {"service_type_id": self.service_b.id}
            )
        )
        self.assertEqual(
            request.beneficiary_id.with_user(self.user_reception).name, "Beneficiary B"
        )
        with self.assertRaises(AccessError):
            self.env["shaqra.beneficiary"].with_user(
                self.user_employee
            ).shaqra_find_by_national_id("1000000016")

    def test_e2_manager_sees_all(self):
        beneficiaries = self.beneficiary_a | self.beneficiary_b
        requests = self.request_a | self.request_a_new | self.request_b
        self.assertEqual(self._visible(self.user_manager, beneficiaries), beneficiaries)
        self.assertEqual(self._visible(self.user_manager, requests), requests)
        self.assertEqual(
            self.env["ir.attachment"]
            .with_user(self.user_manager)
            .search([("id", "in", (self.document_a | self.document_b).ids)]),
            self.document_a | self.document_b,
        )

    def test_e2_national_id_refused_without_a_beneficiary_role(self):
        """The field is protected by its group, whatever the view shows."""
        outsider_group = self.env["res.groups"].create({"name": "Outside auditors"})
        self.env["ir.model.access"].create(
            {
                "name": "test outsider read",
                "model_id": self.env.ref("shaqra_beneficiary.model_shaqra_beneficiary").id,
                "group_id": outsider_group.id,
                "perm_read": True,
            }
        )
        outsider = new_test_user(
            self.env,
            "t_outsider",
            groups="base.group_user",
            groups_id=[self.env.ref("base.group_user").id, outsider_group.id],
        )
        beneficiary = self.beneficiary_a.with_user(outsider)
        self.assertEqual(beneficiary.read(["name"])[0]["name"], "Beneficiary A")
        with self.assertRaises(AccessError):
            beneficiary.read(["national_id"])
        self.assertNotIn("national_id", beneficiary.fields_get())
        self.assertEqual(
            self.beneficiary_a.with_user(self.user_reception).national_id, "1000000008"
        )

    def test_e2_other_company_files_are_hidden(self):
        company_2 = self.env["res.company"].create({"name": "Other branch"})
        manager_2 = new_test_user(
            self.env,
            "t_manager_2",
            groups="shaqra_beneficiary.group_manager",
            company_id=company_2.id,
            company_ids=[Command.set(company_2.ids)],
        )
        self.assertFalse(self._visible(manager_2, self.beneficiary_a | self.beneficiary_b))
        self.assertFalse(self._visible(manager_2, self.request_a | self.request_b))


@tagged("post_install", "-at_install", "access_rights")
class TestPrivacyDocuments(PrivacyCommon):
    """Policy E2: documents are bound to their record and every read is logged."""

    def test_e2_uploaded_document_is_bound_to_its_requirement_line(self):
        line = self.request_a.requirement_line_ids
        self.assertEqual(
            (self.document_a.res_model, self.document_a.res_id),
            ("shaqra.request.requirement", line.id),
        )
        # Documents are added while the request is still being completed.
        self.request_a.stage_id = self.env.ref(
            "shaqra_beneficiary.shaqra_request_stage_completeness"
        )
        upload = (
            self.env["ir.attachment"]
            .with_user(self.user_reception)
            .create({"name": "id-card.png", "raw": b"scan", "res_id": 0})
        )
        line.with_user(self.user_reception).write({"attachment_ids": [Command.link(upload.id)]})
        self.assertEqual((upload.res_model, upload.res_id), (line._name, line.id))
        # Somebody else's attachment is never moved by linking it.
        foreign = self.document_b
        line.write({"attachment_ids": [Command.link(foreign.id)]})
        self.assertEqual(foreign.res_id, self.request_b.requirement_line_ids.id)

    def test_e2_reading_document_content_is_logged(self):
        document = self.document_a.with_user(self.user_liaison)
        document.read(["name", "mimetype"])
        self.assertFalse(self.Log.search([("attachment_id", "=", self.document_a.id)]))
        values = document.read(["datas"])[0]
        self.assertEqual(base64.b64decode(values["datas"]), b"%PDF-1.4 income of A")
        log = self.Log.search([("attachment_id", "=", self.document_a.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.user_liaison)
        self.assertEqual(log.access_type, "read")
        self.assertEqual(log.res_model, "shaqra.request.requirement")
        self.assertEqual(log.res_id, self.request_a.requirement_line_ids.id)
        self.assertEqual(log.document_name, "income-a.pdf")

    def test_e2_other_documents_are_not_logged(self):
        other = self.env["ir.attachment"].create(
            {"name": "memo.txt", "raw": b"memo", "res_model": "res.partner", "res_id": 1}
        )
        other.with_user(self.user_manager).read(["datas"])
        self.assertFalse(self.Log.search([("attachment_id", "=", other.id)]))

    def test_e2_access_log_is_read_only(self):
        self.document_a.with_user(self.user_manager).read(["raw"])
        log = self.Log.search([("attachment_id", "=", self.document_a.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.with_user(self.user_manager).user_id, self.user_manager)
        for user in (self.user_manager, self.user_liaison, self.user_reception):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    log.with_user(user).write({"ip_address": "10.0.0.1"})
                with self.assertRaises(AccessError):
                    log.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    self.Log.with_user(user).create({"user_id": user.id, "access_type": "read"})
        for user in (self.user_liaison, self.user_committee, self.user_reception):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                log.with_user(user).read(["user_id"])
        with self.assertRaises(AccessError):
            log.with_user(self.env.ref("base.user_admin")).unlink()
        # Even a group given write access by mistake cannot change the log.
        self.env["ir.model.access"].create(
            {
                "name": "test misconfigured log access",
                "model_id": self.env.ref("shaqra_beneficiary.model_shaqra_document_access_log").id,
                "group_id": self.env.ref("shaqra_beneficiary.group_manager").id,
                "perm_read": True,
                "perm_write": True,
                "perm_unlink": True,
            }
        )
        with self.assertRaises(UserError):
            log.with_user(self.user_manager).write({"ip_address": "10.0.0.1"})
        with self.assertRaises(UserError):
            log.with_user(self.user_manager).unlink()
        log.sudo().unlink()
        self.assertFalse(log.exists())
