from odoo import api, fields, models

STAGE_KEYS = [
    ("received", "Received"),
    ("screening", "Screening"),
    ("waiting", "Waiting for the complainant"),
    ("follow_up", "Follow-up committee"),
    ("settlement", "Amicable settlement"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]


class ShaqraComplaintStage(models.Model):
    """A stage of the complaint pipeline; its flags drive the behaviour (D1-D3)."""

    _name = "shaqra.complaint.stage"
    _inherit = ["shaqra.stage.mixin"]
    _description = "Complaint Stage"
    _order = "sequence, id"
    # What a stage means: only the module's data (superuser) sets them.
    _stage_meaning_fields = (
        "key",
        "is_committee",
        "is_settlement",
        "is_resolved",
        "is_final",
        "pauses_clock",
        "short_path",
    )

    key = fields.Selection(STAGE_KEYS, required=True)
    is_committee = fields.Boolean(
        string="With the Committee",
        help="The complaint is on the follow-up committee's agenda (policy D1).",
    )
    is_settlement = fields.Boolean(
        string="Settlement",
        help="The committee proposed an amicable settlement to the complainant (policy D3).",
    )
    is_resolved = fields.Boolean(
        string="Resolved",
        help="The complaint is answered: the clock stops here.",
    )
    is_final = fields.Boolean(
        string="Final",
        help="Closed or cancelled: nothing changes any more.",
    )
    pauses_clock = fields.Boolean(
        string="Pauses the Clock",
        help="The association waits for the complainant: the working days do not count.",
    )
    short_path = fields.Boolean(
        string="On the Short Path",
        help="Support requests and inquiries pass through this stage; they never go to "
        "the committee.",
    )
    portal_visible = fields.Boolean(
        string="Shown to the Complainant",
        help="Shown as a step on the status page and the portal.",
    )

    _sql_constraints = [
        ("key_unique", "unique(key)", "Each stage key may be used once."),
    ]

    def _key_message(self):
        return self.env._(
            "The stages of the complaint pipeline are fixed (policy D1-D3): their names, "
            "order and folding can be changed, not what they mean."
        )

    @api.model
    def _by_key(self, key):
        return self.sudo().search([("key", "=", key)], limit=1).with_env(self.env)
