from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ShaqraCommon


@tagged("post_install", "-at_install", "access_rights")
class TestSecurityGroups(ShaqraCommon):
    """The roles of the policy imply each other upward; menus follow them."""

    def test_groups_imply_upward(self):
        manager = self.user_manager
        for xmlid in (
            "shaqra_beneficiary.group_liaison_officer",
            "shaqra_beneficiary.group_committee_member",
            "shaqra_beneficiary.group_reception",
            "base.group_user",
        ):
            with self.subTest(group=xmlid):
                self.assertTrue(manager.has_group(xmlid))
        self.assertTrue(self.user_liaison.has_group("shaqra_beneficiary.group_reception"))
        self.assertTrue(self.user_committee.has_group("shaqra_beneficiary.group_reception"))
        self.assertFalse(self.user_liaison.has_group("shaqra_beneficiary.group_committee_member"))
        self.assertFalse(self.user_committee.has_group("shaqra_beneficiary.group_liaison_officer"))
        self.assertFalse(self.user_reception.has_group("shaqra_beneficiary.group_manager"))

    def test_app_menu_visible_by_role(self):
        root = self.env.ref("shaqra_beneficiary.shaqra_beneficiary_menu_root")
        settings = self.env.ref("shaqra_beneficiary.resource_calendar_menu_shaqra")
        menus = self.env["ir.ui.menu"]
        for user, sees_root, sees_calendars in (
            (self.user_reception, True, False),
            (self.user_liaison, True, False),
            (self.user_committee, True, False),
            (self.user_manager, True, True),
            (self.user_employee, False, False),
        ):
            with self.subTest(user=user.login):
                visible = menus.with_user(user)._visible_menu_ids()
                self.assertEqual(root.id in visible, sees_root)
                self.assertEqual(settings.id in visible, sees_calendars)

    def test_portal_user_has_no_backend_menus(self):
        with self.assertRaises(AccessError):
            self.env["ir.ui.menu"].with_user(self.user_portal).search([])
