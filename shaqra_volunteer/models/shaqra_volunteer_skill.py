from odoo import fields, models


class ShaqraVolunteerSkill(models.Model):
    """A skill a volunteer offers and an opportunity asks for."""

    _name = "shaqra.volunteer.skill"
    _description = "Volunteer Skill"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("name_uniq", "unique(name)", "This skill already exists.")]
