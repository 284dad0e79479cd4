from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ShaqraDataChangeRequestLine(models.Model):
    """One field of a data correction: the value on record and the one proposed."""

    _name = "shaqra.data.change.request.line"
    _description = "Beneficiary Data Correction Line"
    _order = "change_request_id, id"

    change_request_id = fields.Many2one(
        "shaqra.data.change.request", required=True, ondelete="cascade", index=True
    )
    field_name = fields.Char(required=True, help="Technical name of the beneficiary field.")
    field_label = fields.Char(compute="_compute_field_label", string="Field")
    old_value = fields.Char(string="Value on Record")
    new_value = fields.Char(string="Proposed Value")
    new_value_display = fields.Char(compute="_compute_new_value_display", string="Proposed")

    @api.depends("field_name")
    def _compute_field_label(self):
        Beneficiary = self.env["shaqra.beneficiary"]
        descriptions = Beneficiary.fields_get(Beneficiary._portal_correctable_fields(), ["string"])
        for line in self:
            line.field_label = descriptions.get(line.field_name, {}).get("string", line.field_name)

    @api.depends("field_name", "new_value")
    def _compute_new_value_display(self):
        for line in self:
            line.new_value_display = line._display_value(line.new_value)

    @api.constrains("field_name")
    def _check_field_name(self):
        allowed = self.env["shaqra.beneficiary"]._portal_correctable_fields()
        for line in self:
            if line.field_name not in allowed:
                raise ValidationError(
                    self.env._(
                        "The field %(field)s cannot be corrected this way.", field=line.field_name
                    )
                )

    def _display_value(self, value):
        """Human value of a raw one: the label of a selection key."""
        self.ensure_one()
        field = self.env["shaqra.beneficiary"]._fields.get(self.field_name)
        if field is not None and field.type == "selection" and value:
            return dict(field._description_selection(self.env)).get(value, value)
        return value

    def _value_to_write(self):
        """The proposed value converted to the field's type."""
        self.ensure_one()
        field = self.env["shaqra.beneficiary"]._fields[self.field_name]
        if not self.new_value:
            return False
        if field.type == "integer":
            return int(self.new_value)
        return self.new_value
