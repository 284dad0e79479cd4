from odoo import fields, models


class ShaqraServiceRequirement(models.Model):
    """One item of a service type's checklist (policy C2, C3)."""

    _name = "shaqra.service.requirement"
    _description = "Service Requirement"
    _order = "service_type_id, sequence, id"

    service_type_id = fields.Many2one(
        "shaqra.service.type", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    is_mandatory = fields.Boolean(string="Mandatory", default=True)
    document_required = fields.Boolean(
        string="Document Needed", help="A document must be attached to satisfy it."
    )
