from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.shaqra_beneficiary.models.shaqra_notification import (
    ShaqraNotification as BaseNotification,
)
from odoo.addons.shaqra_beneficiary.tools import validation
from odoo.addons.shaqra_beneficiary.tools.client_info import client_info

# The key that lets the volunteer's own confirmation deliver a notice. A
# Python object: it cannot travel in a JSON-RPC context.
_VOLUNTEER_CONFIRM = object()

VOLUNTEER_PROOF_FIELDS = (
    "volunteer_confirmed_on",
    "volunteer_ip",
    "volunteer_user_agent",
    "volunteer_how",
    "volunteer_note",
)


class ShaqraNotification(models.Model):
    """A notice delivered by a named volunteer (policy A6).

    A notice naming a volunteer is delivered only when that volunteer
    confirms the delivery on their portal (/my/volunteer): who, when, how
    and from which IP address are recorded as evidence. Nobody else, staff
    and administrator included, can mark it delivered.
    """

    _inherit = "shaqra.notification"
    _evidence_fields = (*BaseNotification._evidence_fields, *VOLUNTEER_PROOF_FIELDS)

    volunteer_id = fields.Many2one(
        "shaqra.volunteer",
        string="Volunteer",
        index=True,
        ondelete="restrict",
        domain=[("state", "=", "active")],
        tracking=True,
        help="The volunteer who delivers the notice (A6). The notice counts as delivered "
        "only when this volunteer confirms it on their portal.",
    )
    volunteer_confirmed_on = fields.Datetime(
        string="Confirmed by the Volunteer On", readonly=True, copy=False
    )
    volunteer_ip = fields.Char(string="Volunteer IP Address", readonly=True, copy=False)
    volunteer_user_agent = fields.Char(string="Volunteer Browser", readonly=True, copy=False)
    volunteer_how = fields.Selection(
        [
            ("visit", "Home visit"),
            ("meeting", "Met in person elsewhere"),
            ("phone", "By phone on behalf of the association"),
        ],
        string="Delivered How",
        readonly=True,
        copy=False,
    )
    volunteer_note = fields.Text(string="Volunteer's Note", readonly=True, copy=False)

    @api.constrains("volunteer_id", "channel")
    def _check_volunteer(self):
        for notice in self:
            if notice.volunteer_id and notice.channel != "volunteer":
                raise ValidationError(
                    self.env._("Only a notice over the volunteer channel names a volunteer.")
                )
            if notice.volunteer_id and notice.state == "pending":
                if notice.volunteer_id.sudo().state != "active":
                    raise ValidationError(
                        self.env._(
                            "%(name)s is not an active volunteer.",
                            name=notice.volunteer_id.sudo().name,
                        )
                    )

    def _volunteer_confirming(self):
        return self.env.context.get("shaqra_volunteer_confirm") is _VOLUNTEER_CONFIRM

    def _volunteer_check_confirmation(self):
        for notice in self:
            if notice.volunteer_id and not notice._volunteer_confirming():
                raise UserError(
                    self.env._(
                        "This notice is delivered by the volunteer %(name)s: it counts as "
                        "delivered only when they confirm it on their portal.",
                        name=notice.volunteer_id.sudo().name,
                    )
                )

    def _check_deliverable(self, proof=None):
        res = super()._check_deliverable(proof)
        self._volunteer_check_confirmation()
        return res

    def _deliver_volunteer(self, proof=None):
        """The volunteer channel (A6): only the named volunteer's confirmation."""
        parent = getattr(super(), "_deliver_volunteer", None)
        vals = parent(proof) if parent else {}
        self._volunteer_check_confirmation()
        vals = dict(vals or {})
        if self.volunteer_id:
            vals["volunteer_partner_id"] = self.volunteer_id.sudo().partner_id.id
        return vals

    def _volunteer_confirm(self, how, note=None):
        """The named volunteer confirms, on the portal, that they delivered the notice."""
        self.ensure_one()
        notice = self.sudo()
        volunteer = notice.volunteer_id
        user = self.env.user
        if not volunteer or volunteer.partner_id != user.partner_id or user._is_public():
            raise AccessError(self.env._("This notice is not assigned to you."))
        if notice.state != "pending":
            raise UserError(self.env._("This notice is no longer waiting to be delivered."))
        if volunteer.state != "active":
            raise UserError(self.env._("Only an active volunteer can deliver notices."))
        if how not in dict(self._fields["volunteer_how"].selection):
            raise UserError(self.env._("Say how you delivered the notice."))
        note = (note or "").strip() or False
        if note:
            validation.check_length(notice, "volunteer_note", note, validation.MAX_TEXT_LENGTH)
        ip_address, user_agent = client_info()
        notice = notice.with_context(shaqra_volunteer_confirm=_VOLUNTEER_CONFIRM)
        notice._evidence_write(
            {
                "volunteer_confirmed_on": fields.Datetime.now(),
                "volunteer_ip": ip_address,
                "volunteer_user_agent": user_agent,
                "volunteer_how": how,
                "volunteer_note": note,
            }
        )
        notice._deliver({"volunteer_partner_id": volunteer.partner_id.id})
        return True

    def _volunteer_task_values(self):
        """What the volunteer needs to reach the recipient, and nothing more."""
        self.ensure_one()
        notice = self.sudo()
        partner = notice.partner_id
        return {
            "name": partner.name or getattr(notice, "recipient_name", "") or "",
            "street": " ".join(filter(None, (partner.street, partner.street2))),
            "city": partner.city or "",
            "mobile": partner.mobile or partner.phone or getattr(notice, "mobile", False) or "",
            "subject": notice.subject,
            "body": notice.body,
        }

    # ------------------------------------------------------------
    # ASSIGNING A NOTICE TO A VOLUNTEER (from the notice wizard)
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        assign_id = self.env.context.get("shaqra_volunteer_assign_id")
        if assign_id:
            for vals in vals_list:
                if vals.get("channel") == "volunteer" and not vals.get("volunteer_id"):
                    vals["volunteer_id"] = assign_id
        return super().create(vals_list)

    def write(self, vals):
        assign_id = self.env.context.get("shaqra_volunteer_assign_id")
        if assign_id and vals.get("channel") == "volunteer" and "volunteer_id" not in vals:
            vals = {**vals, "volunteer_id": assign_id}
        return super().write(vals)

    def _deliver(self, proof=None):
        if self.env.context.get("shaqra_volunteer_assign_id"):
            to_assign = self.filtered(lambda n: n.volunteer_id and n.state == "pending")
            to_assign._volunteer_assign_notify()
            rest = self - to_assign
            return super(ShaqraNotification, rest)._deliver(proof) if rest else True
        return super()._deliver(proof)

    def _volunteer_assign_notify(self):
        """Tell the volunteer a notice waits on their portal (no beneficiary data here)."""
        for notice in self:
            volunteer = notice.volunteer_id.sudo()
            notice.message_post(
                body=self.env._(
                    "Given to the volunteer %(name)s to deliver: the notice counts as "
                    "delivered when they confirm it on their portal.",
                    name=volunteer.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            volunteer.message_post(
                body=self.env._(
                    "A notice waits for you to deliver it: open your volunteer page "
                    "(/my/volunteer) to see it and confirm its delivery."
                ),
                partner_ids=volunteer.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
