from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

RIGHTS_KINDS = [("restrict", "Restrict processing"), ("delete", "Delete my data")]
RIGHTS_STATES = [
    ("new", "Under review"),
    ("accepted", "Accepted"),
    ("partial", "Partly accepted"),
    ("refused", "Refused"),
]


class ShaqraDataRightsRequest(models.Model):
    """A beneficiary's request to restrict or delete their data (policy E2, PDPL).

    Management reviews it against what must be kept by law and for audit
    (open requests and agreements, payments, committee decisions) and the
    answer is sent over the agreed channel. Accepting a deletion anonymises
    the file and keeps the statistics; accepting a restriction flags the file.
    """

    _name = "shaqra.data.rights.request"
    _description = "Data Rights Request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "shaqra.evidence.mixin",
        "shaqra.notice.mixin",
    ]
    _order = "id desc"
    _rec_name = "beneficiary_id"
    _check_company_auto = True

    _evidence_fields = ("state", "reviewed_by_id", "reviewed_on", "notification_id")

    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary", required=True, index=True, ondelete="cascade", check_company=True
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True, index=True)
    kind = fields.Selection(RIGHTS_KINDS, string="Request", required=True, tracking=True)
    reason = fields.Text(string="Beneficiary's Reason")
    channel = fields.Selection(
        [("portal", "Portal"), ("reception", "Reception")], default="reception", required=True
    )
    state = fields.Selection(
        RIGHTS_STATES, string="Status", default="new", required=True, readonly=True, tracking=True
    )
    retained = fields.Text(
        string="Kept by Law or for Audit",
        help="What the association must keep, and why (open requests, agreements, payments, "
        "committee decisions).",
    )
    answer = fields.Text(help="The answer sent to the beneficiary over the agreed channel.")
    reviewed_by_id = fields.Many2one("res.users", string="Reviewed By", readonly=True)
    reviewed_on = fields.Datetime(readonly=True)
    notification_id = fields.Many2one("shaqra.notification", string="Answer Sent", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        for rights in requests:
            manager = (
                rights.company_id.shaqra_escalation_user_id
                or (
                    self.env.ref("shaqra_beneficiary.group_manager")
                    .users.filtered(lambda u: u.active and not u.share and u.id != 1)
                    .sorted("id")[:1]
                )
            )
            if manager:
                rights.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=manager.id,
                    summary=self.env._("Review a data rights request (E2)"),
                )
        return requests

    def _shaqra_retained_items(self):
        """What must be kept: open requests and agreements block a deletion."""
        self.ensure_one()
        beneficiary = self.beneficiary_id.sudo()
        items = []
        open_requests = beneficiary.request_ids.filtered(lambda r: not r.stage_is_final)
        if open_requests:
            items.append(
                self.env._(
                    "Requests still open: %(requests)s",
                    requests=", ".join(open_requests.mapped("name")),
                )
            )
        open_agreements = beneficiary.agreement_ids.filtered(
            lambda a: a.state in ("draft", "signed", "active")
        )
        if open_agreements:
            items.append(
                self.env._(
                    "Agreements in force: %(agreements)s",
                    agreements=", ".join(open_agreements.mapped("name")),
                )
            )
        return items

    def _shaqra_decide(self, state):
        if not self.env.user.has_group("shaqra_beneficiary.group_manager"):
            raise AccessError(self.env._("Only management reviews data rights requests."))
        for rights in self:
            if rights.state != "new":
                raise UserError(self.env._("This request was already answered."))
            if not (rights.answer or "").strip():
                raise UserError(self.env._("Write the answer to the beneficiary first."))
            blocking = rights._shaqra_retained_items()
            if state == "accepted" and rights.kind == "delete" and blocking:
                raise UserError(
                    self.env._(
                        "The data cannot be deleted while these must be kept: %(items)s. "
                        "Answer 'partly accepted' or 'refused' and say why.",
                        items="; ".join(blocking),
                    )
                )
            beneficiary = rights.beneficiary_id.sudo()
            # The answer goes out before a deletion removes the contact data.
            notice = rights._shaqra_notify(
                "other",
                self.env._("Answer to your data request"),
                Markup("<p>%s</p>") % rights.answer,
            )
            rights._evidence_write(
                {
                    "state": state,
                    "reviewed_by_id": self.env.uid,
                    "reviewed_on": fields.Datetime.now(),
                    "notification_id": notice.id,
                }
            )
            rights.activity_unlink(["mail.mail_activity_data_todo"])
            if state == "accepted" and rights.kind == "delete":
                beneficiary._shaqra_anonymise()
            elif state in ("accepted", "partial"):
                beneficiary.write({"processing_restricted": True})
        return True

    def action_accept(self):
        return self._shaqra_decide("accepted")

    def action_partial(self):
        return self._shaqra_decide("partial")

    def action_refuse(self):
        return self._shaqra_decide("refused")
