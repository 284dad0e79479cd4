from markupsafe import Markup

from odoo import api, fields, models


class ShaqraRequest(models.Model):
    """Requests make the beneficiary's agreement when approved (ART2), and
    name their concerned department (ART1)."""

    _inherit = "shaqra.request"

    department_id = fields.Many2one(
        related="service_type_id.department_id",
        store=True,
        string="Concerned Department",
        help="The department responsible for dealing with the beneficiary (policy ART1).",
    )
    agreement_ids = fields.One2many(
        "shaqra.beneficiary.agreement", "request_id", string="Agreements", copy=False
    )
    agreement_count = fields.Integer(compute="_compute_agreement_count")

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("agreement_ids")
    def _compute_agreement_count(self):
        counts = dict(
            self.env["shaqra.beneficiary.agreement"]._read_group(
                [("request_id", "in", self.ids)], ["request_id"], ["__count"]
            )
        )
        for request in self:
            request.agreement_count = counts.get(request, 0)

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    def write(self, vals):
        result = super().write(vals)
        if vals.get("decision") == "approved":
            self._shaqra_generate_agreement()
        return result

    def _shaqra_generate_agreement(self):
        """ART2: an approved request gets its agreement from the service's template.

        Runs as superuser: the committee member who approves has no right on
        agreements. A request has one open agreement at most; a service
        without a published template makes none.
        """
        Agreement = self.env["shaqra.beneficiary.agreement"].sudo()
        agreements = Agreement
        for request in self.sudo().filtered(lambda r: r.decision == "approved"):
            template = request.service_type_id._shaqra_agreement_template()
            if not template or request.agreement_ids.filtered(
                lambda a: a.state in ("draft", "signed", "active")
            ):
                continue
            agreement = Agreement._shaqra_create_from_template(
                template, request.beneficiary_id, request=request
            )
            request.message_post(
                body=self.env._(
                    "Agreement %(agreement)s was prepared from %(template)s for signature.",
                    agreement=agreement.name,
                    template=template.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            agreement._shaqra_notify_beneficiary(
                self.env._("Your agreement is ready to sign"),
                Markup("<p>%s</p>")
                % self.env._(
                    "Your request %(request)s was approved. Please read and sign agreement "
                    "%(agreement)s, at the association or on the portal.",
                    request=request.name,
                    agreement=agreement.name,
                ),
            )
            agreements |= agreement
        return agreements

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_agreements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_beneficiary.shaqra_beneficiary_agreement_action"
        )
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {"create": False}
        if self.agreement_count == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=self.agreement_ids.id)
        return action
