from odoo import api, fields, models
from odoo.exceptions import UserError

STAGE_KEYS = [
    ("received", "Received"),
    ("completeness", "Completeness check"),
    ("awaiting_committee", "Awaiting committee"),
    ("committee_review", "Committee review"),
    ("decided", "Decided"),
    ("notified", "Beneficiary notified"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]


# What a stage means: only the module's data (superuser) sets them.
STAGE_MEANING_FIELDS = ("key", "is_intake", "is_committee", "is_answered", "is_final")


class ShaqraRequestStage(models.Model):
    """A stage of the request pipeline.

    The flags say what a stage means and drive the behaviour (policy C2-C6);
    ``key`` names the stages the module itself moves a request to.
    """

    _name = "shaqra.request.stage"
    _description = "Request Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    key = fields.Selection(
        STAGE_KEYS,
        help="The stages the module moves a request to by its actions. A stage added "
        "by an administrator has none; its flags say what it means.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)
    is_intake = fields.Boolean(
        string="Intake",
        help="The file is still being completed: documents are added, checked and signed "
        "(policy C2-C4).",
    )
    is_committee = fields.Boolean(
        string="With the Committee",
        help="The complete and signed file is with the committee (policy C5).",
    )
    is_answered = fields.Boolean(
        string="Answered",
        help="The committee decided: the request counts as answered (policy C6).",
    )
    is_final = fields.Boolean(
        string="Final",
        help="Closed or cancelled: nothing is expected from the association any more.",
    )
    portal_visible = fields.Boolean(
        string="Shown on the Portal",
        default=True,
        help="Shown to the beneficiary as a step of the request on the portal.",
    )

    _sql_constraints = [
        ("key_unique", "unique(key)", "Each stage key may be used once."),
    ]

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self._key_message())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and any(
            any(stage[name] != vals[name] for stage in self)
            for name in STAGE_MEANING_FIELDS
            if name in vals
        ):
            raise UserError(self._key_message())
        return super().write(vals)

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _requires_complete_file(self):
        """Whether a request may be in this stage only complete and signed
        (policy C3, C4): with the committee or answered."""
        self.ensure_one()
        return self.is_committee or self.is_answered

    @api.model
    def _complete_file_domain(self):
        """Domain on ``shaqra.request`` of the requests in such a stage."""
        return [
            "|",
            ("stage_id.is_committee", "=", True),
            ("stage_id.is_answered", "=", True),
        ]

    def _key_message(self):
        return self.env._(
            "The stages of the request pipeline are fixed (policy C2-C6): their names, "
            "order and folding can be changed, not what they mean."
        )
