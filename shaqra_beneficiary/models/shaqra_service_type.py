from odoo import api, fields, models


class ShaqraServiceType(models.Model):
    """A kind of request with its criteria and requirements (policy C2)."""

    _name = "shaqra.service.type"
    _description = "Service Type"
    _inherit = ["mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    field_id = fields.Many2one(
        "shaqra.work.field", string="Field of Work", required=True, ondelete="restrict"
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Concerned Department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        ondelete="restrict",
        help="The department responsible for dealing with the beneficiary for this service "
        "(policy ART1); by default the department of its field of work.",
    )
    committee_id = fields.Many2one(
        "shaqra.committee",
        string="Reviewing Committee",
        check_company=True,
        help="The committee that studies requests of this type (policy C5).",
    )
    criteria = fields.Html(
        translate=True,
        help="Who may apply and on which conditions; shown to the beneficiary "
        "before applying (policy C2).",
    )
    requirement_ids = fields.One2many(
        "shaqra.service.requirement", "service_type_id", string="Requirements", copy=True
    )
    response_days = fields.Integer(
        string="Working Days to Answer",
        default=15,
        required=True,
        help="Working days from the day the request is complete (policy C6).",
    )
    is_published = fields.Boolean(
        string="Published on Portal",
        help="Beneficiaries see the criteria and may apply from the portal.",
    )

    agreement_template_ids = fields.One2many(
        "shaqra.agreement.template", "service_type_id", string="Agreement Templates"
    )

    _sql_constraints = [
        (
            "response_days_positive",
            "check(response_days > 0)",
            "The number of working days to answer must be positive.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("field_id.department_id")
    def _compute_department_id(self):
        for service in self:
            service.department_id = service.field_id.department_id or service.department_id

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _shaqra_agreement_template(self):
        """The published agreement template of this service (ART2), if any."""
        self.ensure_one()
        return self.agreement_template_ids.filtered(lambda t: t.state == "published")[:1]
