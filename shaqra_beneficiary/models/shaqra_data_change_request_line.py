from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


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

    # ------------------------------------------------------------
    # COMPUTES AND CONSTRAINTS
    # ------------------------------------------------------------

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

    @api.constrains("field_name", "new_value")
    def _check_new_value(self):
        """Policy C3, F3: the value proposed obeys the rules of the form."""
        Beneficiary = self.env["shaqra.beneficiary"]
        for line in self:
            Beneficiary._shaqra_clean_correction(line.field_name, line.new_value or "")

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.su:
            lines.change_request_id._check_pending()
        return lines

    def write(self, vals):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "A proposed change is what the beneficiary asked for: it cannot be "
                    "changed. Reject the correction with an answer instead."
                )
            )
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "A proposed change is what the beneficiary asked for: it cannot be "
                    "deleted. Reject the correction with an answer instead."
                )
            )
        return super().unlink()

    def _display_value(self, value):
        """Human value of a raw one: the label of a selection key."""
        self.ensure_one()
        field = self.env["shaqra.beneficiary"]._fields.get(self.field_name)
        if field is not None and field.type == "selection" and value:
            return dict(field._description_selection(self.env)).get(value, value)
        return value

    def _value_to_write(self):
        """The proposed value, checked again with the rules of the form."""
        self.ensure_one()
        value = self.env["shaqra.beneficiary"]._shaqra_clean_correction(
            self.field_name, self.new_value or ""
        )
        return value or False
