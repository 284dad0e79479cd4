from odoo import api, fields, models
from odoo.exceptions import AccessError


class ShaqraRequestStageOverride(models.TransientModel):
    """A manager's documented correction of a request's stage.

    Stages after the committee are reached only by the committee's decision
    and the notice delivered (policy C5, E3). When a request must be moved
    anyway (a decision recorded on paper, a mistake to undo), a manager does
    it here with a reason; the change is logged as an evidence override and
    in the request's history.
    """

    _name = "shaqra.request.stage.override"
    _description = "Override Request Stage"

    request_id = fields.Many2one("shaqra.request", required=True, readonly=True)
    current_stage_id = fields.Many2one(
        related="request_id.stage_id", string="Current Stage", readonly=True
    )
    stage_id = fields.Many2one(
        "shaqra.request.stage",
        string="New Stage",
        required=True,
        domain="[('id', '!=', current_stage_id)]",
    )
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        self._check_manager()
        return super().default_get(fields_list)

    def _check_manager(self):
        if not self.env.user.has_group("shaqra_beneficiary.group_manager"):
            raise AccessError(
                self.env._("Only a manager can override the stage of a request, with a reason.")
            )

    def action_confirm(self):
        self.ensure_one()
        self._check_manager()
        self.request_id._evidence_override({"stage_id": self.stage_id.id}, self.reason)
        return {"type": "ir.actions.act_window_close"}
