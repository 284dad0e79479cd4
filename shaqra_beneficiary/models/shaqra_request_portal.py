"""What the beneficiary does on a request from the portal (policy C2-C4).

The rules live here, on the models, so that the portal and any other door
(the back office, an import, a future channel) apply the same ones; the
portal controllers only read the form and show the result.
"""

from odoo import Command, api, fields, models

from ..tools.signature import check_signature_image


class ShaqraRequest(models.Model):
    _inherit = "shaqra.request"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _shaqra_submit_with_documents(self, beneficiary, service_type, description, documents):
        """Policy C2: a beneficiary's request with the documents of its checklist.

        ``documents`` is a list of ``(requirement, name, content, mimetype)``
        (``shaqra.service.requirement``, file name, bytes, checked mimetype).
        Runs as superuser (the caller checked who the beneficiary is); the
        beneficiary follows the request and the liaison officer is told.
        """
        request = self.sudo().create(
            {
                "beneficiary_id": beneficiary.id,
                "service_type_id": service_type.id,
                "company_id": beneficiary.company_id.id,
                "channel": "portal",
                "description": (description or "").strip() or False,
            }
        )
        request.message_subscribe(partner_ids=beneficiary.partner_id.ids)
        for requirement, name, content, mimetype in documents:
            line = request.requirement_line_ids.filtered(
                lambda line, requirement=requirement: line.requirement_id == requirement
            )
            line._shaqra_add_document(name, content, mimetype)
        request.message_post(
            body=self.env._(
                "Request submitted on the portal with %(count)s document(s).",
                count=len(documents),
            ),
            author_id=self.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        request._notify_liaison_officer_of_portal_request()
        return request

    def _shaqra_sign_declaration(self, name, signature, author):
        """Policy C4: the beneficiary signs that the data is correct.

        Raise UserError (a refused signature, a request that no longer takes
        one) or ValueError/TypeError (an image that cannot be read).
        """
        self.ensure_one()
        check_signature_image(self.env, signature)
        self.sudo().write(
            {"signature": signature, "signed_by": name, "signed_on": fields.Datetime.now()}
        )
        self.message_post(
            body=self.env._(
                "Signed on the portal by %(name)s, who declared: %(declaration)s",
                name=name,
                declaration=self._get_signature_declaration(),
            ),
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )


class ShaqraRequestRequirement(models.Model):
    _inherit = "shaqra.request.requirement"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _shaqra_add_document(self, name, content, mimetype, author=None):
        """Attach a file (already checked) to this item of the checklist.

        Policy C3: a verified item whose documents change is checked again:
        the verification is evidence of what staff saw, and they did not see
        the new file. The item goes back to unverified and staff are told.
        ``author``: the partner to name in the chatter (default: nobody).
        """
        self.ensure_one()
        line = self.sudo()
        request = line.request_id
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": content,
                    "mimetype": mimetype,
                    "res_model": request._name,
                    "res_id": request.id,
                }
            )
        )
        was_verified = line.is_verified
        line.write({"attachment_ids": [Command.link(attachment.id)], "is_provided": True})
        if was_verified:
            line._shaqra_verify_again(name)
        if author:
            request.message_post(
                body=self.env._(
                    "Document %(file)s added for: %(requirement)s.",
                    file=name,
                    requirement=line.name,
                ),
                author_id=author.id,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return attachment

    def _shaqra_verify_again(self, name):
        self.ensure_one()
        line = self.sudo()
        request = line.request_id
        line.write({"is_verified": False, "verified_by_id": False, "verified_on": False})
        message = self.env._(
            "The beneficiary added %(file)s to %(requirement)s, which had been verified: "
            "check it again.",
            file=name,
            requirement=line.name,
        )
        request.message_post(body=message, message_type="comment", subtype_xmlid="mail.mt_note")
        user = request._responsible_user()
        if user:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=self.env._("Check a new document again"),
                note=message,
            )
