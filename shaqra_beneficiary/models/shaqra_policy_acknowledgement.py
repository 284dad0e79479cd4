import io
import logging
from datetime import timedelta

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import split_every

from ..tools.client_info import client_info
from ..tools.signature import check_signature_image

_logger = logging.getLogger(__name__)

# What the person, and only the person, may fill in on their own pending
# acknowledgement before signing it.
SIGNER_FIELDS = {"signature", "signed_by", "declaration_accepted"}
# Bookkeeping of the mail thread, which may change on any acknowledgement.
MAIL_FIELDS = {"activity_ids", "message_follower_ids", "message_main_attachment_id"}

# Acknowledgements reminded or escalated per batch by the daily job.
REMIND_BATCH_SIZE = 1000
EXPORT_BATCH_SIZE = 1000


class ShaqraPolicyAcknowledgement(models.Model):
    """One person's acknowledgement of one version of a document (ART4).

    The person reads the version, declares they have read, understood and
    will comply, and signs; the time, IP address and browser are recorded.
    Only the person may sign: HR distributes, reminds and watches.

    The status, the time, the IP address and the browser are
    ``_evidence_fields``, set only by :meth:`action_acknowledge` (and the
    reminder dates only by the reminders). The signature, the name under it
    and the declaration are the person's own to fill in while the
    acknowledgement is pending; nobody else writes them, HR and the
    administrator included. An acknowledged record never changes and is
    never deleted.
    """

    _name = "shaqra.policy.acknowledgement"
    _description = "Document Acknowledgement"
    _inherit = ["mail.thread", "mail.activity.mixin", "shaqra.evidence.mixin"]
    _order = "policy_code, policy_version desc, department_id, person_name"
    _rec_name = "person_name"
    _check_company_auto = True
    _evidence_fields = (
        "state",
        "acknowledged_on",
        "ip_address",
        "user_agent",
        "distributed_on",
        "reminded_on",
        "escalated_on",
    )

    policy_id = fields.Many2one(
        "shaqra.policy",
        string="Document",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    policy_code = fields.Char(related="policy_id.code", store=True, string="Code")
    # A version number: grouped lists must not add them up.
    policy_version = fields.Integer(
        related="policy_id.version", store=True, string="Version", aggregator=False
    )
    policy_state = fields.Selection(related="policy_id.state", string="Document Status")
    policy_body = fields.Html(related="policy_id.body", string="Text")
    policy_document = fields.Binary(related="policy_id.document", string="PDF Document")
    policy_document_name = fields.Char(related="policy_id.document_name")
    employee_id = fields.Many2one(
        "hr.employee", string="Employee", index=True, ondelete="cascade", check_company=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contractor or Volunteer",
        index=True,
        ondelete="cascade",
        help="A portal contractor or volunteer asked to acknowledge the document.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="User",
        compute="_compute_person",
        store=True,
        index=True,
        help="The only user who may sign this acknowledgement.",
    )
    person_name = fields.Char(string="Person", compute="_compute_person", store=True)
    email = fields.Char(compute="_compute_person", store=True)
    department_id = fields.Many2one(
        "hr.department", compute="_compute_person", store=True, index=True
    )
    audience = fields.Selection(
        [("employee", "Employee"), ("partner", "Contractor or Volunteer")],
        compute="_compute_person",
        store=True,
    )
    state = fields.Selection(
        [("pending", "Pending"), ("acknowledged", "Acknowledged")],
        string="Status",
        required=True,
        default="pending",
        readonly=True,
        tracking=True,
        index=True,
    )
    distributed_on = fields.Datetime(
        required=True, default=fields.Datetime.now, readonly=True, index=True
    )
    acknowledged_on = fields.Datetime(readonly=True, tracking=True)
    declaration_accepted = fields.Boolean(
        string="I have read, understood and will comply",
        help="The person declares they have read and understood the document and will "
        "comply with it in their work (ART4).",
    )
    signature = fields.Image(attachment=True, max_width=1024, max_height=1024, copy=False)
    signed_by = fields.Char(copy=False)
    ip_address = fields.Char(string="IP Address", readonly=True, copy=False)
    user_agent = fields.Char(string="Browser", readonly=True, copy=False)
    reminded_on = fields.Datetime(readonly=True, copy=False)
    escalated_on = fields.Datetime(readonly=True, copy=False)
    can_acknowledge = fields.Boolean(compute="_compute_can_acknowledge")
    portal_url = fields.Char(compute="_compute_portal_url")

    _sql_constraints = [
        (
            "employee_policy_uniq",
            "unique(policy_id, employee_id)",
            "An employee acknowledges a version only once.",
        ),
        (
            "partner_policy_uniq",
            "unique(policy_id, partner_id)",
            "A contractor or volunteer acknowledges a version only once.",
        ),
        (
            "one_person",
            "CHECK((employee_id IS NULL) != (partner_id IS NULL))",
            "An acknowledgement is either an employee's or a contractor's/volunteer's.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends(
        "employee_id.user_id",
        "employee_id.name",
        "employee_id.work_email",
        "employee_id.department_id",
        "partner_id.user_ids",
        "partner_id.name",
        "partner_id.email",
    )
    def _compute_person(self):
        for ack in self:
            if ack.employee_id:
                ack.user_id = ack.employee_id.user_id
                ack.person_name = ack.employee_id.name
                ack.email = ack.employee_id.work_email or ack.employee_id.user_id.email
                ack.department_id = ack.employee_id.department_id
                ack.audience = "employee"
            else:
                ack.user_id = ack.partner_id.with_context(active_test=False).user_ids[:1]
                ack.person_name = ack.partner_id.name
                ack.email = ack.partner_id.email
                ack.department_id = False
                ack.audience = "partner" if ack.partner_id else False

    @api.depends_context("uid")
    @api.depends("state", "policy_id.state", "user_id")
    def _compute_can_acknowledge(self):
        for ack in self:
            ack.can_acknowledge = (
                ack.state == "pending"
                and ack.policy_id.state == "published"
                and ack.user_id == self.env.user
            )

    def _compute_portal_url(self):
        for ack in self:
            ack.portal_url = f"/my/policies/{ack.policy_id.id}"

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self._evidence_allowed():
            for vals in vals_list:
                if vals.get("state") == "pending":
                    # A new acknowledgement is always pending; saying so forges nothing.
                    del vals["state"]
                self._evidence_check_vals(vals, creating=True)
                signed = [name for name in SIGNER_FIELDS if vals.get(name)]
                if signed:
                    raise AccessError(
                        self.env._(
                            "Only the person can sign an acknowledgement, on their own "
                            "record: it cannot be created signed."
                        )
                    )
        acks = super().create(vals_list)
        # The name under the signature starts as the person's own.
        for ack in acks.filtered(lambda a: not a.signed_by):
            ack._evidence_write({"signed_by": ack.person_name})
        return acks

    def write(self, vals):
        if not self._evidence_allowed():
            # Evidence first: the status, time, IP and browser of a signature
            # are only recorded by signing (ART4).
            self._evidence_check_vals(vals)
            changed = set(vals) - MAIL_FIELDS
            done = self.filtered(lambda a: a.state != "pending")
            if changed and done:
                raise UserError(
                    self.env._(
                        "%(person)s acknowledged %(document)s on %(date)s: a signed "
                        "acknowledgement is evidence and cannot change.",
                        person=done[0].person_name,
                        document=done[0].policy_id.display_name,
                        date=done[0].acknowledged_on,
                    )
                )
            if changed & SIGNER_FIELDS:
                # Nobody fills in the signature for someone else, HR included.
                self._check_signer()
            if changed - SIGNER_FIELDS and not self.env.user.has_group("hr.group_hr_manager"):
                raise AccessError(
                    self.env._("Only Human Resources can change an acknowledgement.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_acknowledged(self):
        if self.filtered(lambda a: a.state == "acknowledged"):
            raise UserError(
                self.env._("A signed acknowledgement is evidence and cannot be deleted (ART4).")
            )

    def _check_signer(self):
        """Policy ART4: nobody signs for someone else, nor a retired version."""
        for ack in self:
            if ack.user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "You cannot acknowledge a document for someone else (%(person)s).",
                        person=ack.person_name,
                    )
                )
            if ack.policy_id.state != "published":
                raise UserError(
                    self.env._(
                        "Version %(version)s of %(document)s is no longer in force and cannot "
                        "be acknowledged.",
                        version=ack.policy_version,
                        document=ack.policy_id.name,
                    )
                )
            if ack.state != "pending":
                raise UserError(
                    self.env._(
                        "%(document)s was already acknowledged on %(date)s.",
                        document=ack.policy_id.display_name,
                        date=ack.acknowledged_on,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_acknowledge(self, signature=None, signed_by=None):
        """Sign this acknowledgement as the person it belongs to (contract, ART4).

        The signature (drawn or typed) and the declaration come either as
        arguments (portal) or from the record the person filled in (web
        client). Time, IP address and browser are recorded.
        """
        self.ensure_one()
        self._check_signer()
        signature = signature or self.signature
        signed_by = (signed_by or self.signed_by or "").strip()
        if not signature:
            raise UserError(self.env._("Please sign to acknowledge the document."))
        # A blank canvas or a dot is no signature (ART4).
        check_signature_image(self.env, signature)
        if not signed_by:
            raise UserError(self.env._("Please write your name under your signature."))
        if not self.declaration_accepted:
            raise UserError(
                self.env._(
                    "Please confirm that you have read and understood the document and will "
                    "comply with it."
                )
            )
        ip_address, user_agent = self._client_info()
        self._evidence_write(
            {
                "state": "acknowledged",
                "acknowledged_on": fields.Datetime.now(),
                "declaration_accepted": True,
                "signature": signature,
                "signed_by": signed_by,
                "ip_address": ip_address,
                "user_agent": user_agent,
            }
        )
        self.sudo().activity_ids.action_feedback(feedback=self.env._("Acknowledged and signed."))
        self.sudo().message_post(
            body=self.env._(
                "%(person)s acknowledged %(document)s.",
                person=signed_by,
                document=self.policy_id.display_name,
            ),
            author_id=self.env.user.partner_id.id,
        )
        return True

    @api.model
    def _client_info(self):
        """(IP address, browser) of the HTTP request signing, when there is one
        (the web client, the portal, JSON-RPC and Odoo's external API)."""
        return client_info()

    def action_remind(self):
        """HR reminds the people who have not acknowledged yet (ART4)."""
        if not self.env.user.has_group("hr.group_hr_manager"):
            raise AccessError(self.env._("Only Human Resources can send reminders."))
        self.check_access("read")
        pending = self.filtered(
            lambda a: a.state == "pending" and a.policy_id.state == "published"
        )
        if not pending:
            raise UserError(self.env._("Nobody among these has a document left to acknowledge."))
        pending._send_reminder()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s people were reminded.", count=len(pending)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _send_request(self):
        """E-mail and, for employees with a user, a to-do activity (ART4)."""
        template = self.env.ref(
            "shaqra_beneficiary.mail_template_shaqra_policy_acknowledgement_request",
            raise_if_not_found=False,
        )
        for ack in self.sudo():
            if ack.employee_id and ack.user_id:
                ack.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=fields.Date.context_today(ack)
                    + timedelta(days=ack.policy_id.reminder_days),
                    summary=self.env._("Read and sign %(document)s", document=ack.policy_id.name),
                    user_id=ack.user_id.id,
                )
            if template and ack.email:
                template.send_mail(ack.id, email_layout_xmlid="mail.mail_notification_light")

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _cron_remind(self, batch_size=REMIND_BATCH_SIZE):
        """Daily: remind the people still pending, then tell HR; each only once.

        In batches with a constant number of queries per batch (e-mails,
        notes and activities created in bulk). Run by the scheduler, each call
        handles one batch and reports through the cron progress API; ir.cron
        commits it and calls again, so an interrupted run resumes where it
        stopped (reminded_on / escalated_on are set per batch).
        """
        now = fields.Datetime.now()
        pending = self.sudo().search(
            [("state", "=", "pending"), ("policy_id.state", "=", "published")]
        )
        to_remind = pending.filtered(
            lambda a: not a.reminded_on
            and a.distributed_on + timedelta(days=a.policy_id.reminder_days) <= now
        )
        to_escalate = pending.filtered(
            lambda a: not a.escalated_on
            and a.distributed_on + timedelta(days=a.policy_id.escalation_days) <= now
        )
        work = [
            (batch, method)
            for records, method in ((to_remind, "_send_reminder"), (to_escalate, "_escalate"))
            for batch in split_every(batch_size, records.ids, pending.browse)
        ]
        if self.env.context.get("ir_cron_progress_id"):
            # Run by the scheduler: one batch per call. ir.cron commits it and
            # calls again while some remain (Odoo's cron progress API).
            work = work[:1]
        done = 0
        for batch, method in work:
            getattr(batch, method)()
            done += len(batch)
        self.env["ir.cron"]._notify_progress(
            done=done, remaining=len(to_remind) + len(to_escalate) - done
        )
        _logger.info(
            "Document acknowledgements: %s reminded, %s escalated to HR",
            len(to_remind),
            len(to_escalate),
        )
        return True

    def _send_reminder(self):
        template = self.env.ref(
            "shaqra_beneficiary.mail_template_shaqra_policy_acknowledgement_reminder",
            raise_if_not_found=False,
        )
        with_email = self.filtered("email")
        if template and with_email:
            template.send_mail_batch(
                with_email.ids, email_layout_xmlid="mail.mail_notification_light"
            )
        body = self.env._("Reminder sent: the document is still not acknowledged.")
        self._message_log_batch(bodies=dict.fromkeys(self.ids, body))
        self._evidence_write({"reminded_on": fields.Datetime.now()})

    def _escalate(self):
        """Hand over to HR: an activity for the document's HR responsible."""
        hr_group = self.env.ref("hr.group_hr_manager")
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        activity_vals = []
        for ack in self:
            user = ack.policy_id.responsible_id
            if not user or not user.has_group("hr.group_hr_manager"):
                user = hr_group.users.filtered(lambda u: not u.share)[:1]
            if user:
                activity_vals.append(
                    {
                        "activity_type_id": todo.id,
                        "automated": True,
                        "res_model_id": model_id,
                        "res_id": ack.id,
                        "date_deadline": today,
                        "summary": self.env._(
                            "Not acknowledged: %(person)s, %(document)s",
                            person=ack.person_name,
                            document=ack.policy_id.display_name,
                        ),
                        "note": self.env._(
                            "%(person)s has not acknowledged the document since %(date)s. "
                            "Please follow up.",
                            person=ack.person_name,
                            date=ack.distributed_on,
                        ),
                        "user_id": user.id,
                    }
                )
        # In bulk, without one notification e-mail per activity: HR finds
        # them in the activity menu.
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            activity_vals
        )
        self._evidence_write({"escalated_on": fields.Datetime.now()})

    @api.model
    def _compliance_xlsx(self, domain=None):
        """The compliance workbook (ART4): every person's status per version.

        Sheet 1 lists each acknowledgement; sheet 2 sums them per department
        and version. Returns the file's bytes.
        """
        if not self.env.user.has_group("hr.group_hr_manager"):
            raise AccessError(self.env._("Only Human Resources can export the compliance report."))
        states = dict(self._fields["state"]._description_selection(self.env))
        output = io.BytesIO()
        # Rows go to temporary files as they are written (constant_memory) and
        # the records are read 1,000 at a time, then dropped from the cache:
        # 100,000 acknowledgements stay in bounded memory.
        workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
        bold = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        rtl = self.env.user.lang and self.env.user.lang.startswith("ar")
        no_department = self.env._("Contractors and Volunteers")

        sheet = workbook.add_worksheet(self.env._("Acknowledgements"))
        if rtl:
            sheet.right_to_left()
        headers = [
            self.env._("Document"),
            self.env._("Code"),
            self.env._("Version"),
            self.env._("Person"),
            self.env._("Department"),
            self.env._("Status"),
            self.env._("Distributed On"),
            self.env._("Acknowledged On"),
            self.env._("Reminded On"),
            self.env._("Escalated On"),
        ]
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 5, 18)
        sheet.set_column(6, 9, 18)
        sheet.write_row(0, 0, headers, bold)
        names = ["policy_id", "policy_code", "policy_version", "person_name", "department_id"]
        names += ["employee_id", "state", "distributed_on", "acknowledged_on", "reminded_on"]
        names += ["escalated_on"]
        totals = {}
        row = 0
        # The ids in the report's order (a few MB for 100,000), the records
        # read from them 1,000 at a time.
        ids = list(self._search(domain or [], order=self._order))
        for batch_ids in split_every(EXPORT_BATCH_SIZE, ids):
            acks = self.browse(batch_ids)
            acks.fetch(names)
            for ack in acks:
                row += 1
                department = ack.department_id.name or ("" if ack.employee_id else no_department)
                sheet.write_row(
                    row,
                    0,
                    [
                        ack.policy_id.name,
                        ack.policy_code,
                        ack.policy_version,
                        ack.person_name or "",
                        department,
                        states[ack.state],
                    ],
                )
                for col, value in enumerate(
                    (ack.distributed_on, ack.acknowledged_on, ack.reminded_on, ack.escalated_on),
                    start=6,
                ):
                    if value:
                        sheet.write_datetime(row, col, value, date_format)
                key = (department, ack.policy_code, ack.policy_version)
                line = totals.setdefault(key, {"pending": 0, "acknowledged": 0})
                line[ack.state] += 1
            self.env.invalidate_all()
        sheet.autofilter(0, 0, max(row, 1), len(headers) - 1)

        summary = workbook.add_worksheet(self.env._("By Department"))
        if rtl:
            summary.right_to_left()
        summary.set_column(0, 0, 36)
        summary.set_column(1, 5, 14)
        summary.write_row(
            0,
            0,
            [
                self.env._("Department"),
                self.env._("Code"),
                self.env._("Version"),
                self.env._("Pending"),
                self.env._("Acknowledged"),
                self.env._("Total"),
            ],
            bold,
        )
        for row, (key, line) in enumerate(sorted(totals.items()), start=1):
            summary.write_row(
                row,
                0,
                [
                    *key,
                    line["pending"],
                    line["acknowledged"],
                    line["pending"] + line["acknowledged"],
                ],
            )
        workbook.close()
        return output.getvalue()
