from odoo import api, fields, models
from odoo.exceptions import UserError


class ShaqraStageMixin(models.AbstractModel):
    """A stage whose meaning is fixed by the module (policy C2-C6, D1-D3).

    Behaviour comes from flags on the stage records (as ``crm.stage.is_won``),
    and from ``key`` for the stages the module moves records to by its
    actions. Those meaning fields (``_stage_meaning_fields``) are set by the
    module's data alone (superuser); staff may rename, reorder and fold the
    stages, never make a stage mean something else, add or delete one. The
    concrete model declares ``key`` and its flags and says in
    :meth:`_key_message` why its pipeline is fixed.
    """

    _name = "shaqra.stage.mixin"
    _description = "Pipeline Stage (Fixed Meaning)"
    _order = "sequence, id"
    _stage_meaning_fields = ("key",)

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self._key_message())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and any(
            any(stage[name] != vals[name] for stage in self)
            for name in self._stage_meaning_fields
            if name in vals
        ):
            raise UserError(self._key_message())
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self._key_message())

    def _key_message(self):
        return self.env._(
            "The stages of this pipeline are fixed: their names, order and folding can be "
            "changed, not what they mean."
        )
