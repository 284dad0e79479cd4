from odoo import fields, models


class ShaqraPolicyDepartmentCopy(models.Model):
    """The copy of a document version given to a department (ART4).

    Human Resources gives every department a copy of the policy; this
    records which department received which version, when, and through
    which manager.
    """

    _name = "shaqra.policy.department.copy"
    _description = "Department Copy of a Document"
    _order = "sent_on desc, id desc"
    _rec_name = "department_id"

    policy_id = fields.Many2one(
        "shaqra.policy", string="Document", required=True, ondelete="cascade", index=True
    )
    policy_version = fields.Integer(
        related="policy_id.version", store=True, string="Version", aggregator=False
    )
    department_id = fields.Many2one("hr.department", required=True, ondelete="cascade", index=True)
    manager_id = fields.Many2one("hr.employee", string="Manager", ondelete="set null")
    sent_on = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    sent_by_id = fields.Many2one(
        "res.users", string="Sent By", default=lambda self: self.env.user, readonly=True
    )
    email = fields.Char(related="manager_id.work_email", string="Manager E-mail")

    _sql_constraints = [
        (
            "policy_department_uniq",
            "unique(policy_id, department_id)",
            "A department receives one copy of each version.",
        ),
    ]
