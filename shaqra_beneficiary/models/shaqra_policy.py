from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.hijri import format_hijri

POLICY_KINDS = [
    ("bylaws", "Basic Bylaws"),
    ("partners", "Implementing Partners Policy"),
    ("volunteer", "Volunteer Management Policy"),
    ("service", "Service Provision Policy"),
    ("beneficiary", "Beneficiary Relationship Policy"),
    ("other", "Other"),
]

POLICY_STATES = [
    ("draft", "Draft"),
    ("approved", "Approved"),
    ("published", "Published"),
    ("superseded", "Superseded"),
]


class ShaqraPolicy(models.Model):
    """A versioned governing document of the association (ART3 B1-B4, ART4).

    One record per version: ``code`` identifies the document across its
    versions, and publishing a version supersedes the published version of
    the same code. Employees (and, when flagged, portal contractors and
    volunteers) must acknowledge the published version; beneficiaries and
    the public may only read it.
    """

    _name = "shaqra.policy"
    _description = "Governing Document"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "code, version desc"
    _rec_names_search = ["name", "code"]
    _check_company_auto = True

    name = fields.Char(string="Document Title", required=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        index=True,
        help="Identifies the document across its versions, e.g. BRP for the "
        "Beneficiary Relationship Policy.",
    )
    kind = fields.Selection(POLICY_KINDS, required=True, default="other", tracking=True)
    version = fields.Integer(required=True, default=1, tracking=True, copy=False, aggregator=False)
    state = fields.Selection(
        POLICY_STATES,
        string="Status",
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    body = fields.Html(string="Text", sanitize=True)
    document = fields.Binary(
        string="PDF Document", attachment=True, help="The signed or official PDF of the document."
    )
    document_name = fields.Char(string="Document File Name")
    approving_body = fields.Char(
        help="The body that approved the document, e.g. the Board of Directors."
    )
    meeting_number = fields.Char(help="The meeting of the approving body, e.g. 2nd meeting.")
    term_number = fields.Char(help="The term of the approving body, e.g. 2nd term.")
    minutes_number = fields.Char(string="Minutes No.")
    approval_date = fields.Date(tracking=True)
    approval_date_hijri = fields.Char(
        string="Approval Date (Hijri)", compute="_compute_approval_date_hijri"
    )
    published_on = fields.Datetime(readonly=True, copy=False)
    superseded_on = fields.Datetime(readonly=True, copy=False)
    previous_version_id = fields.Many2one(
        "shaqra.policy", string="Previous Version", readonly=True, copy=False, index=True
    )
    audience_employee = fields.Boolean(
        string="Employees Must Acknowledge",
        default=True,
        help="Every employee the document is distributed to must read and sign it (ART4).",
    )
    audience_partner = fields.Boolean(
        string="Contractors and Volunteers Must Acknowledge",
        help="Portal contractors and volunteers the document is distributed to must read "
        "and sign it (ART3).",
    )
    audience_beneficiary = fields.Boolean(
        string="Beneficiaries May Read",
        help="Listed on the portal for beneficiaries as a communication tool (ART3 B).",
    )
    audience_public = fields.Boolean(
        string="Public May Read",
        help="Any portal user may read it.",
    )
    responsible_id = fields.Many2one(
        "res.users",
        string="HR Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        help="Receives the escalation when someone has not acknowledged in time.",
    )
    reminder_days = fields.Integer(
        default=7,
        help="Days after distribution before a person who has not acknowledged is "
        "reminded (once).",
    )
    escalation_days = fields.Integer(
        default=14,
        help="Days after distribution before Human Resources is told that a person has "
        "still not acknowledged (once).",
    )
    acknowledgement_ids = fields.One2many(
        "shaqra.policy.acknowledgement", "policy_id", string="Acknowledgements", copy=False
    )
    department_copy_ids = fields.One2many(
        "shaqra.policy.department.copy", "policy_id", string="Department Copies", copy=False
    )
    acknowledgement_count = fields.Integer(compute="_compute_acknowledgement_counts")
    pending_count = fields.Integer(string="Pending", compute="_compute_acknowledgement_counts")
    acknowledged_count = fields.Integer(
        string="Acknowledged", compute="_compute_acknowledgement_counts"
    )
    department_copy_count = fields.Integer(
        compute="_compute_department_copy_count", groups="hr.group_hr_manager"
    )

    _sql_constraints = [
        (
            "code_version_uniq",
            "unique(code, version, company_id)",
            "A document has only one record per version.",
        ),
        ("version_positive", "CHECK(version > 0)", "The version must be a positive number."),
        (
            "reminder_days_positive",
            "CHECK(reminder_days > 0 AND escalation_days > reminder_days)",
            "Reminders need a positive number of days, and the escalation to HR must come "
            "after the reminder.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("approval_date")
    @api.depends_context("lang")
    def _compute_approval_date_hijri(self):
        lang = self.env.lang or "en_US"
        for policy in self:
            # Latin digits, as the Gregorian date beside it (one convention).
            policy.approval_date_hijri = format_hijri(policy.approval_date, lang)

    @api.depends("acknowledgement_ids.state")
    def _compute_acknowledgement_counts(self):
        groups = self.env["shaqra.policy.acknowledgement"]._read_group(
            [("policy_id", "in", self.ids)], ["policy_id", "state"], ["__count"]
        )
        counts = {(policy.id, state): count for policy, state, count in groups}
        for policy in self:
            policy.pending_count = counts.get((policy.id, "pending"), 0)
            policy.acknowledged_count = counts.get((policy.id, "acknowledged"), 0)
            policy.acknowledgement_count = policy.pending_count + policy.acknowledged_count

    def _compute_department_copy_count(self):
        groups = self.env["shaqra.policy.department.copy"]._read_group(
            [("policy_id", "in", self.ids)], ["policy_id"], ["__count"]
        )
        counts = {policy.id: count for policy, count in groups}
        for policy in self:
            policy.department_copy_count = counts.get(policy.id, 0)

    @api.depends("name", "version")
    def _compute_display_name(self):
        for policy in self:
            policy.display_name = self.env._(
                "%(title)s (v%(version)s)", title=policy.name or "", version=policy.version
            )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    def write(self, vals):
        frozen = {"name", "code", "version", "body", "document", "kind"}
        if frozen & set(vals) and not self.env.su:
            # Access rights first: a reader gets an access error, not advice.
            self.check_access("write")
            locked = self.filtered(lambda p: p.state in ("published", "superseded"))
            if locked:
                raise UserError(
                    self.env._(
                        "A published or superseded document cannot be changed: create a "
                        "new version instead (%(documents)s).",
                        documents=", ".join(locked.mapped("display_name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_acknowledged(self):
        if self.acknowledgement_ids:
            raise UserError(
                self.env._(
                    "A document that was distributed cannot be deleted: archive it instead."
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_approve(self):
        for policy in self:
            if policy.state != "draft":
                raise UserError(self.env._("Only a draft document can be approved."))
            if not policy.body and not policy.document:
                raise UserError(
                    self.env._(
                        "Give the document a text or a PDF before approving it (%(document)s).",
                        document=policy.display_name,
                    )
                )
        self.write({"state": "approved"})
        return True

    def action_reset_to_draft(self):
        if self.filtered(lambda p: p.state != "approved"):
            raise UserError(self.env._("Only an approved document can go back to draft."))
        self.write({"state": "draft"})
        return True

    def action_publish(self):
        """Publish this version and supersede the published one of the same code.

        Contract. The people who were asked to acknowledge the superseded
        version are asked again for this one (ART4): a new version needs new
        acknowledgements.
        """
        for policy in self:
            if policy.state not in ("draft", "approved"):
                raise UserError(
                    self.env._(
                        "Only a draft or approved document can be published (%(document)s).",
                        document=policy.display_name,
                    )
                )
            if not policy.body and not policy.document:
                raise UserError(
                    self.env._(
                        "Give the document a text or a PDF before publishing it (%(document)s).",
                        document=policy.display_name,
                    )
                )
            previous = self.search(
                [
                    ("code", "=", policy.code),
                    ("company_id", "=", policy.company_id.id),
                    ("state", "=", "published"),
                    ("id", "!=", policy.id),
                ]
            )
            now = fields.Datetime.now()
            policy.write(
                {
                    "state": "published",
                    "published_on": now,
                    "previous_version_id": previous[:1].id or policy.previous_version_id.id,
                }
            )
            if previous:
                previous._supersede(policy)
        return True

    def _supersede(self, new_version):
        """Retire these versions in favour of ``new_version`` and re-ask their audience."""
        pending = self.acknowledgement_ids.filtered(lambda a: a.state == "pending")
        # The activities asked people to sign a version nobody may sign any more.
        pending.sudo().activity_ids.unlink()
        self.write({"state": "superseded", "superseded_on": fields.Datetime.now()})
        employees = self.acknowledgement_ids.employee_id.filtered("active")
        partners = self.acknowledgement_ids.partner_id.filtered("active")
        if new_version.audience_employee and employees:
            new_version._distribute(employees=employees)
        if new_version.audience_partner and partners:
            new_version._distribute(partners=partners)
        for policy in self:
            policy.message_post(
                body=self.env._("Superseded by version %(version)s.", version=new_version.version)
            )

    def action_new_version(self):
        """Draft the next version of this document, to be approved and published."""
        self.ensure_one()
        latest = self.with_context(active_test=False).search(
            [("code", "=", self.code), ("company_id", "=", self.company_id.id)],
            order="version desc",
            limit=1,
        )
        new = self.copy({"version": latest.version + 1, "previous_version_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_open_distribute(self):
        self.ensure_one()
        if self.state != "published":
            raise UserError(self.env._("Only a published document can be distributed."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Distribute %(document)s", document=self.display_name),
            "res_model": "shaqra.policy.distribute",
            "view_mode": "form",
            "target": "new",
            "context": {"default_policy_id": self.id},
        }

    def action_view_acknowledgements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_beneficiary.shaqra_policy_acknowledgement_action"
        )
        action["domain"] = [("policy_id", "=", self.id)]
        action["context"] = {"default_policy_id": self.id, "search_default_group_state": 0}
        return action

    def action_view_department_copies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_beneficiary.shaqra_policy_department_copy_action"
        )
        action["domain"] = [("policy_id", "=", self.id)]
        return action

    def _distribute(self, employees=None, partners=None, send_mail=True):
        """Ask these people to acknowledge this version (ART4); return the new requests.

        One acknowledgement per person and version: people who already have
        one for this version are skipped. Each new request gets an e-mail
        with the link and, for employees with a user, a to-do activity; the
        manager of each department reached receives the department copy.
        """
        self.ensure_one()
        if self.state != "published":
            raise UserError(
                self.env._(
                    "Only a published document can be distributed (%(document)s).",
                    document=self.display_name,
                )
            )
        Ack = self.env["shaqra.policy.acknowledgement"].sudo()
        employees = (employees or self.env["hr.employee"]).filtered("active")
        partners = partners or self.env["res.partner"]
        if employees and not self.audience_employee:
            raise UserError(
                self.env._(
                    "This document is not addressed to employees: tick 'Employees Must "
                    "Acknowledge' first."
                )
            )
        if partners and not self.audience_partner:
            raise UserError(
                self.env._(
                    "This document is not addressed to contractors and volunteers: tick "
                    "'Contractors and Volunteers Must Acknowledge' first."
                )
            )
        not_portal = partners.filtered(lambda p: not p.user_ids.filtered("share"))
        if not_portal:
            raise UserError(
                self.env._(
                    "These contacts have no portal access and cannot acknowledge online: "
                    "%(names)s. Grant them portal access first.",
                    names=", ".join(not_portal.mapped("display_name")),
                )
            )
        existing = Ack.search([("policy_id", "=", self.id)])
        employees -= existing.employee_id
        partners -= existing.partner_id
        vals_list = [{"policy_id": self.id, "employee_id": e.id} for e in employees]
        vals_list += [{"policy_id": self.id, "partner_id": p.id} for p in partners]
        acks = Ack.create(vals_list)
        if send_mail:
            acks._send_request()
        self._send_department_copies(employees.department_id)
        return acks

    def _send_department_copies(self, departments):
        """Give each department's manager a copy of this version, once (ART4)."""
        Copy = self.env["shaqra.policy.department.copy"].sudo()
        done = Copy.search([("policy_id", "=", self.id)]).department_id
        template = self.env.ref(
            "shaqra_beneficiary.mail_template_shaqra_policy_department_copy",
            raise_if_not_found=False,
        )
        for department in departments - done:
            copy = Copy.create(
                {
                    "policy_id": self.id,
                    "department_id": department.id,
                    "manager_id": department.manager_id.id,
                }
            )
            if template and department.manager_id.work_email:
                template.sudo().send_mail(
                    copy.id, email_layout_xmlid="mail.mail_notification_light"
                )
        return True
