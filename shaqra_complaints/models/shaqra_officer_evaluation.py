from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

RATINGS = [
    ("1", "Poor"),
    ("2", "Needs improvement"),
    ("3", "Satisfactory"),
    ("4", "Good"),
    ("5", "Excellent"),
]


class ShaqraOfficerEvaluation(models.Model):
    """Policy G6, F1: management's periodic evaluation of a liaison officer.

    Management writes it; "Record" sets the evaluator and the date as
    evidence, after which the evaluation no longer changes. The officer
    reads their own evaluations.
    """

    _name = "shaqra.officer.evaluation"
    _description = "Liaison Officer Evaluation"
    _inherit = ["mail.thread", "shaqra.evidence.mixin"]
    _order = "date_to desc, id desc"
    _rec_name = "employee_id"
    _check_company_auto = True

    _evidence_fields = ("state", "evaluator_id", "date_recorded")
    _evidence_frozen_fields = ("employee_id", "date_from", "date_to", "rating", "note")

    employee_id = fields.Many2one(
        "hr.employee",
        string="Liaison Officer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        related="employee_id.user_id", store=True, index=True, string="Officer User"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_from = fields.Date(string="Period From", required=True, tracking=True)
    date_to = fields.Date(string="Period To", required=True, tracking=True)
    rating = fields.Selection(RATINGS, required=True, tracking=True)
    note = fields.Text(string="Evaluation Note", required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("recorded", "Recorded")],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
        copy=False,
    )
    evaluator_id = fields.Many2one("res.users", string="Evaluated By", readonly=True, copy=False)
    date_recorded = fields.Datetime(string="Recorded On", readonly=True, copy=False)
    # The officer's figures, for the evaluator's eye (from the officer report).
    request_count = fields.Integer(string="Requests", compute="_compute_figures")
    met_rate = fields.Float(string="Deadlines Met (%)", compute="_compute_figures")
    complaint_count = fields.Integer(string="Complaints", compute="_compute_figures")
    avg_satisfaction = fields.Float(
        string="Average Satisfaction", compute="_compute_figures", digits=(16, 2)
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for evaluation in self:
            if evaluation.date_to < evaluation.date_from:
                raise ValidationError(self.env._("The evaluation period ends before it starts."))

    @api.depends("employee_id")
    def _compute_figures(self):
        figures = self.env["shaqra.liaison.report"]._officer_figures(self.employee_id)
        for evaluation in self:
            values = figures.get(evaluation.employee_id.id, {})
            evaluation.request_count = values.get("request_count", 0)
            evaluation.met_rate = values.get("met_rate", 0.0)
            evaluation.complaint_count = values.get("complaint_count", 0)
            evaluation.avg_satisfaction = values.get("avg_satisfaction", 0.0)

    def _evidence_is_frozen(self):
        self.ensure_one()
        return self.state == "recorded"

    def _evidence_frozen_message(self, field_names):
        return self.env._(
            "The evaluation of %(officer)s was recorded: it can no longer be changed.",
            officer=self.employee_id.name,
        )

    def action_record(self):
        """Record the evaluation: the evaluator and the date are its evidence."""
        for evaluation in self:
            if evaluation.state != "draft":
                raise UserError(
                    self.env._(
                        "The evaluation of %(officer)s is already recorded.",
                        officer=evaluation.employee_id.name,
                    )
                )
        self.check_access("write")
        self._evidence_write(
            {
                "state": "recorded",
                "evaluator_id": self.env.uid,
                "date_recorded": fields.Datetime.now(),
            }
        )
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if any(evaluation.state == "recorded" for evaluation in self):
            raise UserError(self.env._("A recorded evaluation cannot be deleted."))


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    shaqra_evaluation_count = fields.Integer(
        string="Evaluations",
        compute="_compute_shaqra_evaluation_count",
        groups="shaqra_beneficiary.group_manager",
    )

    def _compute_shaqra_evaluation_count(self):
        counts = dict(
            self.env["shaqra.officer.evaluation"]._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.shaqra_evaluation_count = counts.get(employee, 0)

    def action_view_shaqra_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_complaints.shaqra_officer_evaluation_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action
