from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import validation

# The key that lets an action set evidence fields. It is a Python object, so
# it cannot travel in a JSON-RPC context: a client cannot forge it.
_EVIDENCE_TOKEN = object()


class ShaqraEvidenceMixin(models.AbstractModel):
    """Evidence fields that only the model's own actions may set.

    The association's records are its evidence (policy C3-C5, C8, A, ART4,
    E3): who verified a document, who signed, which committee decided, that
    a notice was delivered, that an employee signed. Such fields are listed
    once per model in ``_evidence_fields``; ``create`` and ``write`` refuse
    them from anyone, the administrator included, unless the call comes from
    the action that does the thing, through :meth:`_evidence_write` (or from
    server code running as superuser: module data, migrations).

    ``_evidence_frozen_fields`` (optional) lists what can no longer change
    once :meth:`_evidence_is_frozen` says the record is final (signed,
    approved, delivered, ...); ``_evidence_frozen_message`` says why.

    A manager who must correct evidence does it through
    :meth:`_evidence_override`, which requires a reason and leaves a trace
    (a ``shaqra.evidence.override`` row and a chatter message).
    """

    _name = "shaqra.evidence.mixin"
    _description = "Evidence Fields Set Only by Their Actions"

    # Fields only the model's actions may set (to the current user and time).
    _evidence_fields = ()
    # Fields that cannot change at all once the record is frozen.
    _evidence_frozen_fields = ()

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # A word for a number, a date or a record: a clear error (C3).
            validation.check_vals_types(self, vals)
        if not self._evidence_allowed():
            for vals in vals_list:
                self._evidence_check_vals(vals, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        validation.check_vals_types(self, vals)
        if not self._evidence_allowed():
            self._evidence_check_vals(vals)
            if self._evidence_frozen_fields:
                frozen = set(vals) & set(self._evidence_frozen_fields)
                locked = self.filtered(lambda r: r._evidence_is_frozen()) if frozen else self
                if frozen and locked:
                    raise UserError(locked[0]._evidence_frozen_message(frozen))
        return super().write(vals)

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _evidence_allowed(self):
        return self.env.su or self.env.context.get("shaqra_evidence") is _EVIDENCE_TOKEN

    def _evidence_check_vals(self, vals, creating=False):
        forged = [
            name for name in self._evidence_fields if name in vals and (vals[name] or not creating)
        ]
        if forged:
            labels = ", ".join(self._fields[name]._description_string(self.env) for name in forged)
            raise AccessError(
                self.env._(
                    "%(fields)s of %(model)s are evidence: they are set only by the action "
                    "that does the thing (verifying, signing, deciding, delivering), never "
                    "typed in.",
                    fields=labels,
                    # The model's name in the user's language (Arabic).
                    model=self.env["ir.model"]._get(self._name).sudo().name or self._description,
                )
            )

    def _evidence_is_frozen(self):
        """Whether this record's ``_evidence_frozen_fields`` are final."""
        return False

    def _evidence_frozen_message(self, field_names):
        labels = ", ".join(
            self._fields[name]._description_string(self.env) for name in field_names
        )
        return self.env._(
            "%(record)s is final: %(fields)s can no longer be changed.",
            record=self.display_name,
            fields=labels,
        )

    def _evidence_write(self, vals):
        """Write evidence fields from the action that does the thing."""
        return self.with_context(shaqra_evidence=_EVIDENCE_TOKEN).write(vals)

    @api.model
    def _evidence_create(self, vals_list):
        """Create records with evidence fields from the action that does it."""
        records = self.with_context(shaqra_evidence=_EVIDENCE_TOKEN).create(vals_list)
        return records.with_env(self.env)

    def _evidence_override(self, vals, reason):
        """A manager's documented correction of evidence: logged, never silent."""
        if not self.env.user.has_group("shaqra_beneficiary.group_manager"):
            raise AccessError(
                self.env._("Only a manager can override recorded evidence, with a reason.")
            )
        reason = (reason or "").strip()
        if len(reason) < 10:
            raise UserError(
                self.env._("Give the reason for the override (at least 10 characters).")
            )
        Override = self.env["shaqra.evidence.override"].sudo()
        for record in self:
            old = {name: record[name] for name in vals if name in record._fields}
            Override.create(
                {
                    "res_model": record._name,
                    "res_id": record.id,
                    "reason": reason,
                    "changes": "\n".join(
                        f"{record._fields[name]._description_string(self.env)}: "
                        f"{record._evidence_display(name, old[name])} → "
                        f"{record._evidence_display(name, vals[name])}"
                        for name in old
                    ),
                }
            )
            if hasattr(record, "message_post"):
                record.message_post(
                    body=self.env._(
                        "Manager override by %(user)s: %(reason)s",
                        user=self.env.user.name,
                        reason=reason,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return self._evidence_write(vals)

    def _evidence_display(self, name, value):
        field = self._fields[name]
        if field.type == "many2one":
            record = (
                value
                if isinstance(value, models.BaseModel)
                else self.env[field.comodel_name].browse(value or [])
            )
            return record.sudo().display_name or "-"
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value) or "-"
        return str(value) if value not in (False, None) else "-"


class ShaqraEvidenceOverride(models.Model):
    """The trace a manager's override of recorded evidence leaves behind."""

    _name = "shaqra.evidence.override"
    _description = "Evidence Override"
    _order = "id desc"
    _rec_name = "res_model"

    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    res_id = fields.Many2oneReference(
        string="Record", model_field="res_model", required=True, readonly=True, index=True
    )
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, default=lambda self: self.env.user
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    reason = fields.Text(required=True, readonly=True)
    changes = fields.Text(readonly=True)

    def write(self, vals):
        if not self.env.su:
            raise UserError(self.env._("An override record is evidence and cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("An override record is evidence and cannot be deleted."))
