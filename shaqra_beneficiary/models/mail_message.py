from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import email_normalize

# What a user may still change on a message of the add-on's records: starring
# it is personal and does not touch the message itself.
SHAQRA_MESSAGE_FREE_FIELDS = {"starred_partner_ids"}
# What the author of an internal note changes when editing it in the chatter.
SHAQRA_NOTE_EDITABLE_FIELDS = {"body", "attachment_ids", "partner_ids"}


def is_shaqra_model(model_name):
    return bool(model_name) and model_name.startswith("shaqra.")


class MailMessage(models.Model):
    """Policy C3-C5, E2: the chatter of the add-on's records is evidence.

    On the records of the add-on (models named ``shaqra.*``), for everybody
    but server code running as superuser:

    - a message is posted only in the user's own name (``author_id`` is the
      user's partner, no guest author, no other sender address);
    - no message is deleted;
    - no message is edited, except the user's own internal note (a comment
      with an internal subtype and no tracking values), and then only its
      text, attachments and mentions. Tracking and system messages and what
      was sent to the beneficiary stay as they were.
    """

    _inherit = "mail.message"

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            default_model = self.env.context.get("default_model")
            for vals in vals_list:
                if is_shaqra_model(vals.get("model", default_model)):
                    self._shaqra_check_own_author(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) - SHAQRA_MESSAGE_FREE_FIELDS:
            self._shaqra_evidence_messages()._shaqra_check_editable(set(vals), self.env.user)
        return super().write(vals)

    def unlink(self):
        if not self.env.su and self._shaqra_evidence_messages():
            raise AccessError(
                self.env._(
                    "Messages of the beneficiary services records are part of their "
                    "history and cannot be deleted."
                )
            )
        return super().unlink()

    def _shaqra_evidence_messages(self):
        """The messages of ``self`` that belong to a record of the add-on (sudo)."""
        messages = self.sudo()
        messages.fetch(["model"])
        return messages.filtered(lambda m: is_shaqra_model(m.model))

    @api.model
    def _shaqra_check_own_author(self, vals):
        partner = self.env.user.partner_id
        forged = (
            ("author_id" in vals and vals["author_id"] != partner.id)
            or vals.get("author_guest_id")
            or (
                vals.get("email_from")
                and email_normalize(vals["email_from"]) != partner.email_normalized
            )
        )
        if forged:
            raise AccessError(
                self.env._(
                    "A message on the beneficiary services records can only be posted "
                    "in your own name."
                )
            )

    def _shaqra_check_editable(self, field_names, user):
        """Refuse to change ``self`` (messages of the add-on's records) as ``user``."""
        if not self:
            return
        editable = not (field_names - SHAQRA_NOTE_EDITABLE_FIELDS) and all(
            message.message_type == "comment"
            and not message.tracking_value_ids
            and (message.is_internal or message.subtype_id.internal)
            and message.author_id == user.partner_id
            for message in self.sudo()
        )
        if not editable:
            raise AccessError(
                self.env._(
                    "Messages of the beneficiary services records are part of their "
                    "history: only the author of an internal note may edit its text; "
                    "tracking, system messages and messages sent to the beneficiary "
                    "cannot be changed."
                )
            )


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _check_can_update_message_content(self, messages):
        """The chatter's own edit and delete buttons obey the same rule as ``write``."""
        super()._check_can_update_message_content(messages)
        if is_shaqra_model(self._name) and not self.env.su:
            messages._shaqra_evidence_messages()._shaqra_check_editable(
                {"body", "attachment_ids"}, self.env.user
            )


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    def unlink(self):
        """A file posted in the chatter of the add-on's records goes with its message."""
        if self and not self.env.su:
            messages = self.env["mail.message"].sudo().search([("attachment_ids", "in", self.ids)])
            messages._shaqra_evidence_messages()._shaqra_check_editable(
                {"attachment_ids"}, self.env.user
            )
        return super().unlink()
