import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..tools.hijri import format_gregorian, format_hijri
from .shaqra_notification import ShaqraNotification

_logger = logging.getLogger(__name__)

RETENTION_YEARS_PARAM = "shaqra_beneficiary.retention_years"
RETENTION_GRACE_PARAM = "shaqra_beneficiary.retention_grace_days"
DEFAULT_RETENTION_YEARS = 10
DEFAULT_GRACE_DAYS = 90
RETENTION_BATCH = 100


class ShaqraBeneficiary(models.Model):
    """The beneficiary's terms and data rights (ART2, E1, E2, PDPL).

    Agreements and media consents of the file; the export of everything the
    association holds about the beneficiary; restriction; and the retention
    rule that archives, then anonymises, files inactive for the configured
    number of years after their last closed request, keeping statistics.
    """

    _inherit = "shaqra.beneficiary"

    agreement_ids = fields.One2many(
        "shaqra.beneficiary.agreement", "beneficiary_id", string="Agreements"
    )
    agreement_count = fields.Integer(compute="_compute_terms_counts")
    media_consent_ids = fields.One2many(
        "shaqra.media.consent", "beneficiary_id", string="Media Consents"
    )
    media_consent_count = fields.Integer(compute="_compute_terms_counts")
    data_rights_request_ids = fields.One2many(
        "shaqra.data.rights.request", "beneficiary_id", string="Data Rights Requests"
    )
    processing_restricted = fields.Boolean(
        string="Processing Restricted",
        tracking=True,
        help="Management accepted the beneficiary's request to restrict the processing of "
        "their data (PDPL): use it only to deliver current services and to meet legal duties.",
    )
    retention_archived_on = fields.Datetime(
        string="Archived by Retention", readonly=True, copy=False
    )
    anonymised_on = fields.Datetime(readonly=True, copy=False, index=True)

    def _compute_terms_counts(self):
        agreements = self._count_by_beneficiary("shaqra.beneficiary.agreement")
        consents = self._count_by_beneficiary("shaqra.media.consent")
        for beneficiary in self:
            beneficiary.agreement_count = agreements.get(beneficiary, 0)
            beneficiary.media_consent_count = consents.get(beneficiary, 0)

    @api.constrains("national_id")
    def _check_national_id(self):
        # An anonymised file keeps a placeholder instead of the national ID.
        return super(
            ShaqraBeneficiary, self.filtered(lambda b: not b.anonymised_on)
        )._check_national_id()

    def action_view_agreements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_beneficiary.shaqra_beneficiary_agreement_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_media_consents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_beneficiary.shaqra_media_consent_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {"default_beneficiary_id": self.id}
        return action

    # ------------------------------------------------------------
    # EXPORT (E2, PDPL)
    # ------------------------------------------------------------

    def _shaqra_data_export(self):
        """Everything the association holds about this beneficiary, as plain data.

        Read as superuser, for this one file only: callers check first that
        the file is the visitor's own.
        """
        self.ensure_one()
        beneficiary = self.sudo()

        def label(record, name):
            value = record[name]
            field = record._fields[name]
            if field.type == "selection":
                return dict(field._description_selection(self.env)).get(value, value) or ""
            if field.type == "many2one":
                return value.display_name or ""
            if field.type in ("date", "datetime"):
                return fields.Datetime.to_string(value) if value else ""
            return value if value not in (False, None) else ""

        def rows(records, names):
            return [{name: label(record, name) for name in names} for record in records]

        requests = beneficiary.request_ids
        return {
            "association": beneficiary.company_id.name,
            "generated_on": fields.Datetime.to_string(fields.Datetime.now()),
            "beneficiary": {
                name: label(beneficiary, name)
                for name in (
                    "name",
                    "national_id",
                    "mobile",
                    "phone",
                    "email",
                    "street",
                    "city",
                    "gender",
                    "birthdate",
                    "marital_status",
                    "category_id",
                    "field_id",
                    "preferred_channel",
                    "whatsapp_number",
                    "fax_number",
                    "liaison_officer_id",
                    "household_size",
                    "monthly_income",
                    "housing_status",
                    "employment_status",
                    "has_disability",
                    "consent_given",
                    "consent_date",
                    "processing_restricted",
                )
            },
            "household": rows(
                beneficiary.member_ids,
                ("name", "relation", "gender", "birthdate", "national_id", "is_dependant"),
            ),
            "income": rows(beneficiary.income_ids, ("source", "amount", "note")),
            "documents": [
                {
                    **rows(
                        document,
                        ("document_type_id", "name", "purpose", "date_issue", "date_expiry"),
                    )[0],
                    "files": document.attachment_ids.mapped("name"),
                }
                for document in beneficiary.document_ids
            ],
            "requests": [
                {
                    **rows(
                        request,
                        (
                            "name",
                            "service_type_id",
                            "stage_id",
                            "channel",
                            "date_complete",
                            "date_deadline",
                            "decision",
                            "approved_amount",
                            "signed_by",
                            "signed_on",
                        ),
                    )[0],
                    "requirements": rows(
                        request.requirement_line_ids, ("name", "is_provided", "is_verified")
                    ),
                }
                for request in requests
            ],
            "notices": rows(
                self.env["shaqra.notification"]
                .sudo()
                .search([("beneficiary_id", "=", beneficiary.id)]),
                ("date", "channel", "subject", "state"),
            ),
            "media_consents": rows(
                beneficiary.media_consent_ids,
                ("scope", "purpose", "date_from", "date_to", "state", "given_on", "revoked_on"),
            ),
            "agreements": rows(
                beneficiary.agreement_ids,
                (
                    "name",
                    "service_type_id",
                    "version",
                    "state",
                    "amount",
                    "date_start",
                    "date_end",
                    "signed_by",
                    "signed_on",
                ),
            ),
            "data_rights_requests": rows(
                beneficiary.data_rights_request_ids, ("kind", "state", "reviewed_on", "answer")
            ),
        }

    def _shaqra_data_export_labels(self):
        """Field labels, in the reader's language, for the keys of the export."""
        labels = {
            "files": self.env._("Files"),
            "requirements": self.env._("Requirements"),
        }
        for model in (
            "shaqra.beneficiary",
            "shaqra.beneficiary.member",
            "shaqra.beneficiary.income",
            "shaqra.beneficiary.document",
            "shaqra.request",
            "shaqra.request.requirement",
            "shaqra.notification",
            "shaqra.media.consent",
            "shaqra.beneficiary.agreement",
            "shaqra.data.rights.request",
        ):
            for name, field in self.env[model]._fields.items():
                labels.setdefault(name, field._description_string(self.env))
        return labels

    def _shaqra_export_dates(self):
        today = fields.Date.context_today(self)
        return {"hijri": format_hijri(today, "ar"), "gregorian": format_gregorian(today, "ar")}

    # ------------------------------------------------------------
    # RETENTION AND ANONYMISATION (E2, PDPL)
    # ------------------------------------------------------------

    def _shaqra_last_activity(self):
        """When the file was last active: its last request, or its registration."""
        self.ensure_one()
        dates = [self.create_date]
        for request in self.request_ids:
            dates.append(request.date_answered or request.create_date)
        return max(d for d in dates if d)

    @api.model
    def _shaqra_retention_limits(self):
        params = self.env["ir.config_parameter"].sudo()
        try:
            years = int(params.get_param(RETENTION_YEARS_PARAM, DEFAULT_RETENTION_YEARS))
        except ValueError:
            years = DEFAULT_RETENTION_YEARS
        try:
            grace = int(params.get_param(RETENTION_GRACE_PARAM, DEFAULT_GRACE_DAYS))
        except ValueError:
            grace = DEFAULT_GRACE_DAYS
        return max(years, 1), max(grace, 0)

    def _shaqra_is_inactive(self, years):
        """No open request or agreement, and nothing for ``years`` years."""
        self.ensure_one()
        if self.request_ids.filtered(lambda r: not r.stage_is_final):
            return False
        if self.agreement_ids.filtered(lambda a: a.state in ("draft", "signed", "active")):
            return False
        limit = fields.Datetime.now() - relativedelta(years=years)
        return self._shaqra_last_activity() < limit

    @api.model
    def _cron_retention(self, batch_size=RETENTION_BATCH):
        """Archive inactive files, then anonymise them after the grace period.

        Batched: each run handles at most ``batch_size`` files and tells the
        scheduler how many remain, so it runs again until done.
        """
        years, grace = self._shaqra_retention_limits()
        Beneficiary = self.sudo().with_context(active_test=False)
        due_anonymise = Beneficiary.search(
            [
                ("anonymised_on", "=", False),
                ("retention_archived_on", "!=", False),
                ("retention_archived_on", "<=", fields.Datetime.now() - timedelta(days=grace)),
            ],
            limit=batch_size,
        )
        due_anonymise._shaqra_anonymise()
        room = batch_size - len(due_anonymise)
        archived = Beneficiary
        if room > 0:
            cutoff = fields.Datetime.now() - relativedelta(years=years)
            candidates = Beneficiary.search(
                [
                    ("active", "=", True),
                    ("anonymised_on", "=", False),
                    ("retention_archived_on", "=", False),
                    ("create_date", "<", cutoff),
                ],
                order="id",
            )
            for beneficiary in candidates:
                if len(archived) >= room:
                    break
                if beneficiary._shaqra_is_inactive(years):
                    archived |= beneficiary
            archived.write({"active": False, "retention_archived_on": fields.Datetime.now()})
            for beneficiary in archived:
                beneficiary.message_post(
                    body=self.env._(
                        "Archived by the retention rule: no activity for %(years)s years. "
                        "The file will be anonymised after %(days)s days.",
                        years=years,
                        days=grace,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            if grace == 0:
                archived._shaqra_anonymise()
        remaining = Beneficiary.search_count(
            [
                ("anonymised_on", "=", False),
                ("retention_archived_on", "!=", False),
                ("retention_archived_on", "<=", fields.Datetime.now() - timedelta(days=grace)),
            ]
        )
        done = len(due_anonymise) + len(archived)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        _logger.info("Retention: %s archived, %s anonymised", len(archived), len(due_anonymise))
        return done

    def _shaqra_anonymise(self):
        """Remove every personal datum of the file; keep what statistics count.

        Requests, notices, agreements, consents, household members and income
        rows stay (with their dates, stages, amounts and categories); names,
        IDs, contact data, free texts, documents, signatures, messages and
        activities go. Runs as superuser: it overrides the evidence rules on
        purpose, as the law requires.
        """
        now = fields.Datetime.now()
        # Everything of the file is read afresh from the database, not from the cache.
        self.env.invalidate_all()
        for beneficiary in self.sudo().with_context(active_test=False, tracking_disable=True):
            partner = beneficiary.partner_id
            # Searched, not read from the cache: nothing of the file may be missed.
            requests = (
                self.env["shaqra.request"].sudo().search([("beneficiary_id", "=", beneficiary.id)])
            )
            notices = (
                self.env["shaqra.notification"]
                .sudo()
                .search([("beneficiary_id", "=", beneficiary.id)])
            )
            records = {
                "shaqra.beneficiary": beneficiary.ids,
                "shaqra.beneficiary.document": beneficiary.document_ids.ids,
                "shaqra.beneficiary.member": beneficiary.member_ids.ids,
                "shaqra.request": requests.ids,
                "shaqra.request.requirement": requests.requirement_line_ids.ids,
                "shaqra.notification": notices.ids,
                "shaqra.beneficiary.agreement": beneficiary.agreement_ids.ids,
                "shaqra.media.consent": beneficiary.media_consent_ids.ids,
                "shaqra.data.rights.request": beneficiary.data_rights_request_ids.ids,
                "shaqra.data.change.request": self.env["shaqra.data.change.request"]
                .sudo()
                .search([("beneficiary_id", "=", beneficiary.id)])
                .ids,
                "res.partner": partner.ids,
            }
            Attachment = self.env["ir.attachment"].sudo()
            Message = self.env["mail.message"].sudo()
            Activity = self.env["mail.activity"].sudo()
            for model, ids in records.items():
                if not ids:
                    continue
                Attachment.search(
                    [
                        ("res_model", "=", model),
                        ("res_id", "in", ids),
                        "|",
                        ("res_field", "=", False),
                        ("res_field", "!=", False),
                    ]
                ).unlink()
                Message.search([("model", "=", model), ("res_id", "in", ids)]).unlink()
                Activity.search([("res_model", "=", model), ("res_id", "in", ids)]).unlink()
                self.env["shaqra.document.access.log"].sudo().search(
                    [("res_model", "=", model), ("res_id", "in", ids)]
                ).write({"res_name": False, "document_name": False})
            beneficiary.document_ids.unlink()
            placeholder = self.env._("Anonymised beneficiary %(number)s", number=beneficiary.id)
            beneficiary.member_ids.write(
                {
                    "name": self.env._("Household member"),
                    "national_id": False,
                    "birthdate": False,
                    "note": False,
                }
            )
            beneficiary.income_ids.write({"note": False})
            requests.write({"description": False, "signed_by": False, "decision_reason": False})
            for notice in notices:
                # A delivered notice never changes, except here: the law
                # requires its personal content to go.
                super(ShaqraNotification, notice).write(
                    {
                        "subject": placeholder,
                        "body": "<p>-</p>",
                        "whatsapp_number": False,
                        "whatsapp_url": False,
                        "fax_number": False,
                        "volunteer_name": False,
                        "recipient_name": False,
                        "email_to": False,
                        "mobile": False,
                    }
                )
            beneficiary.agreement_ids.write({"signed_by": False})
            beneficiary.media_consent_ids.write({"purpose": "-"})
            beneficiary.data_rights_request_ids.write({"reason": False, "answer": False})
            self.env["shaqra.data.change.request"].sudo().browse(
                records["shaqra.data.change.request"]
            ).write({"note": False, "answer": False})
            self.env["shaqra.data.change.request.line"].sudo().search(
                [("change_request_id", "in", records["shaqra.data.change.request"])]
            ).write({"old_value": False, "new_value": False})
            leads = (
                self.env["crm.lead"]
                .sudo()
                .with_context(active_test=False)
                .search([("partner_id", "=", partner.id)])
            )
            leads.write(
                {
                    "name": placeholder,
                    "contact_name": False,
                    "partner_name": False,
                    "email_from": False,
                    "phone": False,
                    "description": False,
                }
            )
            partner.user_ids.write({"active": False, "login": f"anonymised-{partner.id}"})
            beneficiary.write(
                {
                    "national_id": f"ANON{beneficiary.id}",
                    "whatsapp_number": False,
                    "fax_number": False,
                    "birthdate": False,
                    "employer": False,
                    "health_note": False,
                    "active": False,
                    "anonymised_on": now,
                }
            )
            partner.write(
                {
                    "name": placeholder,
                    "email": False,
                    "phone": False,
                    "mobile": False,
                    "street": False,
                    "street2": False,
                    "city": False,
                    "zip": False,
                    "vat": False,
                    "website": False,
                    "comment": False,
                    "image_1920": False,
                    "active": False,
                }
            )
        return True
