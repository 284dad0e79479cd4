from odoo import api, fields, models


class ShaqraLiaisonAssignment(models.Model):
    """Policy F1: one liaison officer per beneficiary category and field of work."""

    _name = "shaqra.liaison.assignment"
    _description = "Liaison Officer Assignment"
    _order = "category_id, field_id"
    _check_company_auto = True

    category_id = fields.Many2one(
        "shaqra.beneficiary.category", required=True, ondelete="restrict", index=True
    )
    field_id = fields.Many2one("shaqra.work.field", required=True, ondelete="restrict", index=True)
    employee_id = fields.Many2one(
        "hr.employee", string="Liaison Officer", required=True, check_company=True
    )
    backup_employee_id = fields.Many2one(
        "hr.employee", string="Backup Officer", check_company=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", store=True, string="Officer User")
    backup_user_id = fields.Many2one(
        related="backup_employee_id.user_id", store=True, string="Backup Officer User"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "category_field_unique",
            "unique(category_id, field_id, company_id)",
            "A category and field of work can have only one liaison officer.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("category_id", "field_id", "employee_id")
    def _compute_display_name(self):
        for assignment in self:
            assignment.display_name = self.env._(
                "%(category)s / %(field)s: %(officer)s",
                category=assignment.category_id.name or "",
                field=assignment.field_id.name or "",
                officer=assignment.employee_id.name or "",
            )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        assignments = super().create(vals_list)
        # The liaison officers' record rules read the assignments from a cache.
        self.env.registry.clear_cache()
        return assignments

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    @api.model
    def _find(self, category, field, company=None):
        """The assignment for a category and a field of work, if any."""
        if not category or not field:
            return self.browse()
        company = company or self.env.company
        return self.search(
            [
                ("category_id", "=", category.id),
                ("field_id", "=", field.id),
                ("company_id", "=", company.id),
            ],
            limit=1,
        )
