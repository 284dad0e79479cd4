from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import phone, validation
from ..tools.channels import CHANNELS
from ..tools.saudi_id import is_valid_saudi_id, normalize_saudi_id
from .shaqra_beneficiary_member import DISABILITY_TYPES


def _check_name(record, name, value):
    validation.check_required_text(record, name, value)
    validation.check_length(record, name, value, validation.MAX_NAME_LENGTH)


def _check_short_text(record, name, value):
    validation.check_length(record, name, value, validation.MAX_NAME_LENGTH)


def _check_zip(record, name, value):
    validation.check_length(record, name, value, 20)


def _check_long_text(record, name, value):
    validation.check_length(record, name, value, validation.MAX_TEXT_LENGTH)


# The rules each value of a beneficiary's file obeys (policy C3, F3), whether
# typed in the backend, proposed on the portal or approved from a correction.
FIELD_CHECKS = {
    "name": _check_name,
    "email": validation.check_email,
    "mobile": validation.check_saudi_mobile,
    "phone": validation.check_phone,
    "street": _check_short_text,
    "street2": _check_short_text,
    "city": _check_short_text,
    "zip": _check_zip,
    "whatsapp_number": validation.check_saudi_mobile,
    "fax_number": validation.check_phone,
    "employer": _check_short_text,
    "health_note": _check_long_text,
    "birthdate": validation.check_birthdate,
    "annual_rent": validation.check_amount,
}
# Numbers stored with Latin digits, however they were typed (policy C3).
PHONE_FIELDS = ("mobile", "phone", "whatsapp_number", "fax_number")
# Those the partner carries: checked when the partner is written directly too.
PARTNER_CHECKED_FIELDS = ("name", "email", "mobile", "phone", "street", "street2", "city", "zip")


class ShaqraBeneficiary(models.Model):
    """A beneficiary of the association's services.

    The partner carries the name and contact data; the beneficiary carries
    the confidential case data, protected by groups and record rules
    (policy E2). ``preferred_channel`` is the channel agreed with the
    beneficiary for every notice (policy A1-A6, C5).
    """

    _name = "shaqra.beneficiary"
    _description = "Beneficiary"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["mail.thread", "mail.activity.mixin", "shaqra.liaison.access.mixin"]
    _order = "name"
    _rec_names_search = ["name", "national_id", "mobile", "phone"]
    _check_company_auto = True

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
        groups="shaqra_beneficiary.group_reception",
        help="Ten digits: 1 for a Saudi national ID, 2 for a resident's iqama.",
    )
    category_id = fields.Many2one(
        "shaqra.beneficiary.category", string="Category", tracking=True, ondelete="restrict"
    )
    field_id = fields.Many2one(
        "shaqra.work.field",
        string="Main Field of Work",
        tracking=True,
        ondelete="restrict",
        help="The field of the association's work the beneficiary mostly deals with; "
        "with the category it decides the liaison officer (policy F1).",
    )
    preferred_channel = fields.Selection(
        CHANNELS,
        string="Agreed Channel",
        required=True,
        default="meeting",
        tracking=True,
        help="The channel agreed with the beneficiary for every notice (policy A, C5).",
    )
    whatsapp_number = fields.Char(string="WhatsApp Number")
    fax_number = fields.Char()
    liaison_officer_id = fields.Many2one(
        "hr.employee",
        string="Liaison Officer",
        compute="_compute_liaison_officer_id",
        store=True,
        readonly=False,
        tracking=True,
        check_company=True,
        help="Set from the liaison assignment of the category and field of work "
        "(policy F1); may be changed by hand.",
    )
    liaison_user_id = fields.Many2one(
        related="liaison_officer_id.user_id", store=True, string="Liaison Officer User"
    )
    request_ids = fields.One2many("shaqra.request", "beneficiary_id", string="Requests")
    request_count = fields.Integer(compute="_compute_request_count")
    inquiry_count = fields.Integer(compute="_compute_inquiry_count")
    notification_count = fields.Integer(compute="_compute_notification_count")
    mobile_normalized = fields.Char(
        compute="_compute_mobile_normalized", store=True, index=True, copy=False
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    # Need assessment: the household and its means (policy C2, C3).
    gender = fields.Selection([("male", "Male"), ("female", "Female")], tracking=True)
    birthdate = fields.Date(string="Date of Birth")
    marital_status = fields.Selection(
        [
            ("single", "Single"),
            ("married", "Married"),
            ("divorced", "Divorced"),
            ("widowed", "Widowed"),
        ],
        tracking=True,
    )
    member_ids = fields.One2many(
        "shaqra.beneficiary.member", "beneficiary_id", string="Household Members"
    )
    household_size = fields.Integer(
        compute="_compute_household",
        store=True,
        help="The beneficiary and the household members recorded.",
    )
    dependant_count = fields.Integer(
        string="Dependants",
        compute="_compute_household",
        store=True,
        help="Household members the beneficiary supports.",
    )
    income_ids = fields.One2many(
        "shaqra.beneficiary.income", "beneficiary_id", string="Income Sources"
    )
    monthly_income = fields.Monetary(
        string="Monthly Household Income",
        compute="_compute_monthly_income",
        store=True,
        tracking=True,
    )
    income_per_member = fields.Monetary(
        string="Monthly Income per Member", compute="_compute_monthly_income", store=True
    )
    housing_status = fields.Selection(
        [
            ("owned", "Owned"),
            ("rented", "Rented"),
            ("family", "With relatives"),
            ("charity", "Charity or government housing"),
            ("inadequate", "Inadequate housing"),
            ("other", "Other"),
        ],
        tracking=True,
    )
    annual_rent = fields.Monetary()
    employment_status = fields.Selection(
        [
            ("employed", "Employed"),
            ("self_employed", "Self-employed"),
            ("unemployed", "Unemployed"),
            ("retired", "Retired"),
            ("student", "Student"),
            ("unable", "Unable to work"),
        ],
        tracking=True,
    )
    employer = fields.Char()
    has_disability = fields.Boolean(string="Disability", tracking=True)
    disability_type = fields.Selection(DISABILITY_TYPES)
    health_note = fields.Text(string="Health Notes")
    document_ids = fields.One2many(
        "shaqra.beneficiary.document", "beneficiary_id", string="Documents"
    )
    document_count = fields.Integer(compute="_compute_document_count")

    # Consent to the processing of personal data (policy E2).
    consent_given = fields.Boolean(
        string="Consent to Data Processing",
        tracking=True,
        help="The beneficiary agreed that the association keeps and processes their "
        "data to study and deliver services (policy E2).",
    )
    consent_date = fields.Datetime(string="Consent Given On", tracking=True, copy=False)
    consent_channel = fields.Selection(CHANNELS, string="Consent Channel", copy=False)
    consent_user_id = fields.Many2one(
        "res.users", string="Consent Recorded By", tracking=True, copy=False
    )

    _sql_constraints = [
        (
            "national_id_company_unique",
            "unique(national_id, company_id)",
            "A beneficiary with this national ID already exists.",
        ),
    ]

    @api.depends("category_id", "field_id", "company_id")
    def _compute_liaison_officer_id(self):
        Assignment = self.env["shaqra.liaison.assignment"].sudo()
        for beneficiary in self:
            assignment = Assignment._find(
                beneficiary.category_id, beneficiary.field_id, beneficiary.company_id
            )
            beneficiary.liaison_officer_id = (
                assignment.employee_id or beneficiary.liaison_officer_id
            )

    def _count_by_beneficiary(self, model):
        """How many ``model`` records each beneficiary has (smart buttons)."""
        return dict(
            self.env[model]._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )

    def _compute_request_count(self):
        counts = self._count_by_beneficiary("shaqra.request")
        for beneficiary in self:
            beneficiary.request_count = counts.get(beneficiary, 0)

    @api.depends("member_ids", "member_ids.is_dependant")
    def _compute_household(self):
        for beneficiary in self:
            beneficiary.household_size = 1 + len(beneficiary.member_ids)
            beneficiary.dependant_count = len(beneficiary.member_ids.filtered("is_dependant"))

    @api.depends("income_ids.amount", "household_size")
    def _compute_monthly_income(self):
        for beneficiary in self:
            total = sum(beneficiary.income_ids.mapped("amount"))
            beneficiary.monthly_income = total
            beneficiary.income_per_member = total / (beneficiary.household_size or 1)

    @api.depends("partner_id.mobile")
    def _compute_mobile_normalized(self):
        for beneficiary in self:
            beneficiary.mobile_normalized = phone.mobile_key(beneficiary.mobile) or False

    def _compute_inquiry_count(self):
        # Inquiries are crm.lead records of the beneficiary's partner (policy C1, F2);
        # a role without CRM access simply sees none.
        Lead = self.env["crm.lead"]
        counts = {}
        if Lead.has_access("read"):
            counts = dict(
                Lead.with_context(active_test=False)._read_group(
                    [("partner_id", "in", self.partner_id.ids)], ["partner_id"], ["__count"]
                )
            )
        for beneficiary in self:
            beneficiary.inquiry_count = counts.get(beneficiary.partner_id, 0)

    def _compute_notification_count(self):
        counts = self._count_by_beneficiary("shaqra.notification")
        for beneficiary in self:
            beneficiary.notification_count = counts.get(beneficiary, 0)

    def _compute_document_count(self):
        counts = self._count_by_beneficiary("shaqra.beneficiary.document")
        for beneficiary in self:
            beneficiary.document_count = counts.get(beneficiary, 0)

    @api.constrains("mobile_normalized", "company_id")
    def _check_mobile_unique(self):
        """Policy C3: one beneficiary file per mobile number, so no case is doubled."""
        for beneficiary in self.filtered("mobile_normalized"):
            duplicate = self.sudo().search(
                [
                    ("mobile_normalized", "=", beneficiary.mobile_normalized),
                    ("company_id", "=", beneficiary.company_id.id),
                    ("id", "!=", beneficiary.id),
                    ("active", "in", (True, False)),
                ],
                limit=1,
            )
            if not duplicate:
                continue
            if self._shaqra_may_read(duplicate):
                raise ValidationError(
                    self.env._(
                        "The mobile number %(mobile)s is already registered for the "
                        "beneficiary %(name)s (national ID %(number)s).",
                        mobile=beneficiary.mobile,
                        name=duplicate.name,
                        number=duplicate.national_id,
                    )
                )
            # Policy E2: a phone number must not tell whose file it is.
            raise ValidationError(
                self.env._(
                    "The mobile number %(mobile)s is already registered for another "
                    "beneficiary file. Ask the manager or the liaison officer of that "
                    "file to check it.",
                    mobile=beneficiary.mobile,
                )
            )

    @api.constrains("partner_id", *FIELD_CHECKS)
    def _check_field_values(self):
        """Policy C3: sane values only; the message names the field to fix."""
        for beneficiary in self:
            for name, check in FIELD_CHECKS.items():
                check(beneficiary, name, beneficiary[name])

    @api.model
    def _shaqra_check_value(self, name, value):
        """Check one value of ``name`` with the rules of the form; return it
        normalised (an e-mail address in lower case). Raise ValidationError."""
        check = FIELD_CHECKS.get(name)
        if not check:
            return value
        result = check(self, name, value)
        return value if result is None else result

    @api.constrains("national_id")
    def _check_national_id(self):
        """Policy C3: the ID must be valid, and one beneficiary per ID."""
        for beneficiary in self:
            if not is_valid_saudi_id(beneficiary.national_id):
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a valid Saudi national ID or iqama number: "
                        "it must have 10 digits, start with 1 or 2 and end with the "
                        "right check digit.",
                        number=beneficiary.national_id,
                    )
                )
            beneficiary._check_national_id_free(beneficiary.national_id, beneficiary.company_id.id)

    @api.model
    def _shaqra_prepare_vals(self, vals):
        """Policy C3: refuse values of the wrong type, write numbers in Latin digits."""
        validation.check_vals_types(self, vals)
        for name in PHONE_FIELDS:
            if isinstance(vals.get(name), str):
                vals[name] = validation.latin_digits(vals[name])

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._shaqra_prepare_vals(vals)
            if vals.get("national_id"):
                vals["national_id"] = normalize_saudi_id(vals["national_id"])
                self._check_national_id_free(
                    vals["national_id"], vals.get("company_id") or self.env.company.id
                )
            self._prepare_consent_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._shaqra_prepare_vals(vals)
        if vals.get("national_id"):
            vals["national_id"] = normalize_saudi_id(vals["national_id"])
            for beneficiary in self:
                beneficiary._check_national_id_free(
                    vals["national_id"], vals.get("company_id") or beneficiary.company_id.id
                )
        self._prepare_consent_vals(vals)
        return super().write(vals)

    def _check_national_id_free(self, national_id, company_id):
        """Policy C3: refuse a second file for an ID; name its holder only to
        those who may read that file (E2).

        Checked before saving, so that the database's unique constraint (the
        safety net) is never what the user sees.
        """
        duplicate = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("national_id", "=", national_id),
                    ("company_id", "=", company_id),
                    ("id", "not in", self.ids),
                ],
                limit=1,
            )
        )
        if not duplicate:
            return
        if self._shaqra_may_read(duplicate):
            raise ValidationError(
                self.env._(
                    "The national ID %(number)s is already registered for the "
                    "beneficiary %(name)s.",
                    number=national_id,
                    name=duplicate.name,
                )
            )
        # Policy E2: only the person's own exact ID finds them, through the lookup.
        raise ValidationError(
            self.env._(
                "The national ID %(number)s is already registered for another "
                "beneficiary file: do not register the person twice, look them up "
                "by their national ID to take their request.",
                number=national_id,
            )
        )

    @api.model
    def _shaqra_may_read(self, beneficiary):
        """Whether the real user (not a sudo environment) may read ``beneficiary``."""
        return bool(beneficiary.with_env(self.env(su=False))._filtered_access("read"))

    def _prepare_consent_vals(self, vals):
        """Policy E2: consent is recorded with its date and who recorded it."""
        if vals.get("consent_given"):
            if not vals.get("consent_date"):
                vals["consent_date"] = fields.Datetime.now()
            if not vals.get("consent_user_id"):
                vals["consent_user_id"] = self.env.user.id
        elif "consent_given" in vals:
            vals.update(consent_date=False, consent_channel=False, consent_user_id=False)

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_beneficiary.shaqra_request_action"
        )
        action.update(
            domain=[("beneficiary_id", "=", self.id)],
            context={"default_beneficiary_id": self.id},
        )
        return action

    def action_view_inquiries(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Inquiries"),
            "res_model": "crm.lead",
            "view_mode": "list,form",
            "domain": [("partner_id", "=", self.partner_id.id)],
            "context": {"default_partner_id": self.partner_id.id, "active_test": False},
        }

    def action_view_notifications(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Notices"),
            "res_model": "shaqra.notification",
            "view_mode": "list,form",
            "domain": [("beneficiary_id", "=", self.id)],
            "context": {"default_beneficiary_id": self.id},
        }

    def action_view_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Documents"),
            "res_model": "shaqra.beneficiary.document",
            "view_mode": "list,form",
            "domain": [("beneficiary_id", "=", self.id)],
            "context": {"default_beneficiary_id": self.id},
        }

    @api.model
    def shaqra_find_by_national_id(self, national_id):
        """Policy C1, E2: tell reception whether a person is registered.

        Reception sees only the beneficiaries it registered or received a
        request for; when a known person walks in, it looks them up by their
        exact national ID to take a new request without registering them
        twice. Only the name and the id are returned, never the case data.
        """
        if not self.env.user.has_group("shaqra_beneficiary.group_reception"):
            raise AccessError(self.env._("Only the beneficiary services staff may look up IDs."))
        number = normalize_saudi_id(national_id or "")
        if not is_valid_saudi_id(number):
            return False
        beneficiary = self.sudo().search(
            [("national_id", "=", number), ("company_id", "in", self.env.companies.ids)],
            limit=1,
        )
        if not beneficiary:
            return False
        return {"id": beneficiary.id, "name": beneficiary.name}
