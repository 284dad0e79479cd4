import io

import openpyxl

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import VolunteerSetupMixin, saudi_id


@tagged("post_install", "-at_install")
class TestVolunteer(VolunteerSetupMixin, TransactionCase):
    """Policy B3, A6: volunteers, their agreement, hours, seats and notices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls._setup_volunteer_world()
        cls.volunteer = cls._active_volunteer("V Active One", "v_active_one")
        cls.other = cls._active_volunteer("V Active Two", "v_active_two")
        cls.assignment = cls._accepted_assignment(cls.volunteer)

    # -- The volunteer agreement (B3) ---------------------------------------

    def test_b3_activation_refused_without_acknowledgement_then_allowed(self):
        applicant = self._new_volunteer("V Applicant", "v_applicant")
        self.assertEqual(applicant.state, "applicant")
        applicant.with_user(self.coordinator).action_accept()
        self.assertTrue(applicant.accepted_on)
        ack = applicant._volunteer_acknowledgement()
        self.assertEqual(ack.state, "pending", "Accepting sends the agreement to sign")
        self.assertEqual(applicant.agreement_state, "pending")
        with self.assertRaisesRegex(UserError, "volunteer agreement"):
            applicant.with_user(self.coordinator).action_activate()
        self.assertEqual(applicant.state, "applicant")
        self._sign_agreement(applicant)
        applicant.invalidate_recordset(["agreement_state"])
        self.assertEqual(applicant.agreement_state, "signed")
        applicant.with_user(self.coordinator).action_activate()
        self.assertEqual(applicant.state, "active")
        self.assertEqual(applicant.activated_by_id, self.coordinator)

    def test_b3_new_version_requires_new_signature(self):
        volunteer = self._active_volunteer("V Resign", "v_resign")
        volunteer.with_user(self.coordinator).action_suspend()
        action = self.policy.action_new_version()
        new_version = self.env["shaqra.policy"].browse(action["res_id"])
        new_version.write({"body": "<p>Version 2</p>"})
        new_version.action_approve()
        new_version.action_publish()
        self.assertEqual(volunteer._volunteer_policy(), new_version)
        self.assertEqual(
            volunteer.agreement_state, "pending", "The new version is sent to the volunteer"
        )
        with self.assertRaisesRegex(UserError, "volunteer agreement"):
            volunteer.with_user(self.coordinator).action_activate()
        self._sign_agreement(volunteer)
        volunteer.with_user(self.coordinator).action_activate()
        self.assertEqual(volunteer.state, "active")

    def test_b3_state_is_never_typed(self):
        applicant = self._new_volunteer("V Typed", "v_typed")
        for user in (self.coordinator, self.env.ref("base.user_admin")):
            with self.assertRaises(AccessError):
                applicant.with_user(user).write({"state": "active"})
            with self.assertRaises(AccessError):
                applicant.with_user(user).write({"activated_on": fields.Datetime.now()})
        with self.assertRaises(AccessError):
            self.env["shaqra.volunteer"].with_user(self.coordinator).create(
                {"name": "V Forged", "national_id": saudi_id(88000001), "state": "active"}
            )
        self.assertEqual(applicant.state, "applicant")

    def test_b3_only_coordinators_change_the_status(self):
        applicant = self._new_volunteer("V Status", "v_status")
        with self.assertRaises(AccessError):
            applicant.with_user(self.supervisor).action_accept()
        with self.assertRaises(AccessError):
            self.volunteer.with_user(self.volunteer.user_id).action_suspend()

    def test_national_id_validated_and_partner_reused(self):
        with self.assertRaises(ValidationError):
            self.env["shaqra.volunteer"].create({"name": "V Bad", "national_id": "1234567890"})
        national_id = saudi_id(88000002)
        beneficiary = self.env["shaqra.beneficiary"].create(
            {"name": "V Beneficiary Too", "national_id": national_id, "mobile": "0551239876"}
        )
        volunteer = self.env["shaqra.volunteer"].create(
            {"name": "Another spelling", "national_id": national_id}
        )
        self.assertEqual(volunteer.partner_id, beneficiary.partner_id)
        self.assertEqual(volunteer.name, "V Beneficiary Too", "The contact keeps its data")
        partner = self.env["res.partner"].create({"name": "V Mobile", "mobile": "+966551239999"})
        by_mobile = self.env["shaqra.volunteer"].create(
            {"name": "V Mobile", "national_id": saudi_id(88000003), "mobile": "0551239999"}
        )
        self.assertEqual(by_mobile.partner_id, partner)

    def test_portal_volunteer_sees_only_own_file(self):
        user = self.volunteer.user_id
        self.assertEqual(self.env["shaqra.volunteer"].with_user(user).search([]), self.volunteer)
        with self.assertRaises(AccessError):
            self.other.with_user(user).read(["national_id"])
        with self.assertRaises(AccessError):
            self.env["shaqra.volunteer.hours"].with_user(user).create(
                {
                    "volunteer_id": self.other.id,
                    "date": fields.Date.today(),
                    "hours": 1,
                    "activity": "V forged",
                }
            )

    # -- Hours -----------------------------------------------------------------

    def _hours(self, volunteer=None, hours=2.0, date=None, user=None):
        volunteer = volunteer or self.volunteer
        Hours = self.env["shaqra.volunteer.hours"]
        if user:
            Hours = Hours.with_user(user)
        return Hours.create(
            {
                "volunteer_id": volunteer.id,
                "assignment_id": self.assignment.id if volunteer == self.volunteer else False,
                "date": date or fields.Date.today(),
                "hours": hours,
                "activity": "V sorted baskets",
            }
        )

    def test_hours_approved_by_action_only(self):
        line = self._hours(user=self.volunteer.user_id)
        line.with_user(self.volunteer.user_id).action_submit()
        self.assertEqual(line.state, "submitted")
        admin = self.env.ref("base.user_admin")
        for user in (self.volunteer.user_id, self.supervisor, self.coordinator, admin):
            with self.assertRaises(AccessError, msg=user.login):
                line.with_user(user).write({"approved_by_id": user.id})
            with self.assertRaises(AccessError, msg=user.login):
                line.with_user(user).write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.env["shaqra.volunteer.hours"].with_user(self.coordinator).create(
                {
                    "volunteer_id": self.volunteer.id,
                    "date": fields.Date.today(),
                    "hours": 1,
                    "activity": "V forged",
                    "approved_by_id": self.coordinator.id,
                }
            )
        with self.assertRaisesRegex(AccessError, "own hours"):
            line.with_user(self.volunteer.user_id).action_approve()
        with self.assertRaises(AccessError):
            line.with_user(self.reception).action_approve()
        self.assertEqual(line.state, "submitted")
        line.with_user(self.supervisor).action_approve()
        self.assertEqual(line.state, "approved")
        self.assertEqual(line.approved_by_id, self.supervisor)
        self.assertTrue(line.approved_on)
        self.assertEqual(self.volunteer.hours_approved, 2.0)
        with self.assertRaises(UserError):
            line.with_user(self.coordinator).write({"hours": 5})

    def test_hours_sane_limits(self):
        with self.assertRaises(ValidationError):
            self._hours(hours=25)
        with self.assertRaises(ValidationError):
            self._hours(hours=0)
        with self.assertRaises(ValidationError):
            self._hours(date=fields.Date.add(fields.Date.today(), days=1))
        self._hours(hours=20)
        with self.assertRaisesRegex(ValidationError, "24"):
            self._hours(hours=5)

    def test_hours_rejected_then_resubmitted(self):
        line = self._hours(user=self.volunteer.user_id)
        line.with_user(self.volunteer.user_id).action_submit()
        line.with_user(self.coordinator).action_reject("V not this day")
        self.assertEqual(line.state, "rejected")
        self.assertFalse(line.approved_by_id)
        line.with_user(self.volunteer.user_id).action_submit()
        self.assertEqual(line.state, "submitted")

    # -- Opportunities and seats -------------------------------------------------

    def test_seats_limit_enforced_on_accept(self):
        opportunity = self.opportunity.copy({"name": "V One seat", "seats": 1})
        first = self.env["shaqra.volunteer.assignment"].create(
            {"volunteer_id": self.volunteer.id, "opportunity_id": opportunity.id}
        )
        second = self.env["shaqra.volunteer.assignment"].create(
            {"volunteer_id": self.other.id, "opportunity_id": opportunity.id}
        )
        first.with_user(self.supervisor).action_accept()
        with self.assertRaisesRegex(UserError, "full"):
            second.with_user(self.coordinator).action_accept()
        self.assertEqual(second.state, "applied")
        self.assertEqual(opportunity.seats_available, 0)
        first.with_user(self.coordinator).action_decline()
        second.with_user(self.coordinator).action_accept()
        self.assertEqual(second.state, "accepted")

    def test_check_in_and_out_only_by_actions(self):
        with self.assertRaises(AccessError):
            self.assignment.with_user(self.coordinator).write({"check_in": fields.Datetime.now()})
        with self.assertRaises(AccessError):
            self.assignment.with_user(self.coordinator).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.assignment.with_user(self.volunteer.user_id).action_check_in()
        self.assignment.with_user(self.supervisor).action_check_in()
        self.assertTrue(self.assignment.check_in)
        self.assignment.with_user(self.supervisor).action_check_out()
        self.assertEqual(self.assignment.state, "done")
        self.assertTrue(self.assignment.check_out)

    def test_only_active_volunteers_apply(self):
        applicant = self._new_volunteer("V Not Yet", "v_not_yet")
        with self.assertRaisesRegex(UserError, "active volunteer"):
            self.env["shaqra.volunteer.assignment"].create(
                {"volunteer_id": applicant.id, "opportunity_id": self.opportunity.id}
            )

    # -- Certificate --------------------------------------------------------------

    def test_certificate_lists_what_was_done(self):
        line = self._hours(hours=3)
        line.action_submit()
        line.with_user(self.supervisor).action_approve()
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "shaqra_volunteer.action_report_volunteer_certificate", self.volunteer.ids
            )[0],
            "utf-8",
        )
        self.assertIn("V Food baskets", html)
        self.assertIn("V Warehouse", html)
        self.assertIn(self.volunteer.certificate_code, html)
        self.assertIn('dir="rtl"', html)
        self.assertIn("الموافق", html)


@tagged("post_install", "-at_install")
class TestVolunteerNotice(VolunteerSetupMixin, TransactionCase):
    """Policy A6: a notice naming a volunteer is delivered only by their confirmation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls._setup_volunteer_world()
        cls.volunteer = cls._active_volunteer("V Courier", "v_courier")
        cls.other = cls._active_volunteer("V Other Courier", "v_other_courier")
        cls.beneficiary = cls.env["shaqra.beneficiary"].create(
            {
                "name": "V Elderly",
                "national_id": saudi_id(88000010),
                "street": "V Street 5",
                "preferred_channel": "volunteer",
            }
        )
        cls.notice = cls._volunteer_notice(
            cls.beneficiary, cls.volunteer, "V Your appointment", "<p>V Come on Sunday</p>"
        )

    def test_a6_notice_delivered_only_by_the_volunteer(self):
        manager = self.env.ref("base.user_admin")
        for user in (self.reception, manager):
            with self.assertRaises(UserError):
                self.notice.with_user(user)._deliver(
                    {"volunteer_partner_id": self.volunteer.partner_id.id}
                )
        with self.assertRaises(AccessError):
            self.notice.with_user(manager).write({"volunteer_confirmed_on": fields.Datetime.now()})
        with self.assertRaises(AccessError):
            self.notice.with_user(self.other.user_id)._volunteer_confirm("visit")
        self.assertEqual(self.notice.state, "pending")
        self.notice.with_user(self.volunteer.user_id)._volunteer_confirm("visit", "V handed over")
        self.assertEqual(self.notice.state, "sent")
        self.assertTrue(self.notice.volunteer_confirmed_on)
        self.assertEqual(self.notice.volunteer_how, "visit")
        self.assertEqual(self.notice.author_id, self.volunteer.user_id)
        self.assertEqual(self.notice.volunteer_partner_id, self.volunteer.partner_id)
        with self.assertRaises(UserError):
            self.notice.with_user(self.volunteer.user_id)._volunteer_confirm("visit")

    def test_a6_volunteer_reads_only_open_tasks_assigned_to_them(self):
        Notice = self.env["shaqra.notification"]
        self.assertEqual(Notice.with_user(self.volunteer.user_id).search([]), self.notice)
        self.assertFalse(Notice.with_user(self.other.user_id).search([]))
        with self.assertRaises(AccessError):
            self.beneficiary.with_user(self.volunteer.user_id).read(["national_id"])
        task = self.notice.with_user(self.volunteer.user_id)._volunteer_task_values()
        self.assertEqual(task["street"], "V Street 5")
        self.assertNotIn("national_id", task)

    def test_a6_notice_wizard_gives_the_notice_to_the_volunteer(self):
        beneficiary = (
            self.env["shaqra.beneficiary"]
            .with_user(self.reception)
            .create(
                {
                    "name": "V Wizard Elderly",
                    "national_id": saudi_id(88000011),
                    "preferred_channel": "volunteer",
                }
            )
        )
        wizard = (
            self.env["shaqra.notification.wizard"]
            .with_user(self.reception)
            .create(
                {
                    "beneficiary_id": beneficiary.id,
                    "channel": "volunteer",
                    "subject": "V Wizard notice",
                    "body": "<p>V Wizard message</p>",
                    "volunteer_id": self.volunteer.id,
                }
            )
        )
        wizard.action_send()
        notice = self.env["shaqra.notification"].search([("subject", "=", "V Wizard notice")])
        self.assertEqual(notice.volunteer_id, self.volunteer)
        self.assertEqual(notice.state, "pending", "It waits for the volunteer's confirmation")
        self.assertFalse(notice.volunteer_confirmed_on)
        notice.with_user(self.volunteer.user_id)._volunteer_confirm("meeting")
        self.assertEqual(notice.state, "sent")

    def test_a6_volunteer_must_be_active(self):
        applicant = self._new_volunteer("V Inactive Courier", "v_inactive")
        with self.assertRaises(ValidationError):
            self._volunteer_notice(self.beneficiary, applicant, "V x")


@tagged("post_install", "-at_install")
class TestVolunteerExport(VolunteerSetupMixin, TransactionCase):
    """The approved hours for the national volunteering platform."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_volunteer_world()
        cls.volunteer = cls._active_volunteer("V Exported", "v_exported")
        assignment = cls._accepted_assignment(cls.volunteer)
        Hours = cls.env["shaqra.volunteer.hours"]
        cls.approved = Hours.create(
            {
                "volunteer_id": cls.volunteer.id,
                "assignment_id": assignment.id,
                "date": fields.Date.today(),
                "hours": 4,
                "activity": "V Exported work",
            }
        )
        cls.approved.action_submit()
        cls.approved.with_user(cls.supervisor).action_approve()
        cls.pending = Hours.create(
            {
                "volunteer_id": cls.volunteer.id,
                "date": fields.Date.today(),
                "hours": 1,
                "activity": "V Not approved yet",
            }
        )

    def test_export_lists_approved_hours_only(self):
        content = (
            self.env["shaqra.volunteer.hours"]
            .with_user(self.coordinator)
            ._national_platform_xlsx([("volunteer_id", "=", self.volunteer.id)])
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][0], self.volunteer.national_id)
        self.assertEqual(rows[0][2], "V Food baskets")
        self.assertEqual(rows[0][4], 4)
        with self.assertRaises(AccessError):
            self.env["shaqra.volunteer.hours"].with_user(self.supervisor)._national_platform_xlsx()
        action = self.approved.with_user(self.coordinator).action_export_national_platform()
        self.assertEqual(action["type"], "ir.actions.act_url")
