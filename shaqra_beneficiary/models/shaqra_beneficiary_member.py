from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import validation
from ..tools.saudi_id import is_valid_saudi_id, normalize_saudi_id

DISABILITY_TYPES = [
    ("physical", "Physical"),
    ("visual", "Visual"),
    ("hearing", "Hearing"),
    ("intellectual", "Intellectual"),
    ("autism", "Autism"),
    ("multiple", "Multiple"),
    ("other", "Other"),
]


class ShaqraBeneficiaryMember(models.Model):
    """A member of a beneficiary's household, for need assessment (policy C2, C3)."""

    _name = "shaqra.beneficiary.member"
    _description = "Household Member"
    _order = "beneficiary_id, birthdate, id"

    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True)
    name = fields.Char(required=True)
    relation = fields.Selection(
        [
            ("spouse", "Spouse"),
            ("son", "Son"),
            ("daughter", "Daughter"),
            ("father", "Father"),
            ("mother", "Mother"),
            ("brother", "Brother"),
            ("sister", "Sister"),
            ("grandchild", "Grandchild"),
            ("other", "Other relative"),
        ],
        required=True,
        default="son",
    )
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    birthdate = fields.Date(string="Date of Birth")
    age = fields.Integer(compute="_compute_age")
    national_id = fields.Char(string="National ID / Iqama")
    is_dependant = fields.Boolean(
        string="Dependant",
        default=True,
        help="Supported by the beneficiary (no income of their own).",
    )
    has_disability = fields.Boolean(string="Disability")
    disability_type = fields.Selection(DISABILITY_TYPES)
    is_student = fields.Boolean(string="Student")
    note = fields.Char()

    @api.depends("birthdate")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for member in self:
            birthdate = member.birthdate
            member.age = (
                today.year
                - birthdate.year
                - ((today.month, today.day) < (birthdate.month, birthdate.day))
                if birthdate
                else 0
            )

    @api.constrains("name", "birthdate", "note")
    def _check_values(self):
        """Policy C3: sane values only; the message names the field to fix."""
        for member in self:
            validation.check_required_text(member, "name", member.name)
            validation.check_length(member, "name", member.name, validation.MAX_NAME_LENGTH)
            validation.check_birthdate(member, "birthdate", member.birthdate)
            validation.check_length(member, "note", member.note, validation.MAX_CHAR_LENGTH)

    @api.constrains("national_id")
    def _check_national_id(self):
        for member in self.filtered("national_id"):
            if not is_valid_saudi_id(member.national_id):
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a valid Saudi national ID or iqama number "
                        "(household member %(name)s).",
                        number=member.national_id,
                        name=member.name,
                    )
                )

    @api.model
    def _shaqra_prepare_vals(self, vals):
        """Policy C3: refuse values of the wrong type; an ID typed with Arabic
        digits or blanks is stored in Latin digits, blanks alone stay refused."""
        validation.check_vals_types(self, vals)
        if vals.get("national_id"):
            vals["national_id"] = normalize_saudi_id(vals["national_id"]) or vals["national_id"]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._shaqra_prepare_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._shaqra_prepare_vals(vals)
        return super().write(vals)
