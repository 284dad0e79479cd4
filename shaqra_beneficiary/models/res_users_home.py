from odoo import api, models

# Where each role starts its day, most senior role first: (group, action,
# context of the action). Group xml ids are checked with has_group().
HOME_ACTIONS = (
    (
        "shaqra_beneficiary.group_manager",
        # The pipeline, overdue requests first in each stage (kanban order).
        "shaqra_beneficiary.shaqra_request_action",
        {"search_default_open": 1},
    ),
    (
        "shaqra_beneficiary.group_committee_member",
        "shaqra_beneficiary.shaqra_committee_meeting_action",
        {"search_default_my_committees": 1},
    ),
    (
        "shaqra_beneficiary.group_liaison_officer",
        "shaqra_beneficiary.shaqra_request_action",
        {"search_default_my_requests": 1, "search_default_open": 1},
    ),
    (
        "shaqra_beneficiary.group_reception",
        "shaqra_beneficiary.shaqra_request_action",
        {"search_default_open": 1, "search_default_received_today": 1},
    ),
    ("hr.group_hr_manager", "shaqra_beneficiary.shaqra_policy_action", {}),
    ("base.group_user", "shaqra_beneficiary.shaqra_policy_acknowledgement_action_my", {}),
)


class ResUsers(models.Model):
    _inherit = "res.users"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _shaqra_home_actions(self):
        """The role start screens: ``(group, action xml id, context)``, most
        senior role first. An add-on that gives a role a better first screen
        (e.g. management's overview) overrides this and replaces that role's row."""
        return list(HOME_ACTIONS)

    @api.model
    def _shaqra_home_action(self):
        """The start screen of the current user's role (the home action of staff).

        Run by the server action ``shaqra_beneficiary.action_shaqra_home``,
        which is the home action of the association's users: the action is
        chosen at each login from the user's groups, so a user who changes
        role lands on the new role's screen.
        """
        user = self.env.user
        for group, xmlid, context in self._shaqra_home_actions():
            if user.has_group(group):
                action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
                action["context"] = dict(context)
                return action
        return False

    @api.model
    def _shaqra_policies_home_action(self):
        """The first screen of the Policies app: HR works on the governing
        documents, every other employee on the documents they must sign."""
        xmlid = (
            "shaqra_beneficiary.shaqra_policy_action"
            if self.env.user.has_group("hr.group_hr_manager")
            else "shaqra_beneficiary.shaqra_policy_acknowledgement_action_my"
        )
        return self.env["ir.actions.act_window"]._for_xml_id(xmlid)

    @api.model
    def _shaqra_set_home_action(self):
        """Give the role start screen to the internal users who have no home action."""
        home = self.env.ref("shaqra_beneficiary.action_shaqra_home", raise_if_not_found=False)
        if not home:
            return
        users = self.with_context(active_test=False).search(
            [("share", "=", False), ("action_id", "=", False)]
        )
        users.write({"action_id": home.id})
