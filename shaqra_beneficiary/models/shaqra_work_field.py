from odoo import fields, models


class ShaqraWorkField(models.Model):
    """A field of the association's work: social aid, housing, health... (F1)."""

    _name = "shaqra.work.field"
    _description = "Field of Work"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Concerned Department",
        ondelete="restrict",
        help="The department responsible for dealing with the beneficiaries of this field "
        "(policy ART1).",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a field of work must be unique."),
    ]
