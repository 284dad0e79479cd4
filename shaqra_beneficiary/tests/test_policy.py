import io
from datetime import date, datetime
from unittest.mock import patch

import openpyxl
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged, users
from odoo.tools import mute_logger

from .common import SIGNATURE


class PolicyCommon(TransactionCase):
    """Two departments with their managers and staff, a contractor and a
    published document, built once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.user_hr = new_test_user(
            cls.env,
            "t_pol_hr",
            groups="base.group_user,hr.group_hr_manager",
            email="hr@example.com",
        )
        cls.user_emp1 = new_test_user(cls.env, "t_pol_emp1", email="emp1@example.com")
        cls.user_emp2 = new_test_user(cls.env, "t_pol_emp2", email="emp2@example.com")
        cls.user_emp3 = new_test_user(cls.env, "t_pol_emp3", email="emp3@example.com")
        cls.user_contractor = new_test_user(
            cls.env, "t_pol_contractor", groups="base.group_portal", email="c@example.com"
        )
        cls.user_beneficiary = new_test_user(
            cls.env, "t_pol_beneficiary", groups="base.group_portal", email="b@example.com"
        )
        Employee = cls.env["hr.employee"]
        Department = cls.env["hr.department"]
        cls.manager1 = Employee.create({"name": "Manager One", "work_email": "m1@example.com"})
        cls.manager2 = Employee.create({"name": "Manager Two", "work_email": "m2@example.com"})
        cls.dep1 = Department.create({"name": "Services T", "manager_id": cls.manager1.id})
        cls.dep2 = Department.create({"name": "Admin T", "manager_id": cls.manager2.id})
        (cls.manager1 | cls.manager2).department_id = False
        cls.emp1 = Employee.create(
            {"name": "Employee One", "user_id": cls.user_emp1.id, "department_id": cls.dep1.id}
        )
        cls.emp2 = Employee.create(
            {"name": "Employee Two", "user_id": cls.user_emp2.id, "department_id": cls.dep1.id}
        )
        cls.emp3 = Employee.create(
            {"name": "Employee Three", "user_id": cls.user_emp3.id, "department_id": cls.dep2.id}
        )
        cls.emp4 = Employee.create(
            {"name": "Employee Four", "department_id": cls.dep2.id, "work_email": "e4@example.com"}
        )
        cls.policy = (
            cls.env["shaqra.policy"]
            .with_user(cls.user_hr)
            .create(
                {
                    "name": "Test Code of Conduct",
                    "code": "TCC",
                    "kind": "other",
                    "body": "<p>Be kind to beneficiaries.</p>",
                    "audience_employee": True,
                    "audience_partner": True,
                    "approving_body": "Board of Directors",
                    "approval_date": date(2022, 10, 26),
                    "responsible_id": cls.user_hr.id,
                }
            )
        )
        cls.policy.action_approve()
        cls.policy.action_publish()
        cls.policy = cls.policy.with_user(cls.env.user)

    def _distribute(self, policy=None, **vals):
        """Run the distribution wizard as HR."""
        for name, value in vals.items():
            if name.endswith("_ids"):
                vals[name] = [Command.set(value.ids)]
        wizard = (
            self.env["shaqra.policy.distribute"]
            .with_user(self.user_hr)
            .create({"policy_id": (policy or self.policy).id, **vals})
        )
        wizard.action_distribute()
        return wizard

    def _acks(self, policy=None):
        return self.env["shaqra.policy.acknowledgement"].search(
            [("policy_id", "=", (policy or self.policy).id)]
        )

    def _sign(self, ack, user):
        ack = ack.with_user(user)
        ack.write({"declaration_accepted": True, "signed_by": user.name, "signature": SIGNATURE})
        ack.action_acknowledge()
        return ack


@tagged("post_install", "-at_install")
class TestPolicy(PolicyCommon):
    def test_art4_seeded_policy_approval_in_both_calendars(self):
        """The seeded policy is published with its Board approval, in Hijri and Gregorian."""
        policy = self.env.ref("shaqra_beneficiary.shaqra_policy_beneficiary_relationship")
        self.assertEqual(policy.state, "published")
        self.assertEqual(policy.approval_date, date(2022, 10, 26))
        self.assertEqual(policy.minutes_number, "6")
        self.assertIn("سياسة العلاقة مع المستفيدين", policy.body)
        self.assertIn("مادة (٤) المسؤوليات", policy.body)
        self.assertEqual(
            policy.with_context(lang="en_US").approval_date_hijri, "1 Rabi' al-Akhir 1444 AH"
        )
        self.env["res.lang"]._activate_lang("ar_001")
        self.assertEqual(
            policy.with_context(lang="ar_001").approval_date_hijri, "1 ربيع الآخر 1444 هـ"
        )
        drafts = self.env["shaqra.policy"].search([("code", "in", ("B1", "B2", "B3", "B4"))])
        self.assertEqual(
            set(drafts.mapped("kind")), {"bylaws", "partners", "volunteer", "service"}
        )
        # Seeded as drafts for the association to approve; the demo data
        # publish them so that the public governance page is not empty.
        with_demo = self.env["ir.module.module"].search([("name", "=", "shaqra_beneficiary")]).demo
        self.assertEqual(set(drafts.mapped("state")), {"published" if with_demo else "draft"})

    def test_art4_distribution_counts_per_department(self):
        """Distributing to departments asks each of their employees once, and each
        department's manager receives the department copy once."""
        self._distribute(target="departments", department_ids=self.dep1 | self.dep2)
        acks = self._acks()
        per_department = dict(
            self.env["shaqra.policy.acknowledgement"]._read_group(
                [("policy_id", "=", self.policy.id)], ["department_id"], ["__count"]
            )
        )
        self.assertEqual(per_department, {self.dep1: 2, self.dep2: 2})
        self.assertEqual(set(acks.mapped("state")), {"pending"})
        # An activity for each employee with a user; none for the one without.
        self.assertEqual(
            acks.activity_ids.user_id, self.user_emp1 | self.user_emp2 | self.user_emp3
        )
        mails = self.env["mail.mail"].search([("model", "=", "shaqra.policy.acknowledgement")])
        self.assertEqual(
            set(mails.filtered(lambda m: m.res_id in acks.ids).mapped("email_to")),
            {"emp1@example.com", "emp2@example.com", "emp3@example.com", "e4@example.com"},
        )
        self.assertIn(f"/my/policies/{self.policy.id}", mails[:1].body_html)
        copies = self.policy.department_copy_ids
        self.assertEqual(copies.department_id, self.dep1 | self.dep2)
        self.assertEqual(
            copies.filtered(lambda c: c.department_id == self.dep1).manager_id, self.manager1
        )
        copy_mails = self.env["mail.mail"].search(
            [("model", "=", "shaqra.policy.department.copy"), ("res_id", "in", copies.ids)]
        )
        self.assertEqual(set(copy_mails.mapped("email_to")), {"m1@example.com", "m2@example.com"})

        # Distributing again creates no duplicate, not even through "all employees".
        wizard = self._distribute(target="departments", department_ids=self.dep1)
        self.assertEqual(wizard.recipient_count, 0)
        self.assertEqual(wizard.already_count, 2)
        self.assertEqual(len(self._acks()), 4)
        self.assertEqual(len(self.policy.department_copy_ids), 2)
        self._distribute(target="all")
        all_employees = self.env["hr.employee"].search([("company_id", "=", self.env.company.id)])
        self.assertEqual(self._acks().employee_id, all_employees)

    def test_art4_distribution_to_chosen_people_and_contractors(self):
        self._distribute(target="employees", employee_ids=self.emp3)
        self._distribute(target="partners", partner_ids=self.user_contractor.partner_id)
        acks = self._acks()
        self.assertEqual(acks.employee_id, self.emp3)
        contractor_ack = acks.filtered("partner_id")
        self.assertEqual(contractor_ack.user_id, self.user_contractor)
        self.assertEqual(contractor_ack.audience, "partner")
        self.assertEqual(self.policy.department_copy_ids.department_id, self.dep2)

    def test_art4_distribution_refusals(self):
        """Bad input gives a clear error and creates nothing."""
        draft = self.policy.copy({"version": 9})
        with self.assertRaises(UserError):
            draft.with_user(self.user_hr).action_open_distribute()
        outsider = self.env["res.partner"].create({"name": "No Portal", "email": "n@example.com"})
        with self.assertRaises(UserError):
            self._distribute(target="partners", partner_ids=outsider)
        self.policy.audience_partner = False
        with self.assertRaises(UserError):
            self._distribute(target="partners", partner_ids=self.user_contractor.partner_id)
        with self.assertRaises(AccessError):
            self.env["shaqra.policy.distribute"].with_user(self.user_emp1).create(
                {"policy_id": self.policy.id}
            )
        self.assertFalse(self._acks())

    @users("t_pol_emp1")
    def test_art4_employee_acknowledges_own_policy(self):
        """An employee reads, declares and signs; time and signature are recorded."""
        self.policy.with_user(self.user_hr)._distribute(employees=self.emp1 | self.emp2)
        acks = self.env["shaqra.policy.acknowledgement"].search([])
        # Record rules: the employee sees their own acknowledgements only.
        self.assertTrue(acks)
        self.assertEqual(acks.user_id, self.env.user)
        ack = acks.filtered(lambda a: a.policy_id == self.policy)
        self.assertTrue(ack.can_acknowledge)
        ack.write({"signed_by": "Employee One", "signature": SIGNATURE})
        with self.assertRaises(UserError), self.cr.savepoint():
            ack.action_acknowledge()  # the declaration is not ticked
        ack.declaration_accepted = True
        with freeze_time("2026-03-01 09:00:00"):
            ack.action_acknowledge()
        self.assertEqual(ack.state, "acknowledged")
        self.assertEqual(ack.acknowledged_on, datetime(2026, 3, 1, 9, 0))
        self.assertTrue(ack.signature)
        self.assertFalse(ack.sudo().activity_ids)
        # Acknowledging twice is refused.
        with self.assertRaises(UserError):
            ack.action_acknowledge()

    @users("t_pol_emp1")
    def test_art4_signature_required(self):
        self.policy.with_user(self.user_hr)._distribute(employees=self.emp1)
        ack = self.env["shaqra.policy.acknowledgement"].search(
            [("policy_id", "=", self.policy.id)]
        )
        ack.declaration_accepted = True
        with self.assertRaises(UserError):
            ack.action_acknowledge()
        self.assertEqual(ack.state, "pending")

    def test_art4_nobody_acknowledges_for_someone_else(self):
        self.policy._distribute(employees=self.emp1 | self.emp2)
        ack2 = self._acks().filtered(lambda a: a.employee_id == self.emp2)
        # Another employee cannot even read it, let alone sign it.
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            ack2.with_user(self.user_emp1).action_acknowledge(signature=SIGNATURE, signed_by="X")
        # HR sees it but cannot sign on the employee's behalf either.
        with self.assertRaises(AccessError):
            ack2.with_user(self.user_hr).action_acknowledge(
                signature=SIGNATURE, signed_by="Employee Two"
            )
        # The employee cannot mark it acknowledged without signing.
        with self.assertRaises(AccessError):
            ack2.with_user(self.user_emp2).write({"state": "acknowledged"})
        self.assertEqual(ack2.state, "pending")

    def test_art4_superseded_version_cannot_be_acknowledged(self):
        """A new version supersedes the old one, which nobody may sign any more, and
        asks its whole audience again."""
        self.policy._distribute(employees=self.emp1 | self.emp2)
        self.policy._distribute(partners=self.user_contractor.partner_id)
        v1_ack1 = self._acks().filtered(lambda a: a.employee_id == self.emp1)
        v1_ack2 = self._acks().filtered(lambda a: a.employee_id == self.emp2)
        self._sign(v1_ack1, self.user_emp1)

        action = self.policy.with_user(self.user_hr).action_new_version()
        v2 = self.env["shaqra.policy"].browse(action["res_id"])
        self.assertEqual((v2.code, v2.version, v2.state), ("TCC", 2, "draft"))
        v2.with_user(self.user_hr).write({"body": "<p>Be kind, and quick.</p>"})
        v2.with_user(self.user_hr).action_approve()
        v2.with_user(self.user_hr).action_publish()
        self.assertEqual(self.policy.state, "superseded")
        self.assertEqual(v2.previous_version_id, self.policy)
        # The old pending request can no longer be signed, and lost its to-do.
        self.assertFalse(v1_ack2.activity_ids)
        with self.assertRaises(UserError):
            v1_ack2.with_user(self.user_emp2).action_acknowledge(
                signature=SIGNATURE, signed_by="Employee Two"
            )
        # Everyone asked for v1, signed or not, must acknowledge v2.
        v2_acks = self._acks(v2)
        self.assertEqual(v2_acks.employee_id, self.emp1 | self.emp2)
        self.assertEqual(v2_acks.partner_id, self.user_contractor.partner_id)
        self.assertEqual(set(v2_acks.mapped("state")), {"pending"})
        self.assertEqual(v1_ack1.state, "acknowledged")
        # Re-acknowledgement of the new version.
        self._sign(v2_acks.filtered(lambda a: a.employee_id == self.emp1), self.user_emp1)
        self.assertEqual(
            v2_acks.filtered(lambda a: a.employee_id == self.emp1).state, "acknowledged"
        )
        # The published version is frozen.
        with self.assertRaises(UserError):
            v2.with_user(self.user_hr).write({"body": "<p>changed</p>"})

    def test_publish_supersedes_only_the_same_code(self):
        other = self.env["shaqra.policy"].create(
            {"name": "Other", "code": "OTH", "body": "<p>x</p>"}
        )
        other.action_publish()
        self.assertEqual(self.policy.state, "published")
        self.assertEqual(other.state, "published")
        with self.assertRaises(UserError):
            self.env["shaqra.policy"].create({"name": "Empty", "code": "EMP"}).action_publish()

    def test_art4_reminder_then_escalation_once_each(self):
        """The daily cron reminds after reminder_days and escalates to HR after
        escalation_days, once each."""
        # The daily job exists, runs, and runs this very method.
        cron = self.env.ref("shaqra_beneficiary.ir_cron_shaqra_policy_reminder")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertTrue(cron.nextcall)
        self.assertEqual(cron.model_id.model, "shaqra.policy.acknowledgement")
        self.assertEqual(cron.code.strip(), "model._cron_remind()")
        self.policy.write({"reminder_days": 3, "escalation_days": 7})
        with freeze_time("2026-02-01 08:00:00"):
            self.policy._distribute(employees=self.emp1 | self.emp2)
        acks = self._acks()
        Ack = self.env["shaqra.policy.acknowledgement"]
        with freeze_time("2026-02-03 08:00:00"):
            self._sign(acks.filtered(lambda a: a.employee_id == self.emp2), self.user_emp2)
            Ack._cron_remind()
        ack1 = acks.filtered(lambda a: a.employee_id == self.emp1)
        self.assertFalse(ack1.reminded_on)

        def reminders():
            return self.env["mail.mail"].search(
                [
                    ("model", "=", Ack._name),
                    ("res_id", "=", ack1.id),
                    # In the person's language: English or Arabic.
                    "|",
                    ("subject", "ilike", "Reminder"),
                    ("subject", "ilike", "تذكير"),
                ]
            )

        with freeze_time("2026-02-04 08:00:00"):
            Ack._cron_remind()
            Ack._cron_remind()
        self.assertEqual(ack1.reminded_on, datetime(2026, 2, 4, 8, 0))
        self.assertEqual(len(reminders()), 1)
        self.assertFalse(ack1.escalated_on)
        # The signed one is never reminded.
        self.assertFalse(acks.filtered(lambda a: a.employee_id == self.emp2).reminded_on)

        hr_activities = ack1.activity_ids.filtered(lambda a: a.user_id == self.user_hr)
        self.assertFalse(hr_activities)
        with freeze_time("2026-02-08 08:00:00"):
            Ack._cron_remind()
            Ack._cron_remind()
        self.assertEqual(ack1.escalated_on, datetime(2026, 2, 8, 8, 0))
        self.assertEqual(len(ack1.activity_ids.filtered(lambda a: a.user_id == self.user_hr)), 1)
        self.assertEqual(len(reminders()), 1)
        # Signing closes the reminders and HR's follow-up.
        self._sign(ack1, self.user_emp1)
        self.assertFalse(ack1.activity_ids)

    def test_reminder_settings_are_consistent(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.policy.write({"reminder_days": 10, "escalation_days": 5})
            self.policy.flush_recordset()

    def test_art4_compliance_xlsx(self):
        """The workbook lists every person with status and dates, and sums per department."""
        self.policy._distribute(employees=self.emp1 | self.emp2 | self.emp3)
        self.policy._distribute(partners=self.user_contractor.partner_id)
        self._sign(self._acks().filtered(lambda a: a.employee_id == self.emp1), self.user_emp1)
        content = (
            self.env["shaqra.policy.acknowledgement"]
            .with_user(self.user_hr)
            ._compliance_xlsx([("policy_id", "=", self.policy.id)])
        )
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(workbook.sheetnames, ["Acknowledgements", "By Department"])
        rows = list(workbook["Acknowledgements"].iter_rows(values_only=True))
        self.assertEqual(
            rows[0][:6], ("Document", "Code", "Version", "Person", "Department", "Status")
        )
        by_person = {row[3]: row for row in rows[1:]}
        self.assertEqual(
            set(by_person),
            {"Employee One", "Employee Two", "Employee Three", self.user_contractor.name},
        )
        self.assertEqual(
            by_person["Employee One"][:6],
            ("Test Code of Conduct", "TCC", 1, "Employee One", "Services T", "Acknowledged"),
        )
        self.assertIsInstance(by_person["Employee One"][7], datetime)
        self.assertEqual(by_person["Employee Two"][5], "Pending")
        self.assertIsNone(by_person["Employee Two"][7])
        self.assertEqual(by_person[self.user_contractor.name][4], "Contractors and Volunteers")
        summary = list(workbook["By Department"].iter_rows(values_only=True))
        self.assertEqual(
            summary[0], ("Department", "Code", "Version", "Pending", "Acknowledged", "Total")
        )
        self.assertIn(("Services T", "TCC", 1, 1, 1, 2), summary)
        self.assertIn(("Admin T", "TCC", 1, 1, 0, 1), summary)
        self.assertIn(("Contractors and Volunteers", "TCC", 1, 1, 0, 1), summary)
        with self.assertRaises(AccessError):
            self.env["shaqra.policy.acknowledgement"].with_user(self.user_emp1)._compliance_xlsx()

    def test_art4_compliance_xlsx_in_batches_same_rows_in_report_order(self):
        """Read a few records at a time (bounded memory), the workbook is the same."""
        self.policy._distribute(employees=self.emp1 | self.emp2 | self.emp3)
        self.policy._distribute(partners=self.user_contractor.partner_id)
        Ack = self.env["shaqra.policy.acknowledgement"].with_user(self.user_hr)

        def sheets(content):
            workbook = openpyxl.load_workbook(io.BytesIO(content))
            return [list(sheet.iter_rows(values_only=True)) for sheet in workbook]

        whole = sheets(Ack._compliance_xlsx([("policy_id", "=", self.policy.id)]))
        module = "odoo.addons.shaqra_beneficiary.models.shaqra_policy_acknowledgement"
        with patch(f"{module}.EXPORT_BATCH_SIZE", 1):
            batched = sheets(Ack._compliance_xlsx([("policy_id", "=", self.policy.id)]))
        self.assertEqual(batched, whole)
        persons = [row[3] for row in whole[0][1:]]
        self.assertEqual(len(persons), 4)
        # The report's order (department, then person), not the ids'.
        self.assertEqual(
            persons, [ack.person_name for ack in Ack.search([("policy_id", "=", self.policy.id)])]
        )

    def test_art4_employee_form_shows_policy_status(self):
        self.policy._distribute(employees=self.emp1)
        employee = self.emp1.with_user(self.user_hr)
        self.assertEqual(employee.shaqra_policy_pending_count, 1)
        self.assertEqual(employee.shaqra_policy_acknowledgement_ids.policy_id, self.policy)
        self._sign(self.emp1.shaqra_policy_acknowledgement_ids, self.user_emp1)
        employee.invalidate_recordset()
        self.assertEqual(employee.shaqra_policy_pending_count, 0)
        self.assertEqual(employee.shaqra_policy_acknowledgement_ids.state, "acknowledged")

    def test_record_rules_on_documents(self):
        """Portal contractors read what was distributed to them, beneficiaries what
        is published for them; drafts stay with HR."""
        Policy = self.env["shaqra.policy"]
        seeded = self.env.ref("shaqra_beneficiary.shaqra_policy_beneficiary_relationship")
        bylaws = self.env.ref("shaqra_beneficiary.shaqra_policy_bylaws")
        # The demo publishes the bylaws on the website; here they are a draft of HR.
        bylaws.write({"state": "draft", "published_on": False})
        beneficiary_docs = Policy.with_user(self.user_beneficiary).search([])
        self.assertIn(seeded, beneficiary_docs)
        self.assertNotIn(self.policy, beneficiary_docs)
        self.assertNotIn(bylaws, beneficiary_docs)
        self.assertNotIn(self.policy, Policy.with_user(self.user_contractor).search([]))
        self.policy._distribute(partners=self.user_contractor.partner_id)
        self.assertIn(self.policy, Policy.with_user(self.user_contractor).search([]))
        self.assertNotIn(bylaws, Policy.with_user(self.user_emp1).search([]))
        self.assertIn(bylaws, Policy.with_user(self.user_hr).search([]))
        with self.assertRaises(AccessError):
            Policy.with_user(self.user_emp1).create({"name": "X", "code": "X"})
        with self.assertRaises(AccessError):
            self.policy.with_user(self.user_emp1).write({"name": "Y"})
        Ack = self.env["shaqra.policy.acknowledgement"]
        self.assertEqual(Ack.with_user(self.user_contractor).search([]).policy_id, self.policy)
        self.assertFalse(Ack.with_user(self.user_beneficiary).search([]))
        self.assertIn(self._acks(), Ack.with_user(self.user_hr).search([]))

    def test_one_acknowledgement_per_person_and_version(self):
        self.policy._distribute(employees=self.emp1)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["shaqra.policy.acknowledgement"].create(
                {"policy_id": self.policy.id, "employee_id": self.emp1.id}
            )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["shaqra.policy.acknowledgement"].create(
                {
                    "policy_id": self.policy.id,
                    "employee_id": self.emp2.id,
                    "partner_id": self.user_contractor.partner_id.id,
                }
            )
        self.assertEqual(len(self._acks()), 1)
        self.assertEqual(self.policy.with_user(self.user_hr).pending_count, 1)
        self.assertEqual(self.policy.with_user(self.user_hr).acknowledgement_count, 1)
