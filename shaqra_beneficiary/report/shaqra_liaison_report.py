from psycopg2 import sql

from odoo import fields, models, tools


class ShaqraLiaisonReport(models.Model):
    """Policy G6: management supervises each liaison officer's requests.

    One row per officer, company and concerned department (ART1): open and overdue requests, answered
    ones, how many on time, and the average working days to answer (C6).
    A database view, because these are aggregates over every request.
    """

    _name = "shaqra.liaison.report"
    _description = "Liaison Officer Follow-up"
    _auto = False
    _order = "overdue_count desc, open_count desc"
    _rec_name = "employee_id"

    employee_id = fields.Many2one("hr.employee", string="Liaison Officer", readonly=True)
    user_id = fields.Many2one("res.users", string="Officer User", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    department_id = fields.Many2one("hr.department", string="Concerned Department", readonly=True)
    request_count = fields.Integer(string="Requests", readonly=True)
    open_count = fields.Integer(string="Open", readonly=True)
    overdue_count = fields.Integer(string="Overdue", readonly=True)
    answered_count = fields.Integer(string="Answered", readonly=True)
    met_count = fields.Integer(string="Answered on Time", readonly=True)
    breached_count = fields.Integer(string="Answered Late", readonly=True)
    avg_working_days = fields.Float(
        string="Average Working Days to Answer", readonly=True, aggregator="avg", digits=(16, 1)
    )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            sql.SQL("CREATE OR REPLACE VIEW {table} AS ({query})").format(
                table=sql.Identifier(self._table), query=self._query()
            )
        )

    def _query(self):
        """The SELECT of the view, one row per officer, company and department.

        Add-ons extend the report by wrapping this query (its columns are the
        fields above); a static query: no user input reaches it.
        """
        return sql.SQL(
            """
                SELECT
                    MIN(r.id) AS id,
                    r.liaison_officer_id AS employee_id,
                    e.user_id AS user_id,
                    r.company_id AS company_id,
                    r.department_id AS department_id,
                    COUNT(*) AS request_count,
                    COUNT(*) FILTER (
                        WHERE r.date_answered IS NULL
                          AND NOT COALESCE(s.is_final, FALSE)
                    ) AS open_count,
                    COUNT(*) FILTER (
                        WHERE r.is_overdue AND r.date_answered IS NULL
                    ) AS overdue_count,
                    COUNT(*) FILTER (WHERE r.date_answered IS NOT NULL) AS answered_count,
                    COUNT(*) FILTER (
                        WHERE r.date_answered IS NOT NULL AND r.deadline_met
                    ) AS met_count,
                    COUNT(*) FILTER (
                        WHERE r.date_answered IS NOT NULL AND r.date_complete IS NOT NULL
                          AND NOT COALESCE(r.deadline_met, FALSE)
                    ) AS breached_count,
                    AVG(r.working_days_taken) FILTER (
                        WHERE r.date_answered IS NOT NULL AND r.date_complete IS NOT NULL
                    ) AS avg_working_days
                FROM shaqra_request r
                JOIN hr_employee e ON e.id = r.liaison_officer_id
                LEFT JOIN shaqra_request_stage s ON s.id = r.stage_id
                GROUP BY r.liaison_officer_id, e.user_id, r.company_id, r.department_id
            """
        )
