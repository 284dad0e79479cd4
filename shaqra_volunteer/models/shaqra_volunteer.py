import secrets

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.shaqra_beneficiary.tools import validation
from odoo.addons.shaqra_beneficiary.tools.hijri import format_gregorian, format_hijri
from odoo.addons.shaqra_beneficiary.tools.saudi_id import (
    is_valid_saudi_id,
    normalize_saudi_id,
)

# The code of the volunteer management policy (ART3 B3) in shaqra.policy.
VOLUNTEER_POLICY_CODE = "B3"
COORDINATOR_GROUP = "shaqra_volunteer.group_volunteer_coordinator"

VOLUNTEER_STATES = [
    ("applicant", "Applicant"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("left", "Left"),
]
# Partner fields a sign-up may fill in; an existing partner keeps its own values.
PARTNER_VALUES = ("name", "email", "mobile", "city")


class ShaqraVolunteer(models.Model):
    """A volunteer of the association (policy B3, A6).

    The partner carries the name and contact data, so that a person who is
    also a beneficiary or an employee stays one contact. The status moves
    only through the actions (applicant -> active -> suspended -> left); a
    volunteer is activated only once they have signed the published version
    of the volunteer management policy (B3) through the policy
    acknowledgement.
    """

    _name = "shaqra.volunteer"
    _description = "Volunteer"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["mail.thread", "mail.activity.mixin", "shaqra.evidence.mixin"]
    _order = "name"
    _rec_names_search = ["name", "national_id", "mobile"]
    _check_company_auto = True
    _evidence_fields = (
        "state",
        "accepted_on",
        "accepted_by_id",
        "activated_on",
        "activated_by_id",
        "left_on",
    )

    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", auto_join=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True, tracking=True)
    national_id = fields.Char(
        string="National ID / Iqama",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        help="Ten digits: 1 for a Saudi national ID, 2 for a resident's iqama.",
    )
    state = fields.Selection(
        VOLUNTEER_STATES,
        string="Status",
        required=True,
        default="applicant",
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    gender = fields.Selection([("male", "Male"), ("female", "Female")], tracking=True)
    birthdate = fields.Date(string="Date of Birth")
    skill_ids = fields.Many2many("shaqra.volunteer.skill", string="Skills")
    languages = fields.Char(help="Languages the volunteer speaks, e.g. Arabic, English.")
    day_sun = fields.Boolean(string="Sunday")
    day_mon = fields.Boolean(string="Monday")
    day_tue = fields.Boolean(string="Tuesday")
    day_wed = fields.Boolean(string="Wednesday")
    day_thu = fields.Boolean(string="Thursday")
    day_fri = fields.Boolean(string="Friday")
    day_sat = fields.Boolean(string="Saturday")
    time_from = fields.Float(string="Available From", help="Hour of the day, e.g. 16.5 = 16:30.")
    time_to = fields.Float(string="Available Until")
    emergency_contact_name = fields.Char(string="Emergency Contact")
    emergency_contact_phone = fields.Char(string="Emergency Contact Phone")
    note = fields.Text(string="Coordinator Notes")
    user_id = fields.Many2one(
        "res.users", string="User", compute="_compute_user_id", help="The volunteer's login."
    )
    accepted_on = fields.Datetime(readonly=True, copy=False, tracking=True)
    accepted_by_id = fields.Many2one("res.users", string="Accepted By", readonly=True, copy=False)
    activated_on = fields.Datetime(readonly=True, copy=False, tracking=True)
    activated_by_id = fields.Many2one(
        "res.users", string="Activated By", readonly=True, copy=False
    )
    left_on = fields.Datetime(readonly=True, copy=False)
    agreement_state = fields.Selection(
        [
            ("none", "No published agreement"),
            ("not_sent", "Not sent"),
            ("pending", "Waiting for the signature"),
            ("signed", "Signed"),
        ],
        string="Volunteer Agreement",
        compute="_compute_agreement_state",
        help="The volunteer's signature of the published version of the volunteer "
        "management policy (B3).",
    )
    assignment_ids = fields.One2many(
        "shaqra.volunteer.assignment", "volunteer_id", string="Assignments"
    )
    hours_ids = fields.One2many("shaqra.volunteer.hours", "volunteer_id", string="Hours")
    hours_approved = fields.Float(
        string="Approved Hours", compute="_compute_hours_approved", store=True
    )
    assignment_count = fields.Integer(compute="_compute_counts")
    notice_count = fields.Integer(string="Notices", compute="_compute_counts")
    certificate_code = fields.Char(
        readonly=True,
        copy=False,
        index=True,
        default=lambda self: secrets.token_hex(8),
        help="Printed on the certificate; anyone can check it on the website.",
    )

    _sql_constraints = [
        (
            "national_id_company_uniq",
            "unique(national_id, company_id)",
            "A volunteer with this national ID / iqama is already registered.",
        ),
        ("partner_uniq", "unique(partner_id)", "This contact is already a volunteer."),
        (
            "certificate_code_uniq",
            "unique(certificate_code)",
            "The certificate code must be unique.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("partner_id.user_ids")
    def _compute_user_id(self):
        for volunteer in self:
            volunteer.user_id = (
                volunteer.partner_id.sudo().with_context(active_test=False).user_ids[:1]
            )

    @api.depends("hours_ids.state", "hours_ids.hours")
    def _compute_hours_approved(self):
        for volunteer in self:
            volunteer.hours_approved = sum(
                volunteer.hours_ids.filtered(lambda h: h.state == "approved").mapped("hours")
            )

    def _compute_counts(self):
        Notice = self.env["shaqra.notification"].sudo()
        for volunteer in self:
            volunteer.assignment_count = len(volunteer.assignment_ids)
            volunteer.notice_count = Notice.search_count([("volunteer_id", "=", volunteer.id)])

    @api.depends_context("uid")
    def _compute_agreement_state(self):
        for volunteer in self:
            policy = volunteer._volunteer_policy()
            ack = volunteer._volunteer_acknowledgement(policy)
            if not policy:
                volunteer.agreement_state = "none"
            elif not ack:
                volunteer.agreement_state = "not_sent"
            else:
                volunteer.agreement_state = "signed" if ack.state == "acknowledged" else "pending"

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("national_id")
    def _check_national_id(self):
        for volunteer in self:
            if not is_valid_saudi_id(volunteer.national_id):
                raise ValidationError(
                    self.env._(
                        "%(id)s is not a valid national ID or iqama number: ten digits, "
                        "starting with 1 or 2, with a correct check digit.",
                        id=volunteer.national_id,
                    )
                )

    @api.constrains("email", "mobile", "emergency_contact_phone", "time_from", "time_to", "name")
    def _check_values(self):
        for volunteer in self:
            validation.check_required_text(volunteer, "name", volunteer.name)
            validation.check_length(volunteer, "name", volunteer.name, validation.MAX_NAME_LENGTH)
            validation.check_email(volunteer, "email", volunteer.email)
            validation.check_saudi_mobile(volunteer, "mobile", volunteer.mobile)
            validation.check_phone(
                volunteer, "emergency_contact_phone", volunteer.emergency_contact_phone
            )
            for name in ("time_from", "time_to"):
                if not 0 <= volunteer[name] <= 24:
                    raise ValidationError(self.env._("Availability hours are between 0 and 24."))

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model
    def _shaqra_find_partner(self, vals, public=False):
        """The contact this person already is (beneficiary, employee), if any.

        Same national ID first (a beneficiary, an employee), then - for staff,
        not for the public sign-up - the same Saudi mobile number; never a
        contact that is already a volunteer.
        """
        Volunteer = self.sudo().with_context(active_test=False)

        def free(partner):
            return partner and not Volunteer.search_count([("partner_id", "=", partner.id)])

        national_id = vals.get("national_id")
        if national_id:
            beneficiary = (
                self.env["shaqra.beneficiary"]
                .sudo()
                .with_context(active_test=False)
                .search([("national_id", "=", national_id)], limit=1)
            )
            if free(beneficiary.partner_id):
                return beneficiary.partner_id
            employee = (
                self.env["hr.employee"]
                .sudo()
                .with_context(active_test=False)
                .search([("identification_id", "=", national_id)], limit=1)
            )
            if free(employee.work_contact_id):
                return employee.work_contact_id
        digits = validation.saudi_mobile_digits(vals.get("mobile"))
        if len(digits) == 9 and not public:
            beneficiary = (
                self.env["shaqra.beneficiary"]
                .sudo()
                .with_context(active_test=False)
                .search([("mobile_normalized", "=", digits)], limit=1)
            )
            if free(beneficiary.partner_id):
                return beneficiary.partner_id
            partners = (
                self.env["res.partner"]
                .sudo()
                .search([("mobile", "like", digits[-7:]), ("is_company", "=", False)], limit=20)
            )
            for partner in partners:
                if validation.saudi_mobile_digits(partner.mobile) == digits and free(partner):
                    return partner
        return self.env["res.partner"]

    @api.model_create_multi
    def create(self, vals_list):
        # The public sign-up never writes on a contact that already exists:
        # what a visitor typed waits for the coordinator's identity check.
        public = bool(self.env.context.get("shaqra_public_signup"))
        typed = {}
        for index, vals in enumerate(vals_list):
            if vals.get("state") == "applicant":
                # A new volunteer is always an applicant; saying so forges nothing.
                del vals["state"]
            if vals.get("national_id"):
                vals["national_id"] = normalize_saudi_id(
                    validation.latin_digits(vals["national_id"])
                )
            if vals.get("mobile"):
                vals["mobile"] = validation.latin_digits(vals["mobile"]).strip()
            if not vals.get("partner_id"):
                partner = self._shaqra_find_partner(vals, public=public)
                if partner:
                    vals["partner_id"] = partner.id
                    # The existing contact keeps its data; staff fill only gaps.
                    for name in PARTNER_VALUES:
                        if name in vals and (public or partner[name]):
                            typed.setdefault(index, {})[name] = vals.pop(name)
        volunteers = super().create(vals_list)
        for index, volunteer in enumerate(volunteers):
            volunteer.message_post(
                body=self.env._("Volunteer registered as an applicant."),
                subtype_xmlid="mail.mt_note",
            )
            if public and typed.get(index):
                volunteer.message_post(
                    body=self.env._(
                        "Signed up on the website with the national ID of an existing contact. "
                        "Typed: %(values)s. Check the person's identity before accepting: the "
                        "contact's data were not changed.",
                        values=", ".join(str(value) for value in typed[index].values() if value),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return volunteers

    def write(self, vals):
        if vals.get("national_id"):
            vals["national_id"] = normalize_saudi_id(validation.latin_digits(vals["national_id"]))
        return super().write(vals)

    # ------------------------------------------------------------
    # THE VOLUNTEER AGREEMENT (B3)
    # ------------------------------------------------------------

    def _volunteer_policy(self):
        """The published version of the volunteer management policy (B3)."""
        company = self.company_id or self.env.company
        return (
            self.env["shaqra.policy"]
            .sudo()
            .search(
                [
                    ("code", "=", VOLUNTEER_POLICY_CODE),
                    ("state", "=", "published"),
                    ("company_id", "in", [company.id, False]),
                ],
                order="version desc",
                limit=1,
            )
        )

    def _volunteer_acknowledgement(self, policy=None):
        """The volunteer's acknowledgement of ``policy`` (default: the published B3)."""
        self.ensure_one()
        policy = policy if policy is not None else self._volunteer_policy()
        if not policy or not self.partner_id:
            return self.env["shaqra.policy.acknowledgement"].sudo()
        return (
            self.env["shaqra.policy.acknowledgement"]
            .sudo()
            .search(
                [("policy_id", "=", policy.id), ("partner_id", "=", self.partner_id.id)],
                limit=1,
            )
        )

    def _has_signed_agreement(self):
        self.ensure_one()
        return self._volunteer_acknowledgement().state == "acknowledged"

    def _send_agreement(self):
        """Ask the volunteer to read and sign the published B3 (ART4 acknowledgement)."""
        Ack = self.env["shaqra.policy.acknowledgement"].sudo()
        for volunteer in self:
            policy = volunteer._volunteer_policy()
            if not policy:
                raise UserError(
                    self.env._(
                        "The volunteer management policy (B3) is not published yet: publish "
                        "it before sending the agreement."
                    )
                )
            if volunteer._volunteer_acknowledgement(policy):
                continue
            partner = volunteer.partner_id
            if not partner.with_context(active_test=False).user_ids:
                raise UserError(
                    self.env._(
                        "%(name)s has no account yet: accept the application first.",
                        name=volunteer.name,
                    )
                )
            if partner.user_ids.filtered("share"):
                if not policy.audience_partner:
                    policy.write({"audience_partner": True})
                policy._distribute(partners=partner)
            else:
                # An employee who also volunteers signs with their own login.
                Ack.create({"policy_id": policy.id, "partner_id": partner.id})._send_request()
        return True

    def action_send_agreement(self):
        self._check_coordinator()
        self._send_agreement()
        return True

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _check_coordinator(self):
        if not self.env.su and not self.env.user.has_group(COORDINATOR_GROUP):
            raise AccessError(
                self.env._("Only a volunteer coordinator can change a volunteer's status.")
            )
        self.check_access("write")

    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda v: v.state not in allowed)
        if wrong:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(name)s is %(state)s: %(action)s is not possible.",
                    name=wrong[0].name,
                    state=states[wrong[0].state],
                    action=action,
                )
            )

    def action_accept(self):
        """Staff accept an application: a portal account and the agreement to sign."""
        self._check_coordinator()
        self._check_state(("applicant",), self.env._("accepting the application"))
        for volunteer in self:
            partner = volunteer.partner_id
            if not partner.with_context(active_test=False).user_ids:
                if not partner.email:
                    raise UserError(
                        self.env._(
                            "%(name)s has no e-mail address: add one so that the portal "
                            "invitation can be sent.",
                            name=volunteer.name,
                        )
                    )
                wizard = (
                    self.env["portal.wizard"]
                    .sudo()
                    .create({"partner_ids": [Command.link(partner.id)]})
                )
                wizard.user_ids.action_grant_access()
            volunteer._evidence_write(
                {"accepted_on": fields.Datetime.now(), "accepted_by_id": self.env.uid}
            )
            if volunteer._volunteer_policy():
                volunteer._send_agreement()
            volunteer.message_post(
                body=self.env._(
                    "Application accepted by %(user)s; portal invitation sent.",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_activate(self):
        """Activate the volunteer: refused until they signed the published B3."""
        self._check_coordinator()
        self._check_state(("applicant", "suspended"), self.env._("activation"))
        for volunteer in self:
            if not volunteer._has_signed_agreement():
                policy = volunteer._volunteer_policy()
                raise UserError(
                    self.env._(
                        "%(name)s has not signed the volunteer agreement %(document)s: a "
                        "volunteer is activated only after signing the published version "
                        "of the volunteer management policy (B3).",
                        name=volunteer.name,
                        document=policy.display_name or VOLUNTEER_POLICY_CODE,
                    )
                )
            vals = {"state": "active"}
            if not volunteer.activated_on:
                vals.update(activated_on=fields.Datetime.now(), activated_by_id=self.env.uid)
            volunteer._evidence_write(vals)
        return True

    def action_suspend(self):
        self._check_coordinator()
        self._check_state(("active",), self.env._("suspension"))
        self._evidence_write({"state": "suspended"})
        return True

    def action_leave(self):
        self._check_coordinator()
        self._check_state(("applicant", "active", "suspended"), self.env._("leaving"))
        self._evidence_write({"state": "left", "left_on": fields.Datetime.now()})
        # Open applications and pending assignments end with the volunteer.
        self.assignment_ids.filtered(
            lambda a: a.state in ("applied", "accepted")
        ).sudo()._evidence_write({"state": "cancelled"})
        return True

    def action_view_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_volunteer.shaqra_volunteer_assignment_action"
        )
        action["domain"] = [("volunteer_id", "=", self.id)]
        action["context"] = {"default_volunteer_id": self.id}
        return action

    def action_view_notices(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Notices"),
            "res_model": "shaqra.notification",
            "view_mode": "list,form",
            "domain": [("volunteer_id", "=", self.id)],
        }

    def action_print_certificate(self):
        self.ensure_one()
        return self.env.ref("shaqra_volunteer.action_report_volunteer_certificate").report_action(
            self
        )

    # ------------------------------------------------------------
    # CERTIFICATE
    # ------------------------------------------------------------

    def _certificate_lines(self):
        """What the volunteer did: approved hours per opportunity, with dates."""
        self.ensure_one()
        lines = {}
        for hours in (
            self.sudo().hours_ids.filtered(lambda h: h.state == "approved").sorted("date")
        ):
            key = hours.opportunity_id or hours.activity or ""
            line = lines.setdefault(
                key,
                {
                    "title": hours.opportunity_id.name or hours.activity or "",
                    "place": hours.opportunity_id.place or "",
                    "date_from": hours.date,
                    "date_to": hours.date,
                    "hours": 0.0,
                },
            )
            line["date_to"] = max(line["date_to"], hours.date)
            line["hours"] += hours.hours
        return list(lines.values())

    @api.model
    def _certificate_dates(self, value=None):
        """A date in Hijri and Gregorian, in Arabic, for the certificate."""
        value = value or fields.Date.context_today(self)
        return {"hijri": format_hijri(value, "ar"), "gregorian": format_gregorian(value, "ar")}
