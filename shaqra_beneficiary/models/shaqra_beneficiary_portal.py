from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Contact and profile data a beneficiary may ask to correct (policy F3). Fields
# that do not exist on the model (added by other add-ons or not) are skipped.
# The household size is not among them: it is counted from the household
# members, which staff record after checking the family documents.
PORTAL_CORRECTABLE_FIELDS = (
    "phone",
    "mobile",
    "email",
    "whatsapp_number",
    "street",
    "street2",
    "city",
    "zip",
    "preferred_channel",
)
# The beneficiary's comment on a correction.
MAX_CORRECTION_NOTE_LENGTH = 2000


class ShaqraBeneficiary(models.Model):
    _inherit = "shaqra.beneficiary"

    portal_user_id = fields.Many2one(
        "res.users",
        compute="_compute_portal_user_id",
        string="Portal User",
        help="The portal account through which the beneficiary follows their requests.",
    )
    data_change_request_ids = fields.One2many(
        "shaqra.data.change.request", "beneficiary_id", string="Data Corrections"
    )
    data_change_request_count = fields.Integer(compute="_compute_data_change_request_count")

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("partner_id.user_ids")
    def _compute_portal_user_id(self):
        for beneficiary in self:
            beneficiary.portal_user_id = (
                beneficiary.partner_id.sudo()
                .with_context(active_test=True)
                .user_ids.filtered(lambda user: user._is_portal())[:1]
            )

    def _compute_data_change_request_count(self):
        counts = self._count_by_beneficiary("shaqra.data.change.request")
        for beneficiary in self:
            beneficiary.data_change_request_count = counts.get(beneficiary, 0)

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # Arabic is the beneficiaries' language: the portal invitation and every
        # e-mail to them are rendered in Arabic when it is installed.
        if self.env["res.lang"]._get_code("ar_001"):
            for vals in vals_list:
                if not vals.get("partner_id"):
                    vals.setdefault("lang", "ar_001")
        return super().create(vals_list)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_grant_portal_access(self):
        """Give the beneficiary a portal account and send the invitation (F2).

        Goes through Odoo's portal wizard, which creates the user and sends
        the invitation e-mail in the partner's language. Reception staff
        need no partner-manager rights for it, hence the checked sudo.
        """
        self.ensure_one()
        if not self.env.user.has_group("shaqra_beneficiary.group_reception"):
            raise AccessError(self.env._("Only reception staff may grant portal access."))
        self.check_access("write")
        if not self.email:
            raise UserError(
                self.env._(
                    "Enter the e-mail address of %(name)s first: the portal invitation "
                    "is sent to it.",
                    name=self.name,
                )
            )
        wizard = (
            self.env["portal.wizard"]
            .sudo()
            .with_context(active_ids=self.partner_id.ids, active_model="res.partner")
            .create({})
        )
        wizard_user = wizard.user_ids.filtered(lambda line: line.partner_id == self.partner_id)
        if wizard_user.is_portal:
            wizard_user.action_invite_again()
            message = self.env._("The portal invitation was sent again to %s.", self.email)
        else:
            wizard_user.action_grant_access()
            message = self.env._(
                "Portal access granted; the invitation was sent to %s.", self.email
            )
        self.message_post(body=message, message_type="comment", subtype_xmlid="mail.mt_note")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _portal_correctable_fields(self):
        """Names of the fields a beneficiary may ask to correct (F3)."""
        return [name for name in PORTAL_CORRECTABLE_FIELDS if name in self._fields]

    @api.model
    def _shaqra_clean_correction(self, name, raw):
        """The proposed value of ``name`` as stored on a correction line.

        Applies the rules of the beneficiary form (``_shaqra_check_value``),
        so that the portal form, the correction line and its approval refuse
        the same values. Returns a string ('' to clear the field); raises
        ValidationError with a message naming the field.
        """
        field = self._fields.get(name)
        if name not in self._portal_correctable_fields() or field is None:
            raise ValidationError(
                self.env._("The field %(field)s cannot be corrected this way.", field=name)
            )
        label = field._description_string(self.env)
        value = raw.strip() if isinstance(raw, str) else ""
        if not isinstance(raw, str) and raw not in (False, None):
            raise ValidationError(self.env._("%(field)s: the value is not valid.", field=label))
        if not value:
            if field.required:
                raise ValidationError(self.env._("%(field)s cannot be empty.", field=label))
            return ""
        if field.type == "selection":
            if value not in dict(field._description_selection(self.env)):
                raise ValidationError(
                    self.env._("%(field)s: choose one of the options.", field=label)
                )
            return value
        if field.type == "char" and len(value) > 200:
            raise ValidationError(self.env._("%(field)s is too long.", field=label))
        return self._shaqra_check_value(name, value)

    def _shaqra_correction_specs(self):
        """(name, label, type, current value, options) of each correctable field."""
        names = self._portal_correctable_fields()
        descriptions = self.fields_get(names, ["string", "type", "selection"])
        result = []
        for name in names:
            description = descriptions[name]
            value = self[name] if self else False
            result.append(
                {
                    "name": name,
                    "label": description["string"],
                    "type": description["type"],
                    "value": "" if value is False or value is None else str(value),
                    "options": description.get("selection") or [],
                }
            )
        return result

    def _shaqra_prepare_correction(self, values, note):
        """Policy F3: what a correction proposed by the beneficiary may change.

        ``values`` maps field names to the proposed raw values (fields not
        given stay as they are). Returns ``(line commands, errors)``: the
        changed fields, each cleaned by the rules of the beneficiary form, and
        the translated messages of what was refused.
        """
        self.ensure_one()
        errors = []
        lines = []
        if len(note or "") > MAX_CORRECTION_NOTE_LENGTH:
            errors.append(
                self.env._(
                    "The comment is too long: at most %(limit)s characters.",
                    limit=MAX_CORRECTION_NOTE_LENGTH,
                )
            )
        for spec in self._shaqra_correction_specs():
            if spec["name"] not in values:
                continue
            try:
                value = self._shaqra_clean_correction(spec["name"], values[spec["name"]])
            except ValidationError as exc:
                errors.append(exc.args[0])
                continue
            if value != spec["value"]:
                lines.append(
                    Command.create(
                        {
                            "field_name": spec["name"],
                            "old_value": spec["value"],
                            "new_value": value,
                        }
                    )
                )
        if not errors and not lines:
            errors.append(self.env._("You did not change anything."))
        return lines, errors

    def _shaqra_propose_correction(self, lines, note):
        """Policy F3: record the correction; staff approve it before it applies.

        Nothing is half-saved: a line the correction model refuses raises
        ValidationError and leaves no correction behind.
        """
        self.ensure_one()
        with self.env.cr.savepoint():
            change = (
                self.env["shaqra.data.change.request"]
                .sudo()
                .create({"beneficiary_id": self.id, "note": note or False, "line_ids": lines})
            )
        change.message_subscribe(partner_ids=self.partner_id.ids)
        return change
