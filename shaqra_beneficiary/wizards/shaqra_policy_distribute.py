from odoo import api, fields, models
from odoo.exceptions import UserError


class ShaqraPolicyDistribute(models.TransientModel):
    """Human Resources distributes a published version to its audience (ART4)."""

    _name = "shaqra.policy.distribute"
    _description = "Distribute a Document"

    policy_id = fields.Many2one(
        "shaqra.policy",
        string="Document",
        required=True,
        domain=[("state", "=", "published")],
        ondelete="cascade",
    )
    target = fields.Selection(
        [
            ("all", "All Employees"),
            ("departments", "Chosen Departments"),
            ("employees", "Chosen Employees"),
            ("partners", "Chosen Contractors and Volunteers"),
        ],
        string="Distribute To",
        required=True,
        default="all",
    )
    department_ids = fields.Many2many("hr.department", string="Departments")
    employee_ids = fields.Many2many("hr.employee", string="Employees")
    partner_ids = fields.Many2many(
        "res.partner",
        string="Contractors and Volunteers",
        domain=[("user_ids.share", "=", True)],
        help="Contacts with portal access who must acknowledge the document.",
    )
    send_mail = fields.Boolean(string="Send E-mail", default=True)
    recipient_count = fields.Integer(string="New Recipients", compute="_compute_recipients")
    already_count = fields.Integer(string="Already Asked", compute="_compute_recipients")

    @api.depends("policy_id", "target", "department_ids", "employee_ids", "partner_ids")
    def _compute_recipients(self):
        for wizard in self:
            employees, partners = wizard._recipients()
            existing = wizard.policy_id.acknowledgement_ids
            fresh = len(employees - existing.employee_id) + len(partners - existing.partner_id)
            wizard.recipient_count = fresh
            wizard.already_count = len(employees) + len(partners) - fresh

    def _recipients(self):
        """The employees and partners the wizard designates."""
        self.ensure_one()
        Employee = self.env["hr.employee"]
        partners = self.env["res.partner"]
        company = self.policy_id.company_id or self.env.company
        if self.target == "all":
            employees = Employee.search([("company_id", "in", company.ids)])
        elif self.target == "departments":
            employees = Employee.search(
                [("department_id", "child_of", self.department_ids.ids)]
                if self.department_ids
                else [("id", "=", False)]
            )
        elif self.target == "employees":
            employees = self.employee_ids
        else:
            employees = Employee
            partners = self.partner_ids
        return employees, partners

    def action_distribute(self):
        self.ensure_one()
        employees, partners = self._recipients()
        if not employees and not partners:
            raise UserError(
                self.env._("Choose at least one person to distribute the document to.")
            )
        acks = self.policy_id._distribute(
            employees=employees, partners=partners, send_mail=self.send_mail
        )
        self.policy_id.message_post(
            body=self.env._(
                "Distributed to %(count)s new people for acknowledgement.", count=len(acks)
            )
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s people were asked to acknowledge %(document)s.",
                    count=len(acks),
                    document=self.policy_id.display_name,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
