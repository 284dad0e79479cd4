from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    shaqra_policy_acknowledgement_ids = fields.One2many(
        "shaqra.policy.acknowledgement",
        "employee_id",
        string="Document Acknowledgements",
        groups="hr.group_hr_manager",
    )
    shaqra_policy_pending_count = fields.Integer(
        string="Documents to Sign",
        compute="_compute_shaqra_policy_pending_count",
        groups="hr.group_hr_manager",
    )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    def write(self, vals):
        result = super().write(vals)
        if "user_id" in vals:
            # The liaison officers' record rules cache the users of the
            # assignments (shaqra.liaison.access.mixin).
            self.env.registry.clear_cache()
        return result

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    def _compute_shaqra_policy_pending_count(self):
        groups = self.env["shaqra.policy.acknowledgement"]._read_group(
            [
                ("employee_id", "in", self.ids),
                ("state", "=", "pending"),
                ("policy_id.state", "=", "published"),
            ],
            ["employee_id"],
            ["__count"],
        )
        counts = {employee.id: count for employee, count in groups}
        for employee in self:
            employee.shaqra_policy_pending_count = counts.get(employee.id, 0)
