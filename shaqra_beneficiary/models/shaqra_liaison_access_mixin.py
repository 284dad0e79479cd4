from odoo import api, fields, models
from odoo.osv import expression


class ShaqraLiaisonAccessMixin(models.AbstractModel):
    """Who handles a record as liaison officer (policy F1, E2).

    A record is handled by its own liaison officer (``liaison_user_id``) and
    by the officer and the backup officer of the liaison assignment of its
    category and field of work. Record rules search on
    ``officer_user_ids``; the search is computed from the assignments at the
    moment of the search, so a new or changed assignment takes effect at
    once, without recomputing stored values on every beneficiary.

    Models using the mixin have ``category_id``, ``field_id``,
    ``liaison_user_id`` and ``company_id`` fields.
    """

    _name = "shaqra.liaison.access.mixin"
    _description = "Liaison Officer Access"

    officer_user_ids = fields.Many2many(
        "res.users",
        string="Handling Officers",
        compute="_compute_officer_user_ids",
        search="_search_officer_user_ids",
        help="The liaison officer of the record and the officer and backup officer of "
        "the assignment of its category and field of work (policy F1).",
    )

    @api.depends("liaison_user_id", "category_id", "field_id", "company_id")
    def _compute_officer_user_ids(self):
        Assignment = self.env["shaqra.liaison.assignment"].sudo()
        for record in self:
            assignments = Assignment.search(
                [
                    ("category_id", "=", record.category_id.id),
                    ("company_id", "=", record.company_id.id),
                    ("field_id", "=", record.field_id.id)
                    if record.field_id
                    else ("field_id", "!=", False),
                ]
            )
            record.officer_user_ids = (
                record.liaison_user_id | assignments.user_id | assignments.backup_user_id
            )

    @api.model
    def _search_officer_user_ids(self, operator, value):
        if operator not in ("in", "="):
            raise NotImplementedError(
                self.env._("Only 'in' and '=' searches on the handling officers are supported.")
            )
        user_ids = [value] if isinstance(value, int) else list(value)
        # Assignments are searched as superuser: the rule must not depend on
        # the officer's own right to read the assignment table.
        assignments = (
            self.env["shaqra.liaison.assignment"]
            .sudo()
            .with_context(active_test=True)
            .search(["|", ("user_id", "in", user_ids), ("backup_user_id", "in", user_ids)])
        )
        domains = [[("liaison_user_id", "in", user_ids)]]
        for assignment in assignments:
            # A record without a field of work belongs to every officer of
            # its category, so that nobody's case is left without an officer.
            domains.append(
                [
                    ("category_id", "=", assignment.category_id.id),
                    ("company_id", "=", assignment.company_id.id),
                    "|",
                    ("field_id", "=", assignment.field_id.id),
                    ("field_id", "=", False),
                ]
            )
        return expression.OR(domains)
