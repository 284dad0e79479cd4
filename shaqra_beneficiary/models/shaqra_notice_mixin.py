from odoo import fields, models


class ShaqraNoticeMixin(models.AbstractModel):
    """Records that notify their person over the agreed channel (policy A, C5, E3).

    A request, an agreement, a data rights request, a complaint, a
    compensation claim or a volunteer task inherits this mixin to log its
    notices as ``shaqra.notification`` rows about itself
    (``res_model``/``res_id``), with the proof their channel gives.

    Override :meth:`_shaqra_notice_recipient` to say who is notified and on
    which channel (default: the record's beneficiary on their agreed
    channel, else the record's ``partner_id`` by e-mail), and
    :meth:`_shaqra_notice_delivered` to act once a notice is delivered.
    """

    _name = "shaqra.notice.mixin"
    _description = "Notices over the Agreed Channel"

    notification_ids = fields.One2many(
        "shaqra.notification",
        "res_id",
        string="Notices",
        domain=lambda self: [("res_model", "=", self._name)],
        copy=False,
    )
    notification_count = fields.Integer(
        string="Notice Count", compute="_compute_notification_count"
    )

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    def _compute_notification_count(self):
        counts = dict(
            self.env["shaqra.notification"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for record in self:
            record.notification_count = counts.get(record.id, 0)

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _shaqra_notice_recipient(self):
        """Who is notified, and how: a dict with ``partner`` (res.partner),
        ``beneficiary`` (shaqra.beneficiary, may be empty), ``channel`` (a
        key of CHANNELS), ``name``, ``email`` and ``mobile`` (for a person
        without a contact)."""
        self.ensure_one()
        record = self.sudo()
        beneficiary = (
            record.beneficiary_id
            if "beneficiary_id" in record._fields
            else self.env["shaqra.beneficiary"]
        )
        partner = beneficiary.partner_id
        if not partner and "partner_id" in record._fields:
            partner = record.partner_id
        return {
            "partner": partner,
            "beneficiary": beneficiary,
            "channel": beneficiary.preferred_channel or "email",
            "name": partner.name or "",
            "email": partner.email or "",
            "mobile": beneficiary.whatsapp_number or partner.mobile or "",
        }

    def _shaqra_notice_values(self):
        """Extra values of this record's notices (e.g. its request)."""
        self.ensure_one()
        return {}

    def _shaqra_notice_create(self, kind, subject, body, channel=None):
        """A pending notice for each record (its delivery activity when a
        person must deliver it); returns the notices."""
        Notification = self.env["shaqra.notification"].sudo()
        notices = Notification
        for record in self:
            recipient = record._shaqra_notice_recipient()
            partner = recipient.get("partner") or self.env["res.partner"]
            company = record.company_id if "company_id" in record._fields else self.env.company
            vals = {
                "res_model": record._name,
                "res_id": record.id,
                "beneficiary_id": (
                    recipient.get("beneficiary") or self.env["shaqra.beneficiary"]
                ).id,
                "partner_id": partner.id,
                "company_id": (company or self.env.company).id,
                "channel": channel or recipient.get("channel") or "email",
                "kind": kind,
                "subject": subject,
                "body": body,
                "author_id": self.env.uid,
            }
            if not partner:
                vals.update(
                    recipient_name=recipient.get("name") or False,
                    email_to=recipient.get("email") or False,
                    mobile=recipient.get("mobile") or False,
                )
            elif recipient.get("mobile"):
                vals["whatsapp_number"] = recipient["mobile"]
            vals.update(record._shaqra_notice_values())
            notice = Notification.create(vals)
            if not notice._shaqra_is_automatic():
                notice._schedule_delivery_activity()
            notices |= notice
        return notices.with_env(self.env)

    def _shaqra_notify(self, kind, subject, body, channel=None):
        """Notify at once where the channel allows it (e-mail with an address,
        portal); otherwise leave the notice pending with an activity for the
        person who delivers it. Returns the notices."""
        notices = self._shaqra_notice_create(kind, subject, body, channel=channel)
        notices.sudo().filtered(lambda n: n._shaqra_is_automatic())._deliver()
        return notices

    def _shaqra_notice_delivered(self, notice):
        """Called once ``notice`` about this record is delivered."""
        return None

    def _shaqra_notice_mail_extra(self, notice):
        """Markup added to the e-mail of ``notice`` sent to an address without
        a contact (e.g. the private link of a member of the public); it is
        mailed only, never posted in the chatter or kept in the notice log."""
        return ""

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_notifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_beneficiary.shaqra_notification_action"
        )
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
