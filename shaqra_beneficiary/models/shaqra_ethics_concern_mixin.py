import functools

from odoo import api, fields, models
from odoo.osv import expression

ETHICS_KIND = "ethics"
ETHICS_KIND_LABEL = "Ethics concern"
MANAGER_GROUP = "shaqra_beneficiary.group_manager"


class ShaqraEthicsConcernMixin(models.AbstractModel):
    """Extension point for ethics concerns filed through the complaints channel (E4).

    The complaints add-on (which this add-on never imports) makes an ethics
    concern its own kind of complaint by inheriting this mixin on its
    complaint model (``_inherit = ["shaqra.complaint",
    "shaqra.ethics.concern.mixin"]``) and adding the kind to its selection
    (``kind = fields.Selection(selection_add=[("ethics", "Ethics concern")],
    ondelete={"ethics": "cascade"})``, see :meth:`_shaqra_ethics_selection`).

    The concrete model has a ``kind`` field. The mixin gives it
    ``concerned_employee_id`` (the employee the concern is about) and keeps
    ethics concerns confidential: only management sees them, and never the
    employee concerned, even a manager. The restriction is applied to
    searches (:meth:`_search`) and to every read and write
    (:meth:`_check_access`), so it holds whatever record rules say.
    """

    _name = "shaqra.ethics.concern.mixin"
    _description = "Ethics Concern (Extension Point)"

    concerned_employee_id = fields.Many2one(
        "hr.employee",
        string="Employee Concerned",
        help="The employee the ethics concern is about; they never see it (policy E4).",
    )
    concerned_user_id = fields.Many2one(
        related="concerned_employee_id.user_id", store=True, string="User Concerned"
    )

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @staticmethod
    def _shaqra_ethics_selection():
        """The (key, label) pair to ``selection_add`` to the complaint kinds."""
        return (ETHICS_KIND, ETHICS_KIND_LABEL)

    @api.model
    def _shaqra_ethics_policy(self):
        """The published code of ethics the concern refers to."""
        return (
            self.env["shaqra.policy"]
            .sudo()
            .search([("kind", "=", ETHICS_KIND), ("state", "=", "published")], limit=1)
        )

    @api.model
    def _shaqra_ethics_hidden_domain(self):
        """Records the current user must not see: none for the superuser;
        every ethics concern for non-managers; for a manager, those about them."""
        if self.env.su:
            return expression.FALSE_DOMAIN
        if not self.env.user.has_group(MANAGER_GROUP):
            return [("kind", "=", ETHICS_KIND)]
        return [("kind", "=", ETHICS_KIND), ("concerned_user_id", "=", self.env.uid)]

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model
    def _search(self, domain, *args, **kwargs):
        hidden = self._shaqra_ethics_hidden_domain()
        if hidden != expression.FALSE_DOMAIN:
            domain = expression.AND([domain or [], ["!", *expression.normalize_domain(hidden)]])
        return super()._search(domain, *args, **kwargs)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or not any(self._ids):
            return result
        hidden = (
            self.sudo().filtered_domain(self._shaqra_ethics_hidden_domain()).with_env(self.env)
        )
        if hidden:
            return hidden, functools.partial(
                self.env["ir.rule"]._make_access_error, operation, hidden
            )
        return None
