from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ShaqraComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintEthics(ShaqraComplaintCommon):
    """Policy E4: ethics concerns arrive through the complaints channel and stay
    with management, never with the employee they are about."""

    def _concern(self, **values):
        return self._complaint(
            kind="ethics",
            employee_concerned_id=self.employee_concerned.id,
            description="An employee asked a beneficiary for a gift.",
            **values,
        )

    def test_e4_ethics_concern_is_seen_by_management_only(self):
        concern = self._concern()
        complaint = self._complaint()
        Complaint = self.env["shaqra.complaint"]
        for user in (self.user_reception, self.user_liaison, self.user_committee):
            with self.subTest(user=user.login):
                visible = Complaint.with_user(user).search([("id", "in", concern.ids)])
                self.assertFalse(visible)
                with self.assertRaises(AccessError):
                    concern.with_user(user).read(["description"])
        manager_view = Complaint.with_user(self.user_manager).search(
            [("id", "in", (concern | complaint).ids)]
        )
        self.assertEqual(manager_view, concern | complaint)
        self.assertEqual(concern.with_user(self.user_manager).description, concern.description)

    def test_e4_the_manager_concerned_never_sees_it(self):
        concern = self._concern()
        Complaint = self.env["shaqra.complaint"].with_user(self.user_concerned)
        self.assertFalse(Complaint.search([("id", "=", concern.id)]))
        with self.assertRaises(AccessError):
            concern.with_user(self.user_concerned).read(["description"])

    def test_e4_answered_by_management_without_committee_or_officer(self):
        concern = self._concern()
        self.assertFalse(concern.committee_id)
        self.assertFalse(concern.liaison_officer_id)
        # The answer activity goes to management, not to a liaison officer.
        self.assertNotEqual(concern._deadline_responsible_user(), self.user_liaison)
        self.assertNotEqual(concern._deadline_responsible_user(), self.user_concerned)
        with self.assertRaises(UserError):
            concern.with_user(self.user_manager).action_send_to_committee()
        self.assertEqual(
            self.env["shaqra.complaint.sla"]._for_kind("ethics", concern.company_id).answer_days,
            15,
        )

    def test_e4_an_ethics_concern_may_be_anonymous(self):
        concern = self._complaint(
            kind="ethics",
            beneficiary_id=False,
            is_anonymous=True,
            description="Reported without a name.",
        )
        self.assertTrue(concern.is_anonymous)
        with self.assertRaises(ValidationError):
            self._complaint(kind="support", beneficiary_id=False, is_anonymous=True)
