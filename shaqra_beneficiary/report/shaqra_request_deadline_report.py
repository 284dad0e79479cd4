from psycopg2 import sql

from odoo import fields, models, tools

DEADLINE_OUTCOMES = [
    ("met", "Met"),
    ("late", "Answered Late"),
    ("overdue", "Overdue, Not Answered"),
]


class ShaqraRequestDeadlineReport(models.Model):
    """Policy C6, G6: how many answer deadlines were met and missed.

    One row per request whose deadline is decided: answered (on time or late)
    or overdue without an answer. ``met_count`` and ``missed_count`` add up in
    the pivot by month, field of work and officer; ``met_rate`` is the share of
    deadlines met (an average over the rows, in percent).
    """

    _name = "shaqra.request.deadline.report"
    _description = "Answer Deadline Statistics"
    _auto = False
    _order = "date_deadline desc, id desc"
    _rec_name = "request_id"

    request_id = fields.Many2one("shaqra.request", string="Request", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    service_type_id = fields.Many2one("shaqra.service.type", string="Service", readonly=True)
    field_id = fields.Many2one("shaqra.work.field", string="Field of Work", readonly=True)
    category_id = fields.Many2one(
        "shaqra.beneficiary.category", string="Beneficiary Category", readonly=True
    )
    liaison_officer_id = fields.Many2one("hr.employee", string="Liaison Officer", readonly=True)
    department_id = fields.Many2one("hr.department", string="Concerned Department", readonly=True)
    date_complete = fields.Date(string="Completed On", readonly=True)
    date_deadline = fields.Date(string="Answer Due", readonly=True)
    date_answered = fields.Date(string="Answered On", readonly=True)
    outcome = fields.Selection(DEADLINE_OUTCOMES, string="Deadline Outcome", readonly=True)
    deadline_count = fields.Integer(string="Deadlines", readonly=True)
    met_count = fields.Integer(string="Deadlines Met", readonly=True)
    missed_count = fields.Integer(string="Deadlines Missed", readonly=True)
    met_rate = fields.Float(string="Met Rate (%)", readonly=True, aggregator="avg", digits=(16, 1))
    working_days_taken = fields.Float(
        string="Working Days to Answer", readonly=True, aggregator="avg", digits=(16, 1)
    )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # A static query: no user input reaches it.
        self.env.cr.execute(
            sql.SQL(
                """
            CREATE OR REPLACE VIEW {table} AS (
                SELECT
                    r.id AS id,
                    r.id AS request_id,
                    r.company_id AS company_id,
                    r.service_type_id AS service_type_id,
                    r.field_id AS field_id,
                    r.category_id AS category_id,
                    r.liaison_officer_id AS liaison_officer_id,
                    r.department_id AS department_id,
                    r.date_complete::date AS date_complete,
                    r.date_deadline AS date_deadline,
                    r.date_answered::date AS date_answered,
                    CASE
                        WHEN r.date_answered IS NOT NULL AND r.deadline_met THEN 'met'
                        WHEN r.date_answered IS NOT NULL THEN 'late'
                        ELSE 'overdue'
                    END AS outcome,
                    1 AS deadline_count,
                    CASE WHEN r.date_answered IS NOT NULL AND r.deadline_met
                        THEN 1 ELSE 0 END AS met_count,
                    CASE WHEN r.date_answered IS NOT NULL AND r.deadline_met
                        THEN 0 ELSE 1 END AS missed_count,
                    CASE WHEN r.date_answered IS NOT NULL AND r.deadline_met
                        THEN 100.0 ELSE 0.0 END AS met_rate,
                    CASE WHEN r.date_answered IS NOT NULL
                        THEN r.working_days_taken END AS working_days_taken
                FROM shaqra_request r
                WHERE r.date_complete IS NOT NULL
                  AND r.date_deadline IS NOT NULL
                  AND (r.date_answered IS NOT NULL OR r.is_overdue)
            )
            """
            ).format(table=sql.Identifier(self._table))
        )
