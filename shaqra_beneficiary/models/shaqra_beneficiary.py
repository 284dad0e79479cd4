from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .national_id import is_valid_saudi_id, normalize_saudi_id

CHANNELS = [
    ("meeting", "In-person meeting"),
    ("letter", "Letter"),
    ("whatsapp", "WhatsApp"),
    ("fax", "Fax"),
    ("email", "E-mail"),
    ("portal", "Website / portal"),
    ("volunteer", "Volunteer"),
]


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

    def _compute_request_count(self):
        counts = dict(
            self.env["shaqra.request"]._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )
        for beneficiary in self:
            beneficiary.request_count = counts.get(beneficiary, 0)

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
            duplicate = self.sudo().search(
                [
                    ("national_id", "=", beneficiary.national_id),
                    ("company_id", "=", beneficiary.company_id.id),
                    ("id", "!=", beneficiary.id),
                    ("active", "in", (True, False)),
                ],
                limit=1,
            )
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "The national ID %(number)s is already registered for the "
                        "beneficiary %(name)s.",
                        number=beneficiary.national_id,
                        name=duplicate.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("national_id"):
                vals["national_id"] = normalize_saudi_id(vals["national_id"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("national_id"):
            vals["national_id"] = normalize_saudi_id(vals["national_id"])
        return super().write(vals)

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
