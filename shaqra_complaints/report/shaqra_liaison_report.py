from psycopg2 import sql

from odoo import api, fields, models


class ShaqraLiaisonReport(models.Model):
    """Policy G6, F1: each officer's complaints and the satisfaction of the
    beneficiaries whose file they handle, next to their requests.

    Complaints and satisfaction are figures of the officer, not of a
    department: they sit on the officer's first row per company (the others
    have no complaint and an empty score, which averages ignore), so totals
    and averages by officer stay right. An officer with complaints but no
    request gets a row of their own.
    """

    _inherit = "shaqra.liaison.report"

    complaint_count = fields.Integer(string="Complaints", readonly=True)
    complaint_open_count = fields.Integer(string="Open Complaints", readonly=True)
    complaint_settled_count = fields.Integer(string="Settled Amicably", readonly=True)
    satisfaction_count = fields.Integer(string="Satisfaction Answers", readonly=True)
    avg_satisfaction = fields.Float(
        string="Average Satisfaction",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="The average overall score (1 to 5) given in satisfaction campaigns by the "
        "beneficiaries whose file the officer handles.",
    )

    def _query(self):
        return sql.SQL(
            """
            WITH base AS ({base}),
            cmp AS (
                SELECT c.liaison_officer_id AS employee_id, c.company_id,
                       COUNT(*) AS complaint_count,
                       COUNT(*) FILTER (WHERE NOT COALESCE(st.is_final, FALSE))
                           AS complaint_open_count,
                       COUNT(*) FILTER (WHERE c.outcome = 'settled') AS complaint_settled_count,
                       MIN(c.id) AS first_id
                  FROM shaqra_complaint c
                  LEFT JOIN shaqra_complaint_stage st ON st.id = c.stage_id
                 WHERE c.liaison_officer_id IS NOT NULL
                 GROUP BY c.liaison_officer_id, c.company_id
            ),
            score AS (
                SELECT ui.id AS input_id, b.liaison_officer_id AS employee_id,
                       sc.company_id,
                       (SELECT AVG(a.answer_score)
                          FROM survey_user_input_line ln
                          JOIN survey_question_answer a ON a.id = ln.suggested_answer_id
                         WHERE ln.user_input_id = ui.id
                           AND ln.question_id = sc.overall_question_id) AS score
                  FROM survey_user_input ui
                  JOIN shaqra_satisfaction_campaign sc ON sc.id = ui.shaqra_campaign_id
                  JOIN shaqra_beneficiary b ON b.id = ui.shaqra_beneficiary_id
                 WHERE ui.state = 'done' AND b.liaison_officer_id IS NOT NULL
            ),
            sat AS (
                SELECT employee_id, company_id, COUNT(score) AS satisfaction_count,
                       AVG(score) AS avg_satisfaction, MIN(input_id) AS first_input_id
                  FROM score
                 GROUP BY employee_id, company_id
            ),
            ranked AS (
                SELECT base.*, ROW_NUMBER() OVER (
                           PARTITION BY base.employee_id, base.company_id
                           ORDER BY base.department_id NULLS FIRST, base.id
                       ) AS rank
                  FROM base
            ),
            officer AS (
                SELECT employee_id, company_id FROM cmp
                UNION
                SELECT employee_id, company_id FROM sat
            ),
            extra AS (
                SELECT o.employee_id, o.company_id,
                       COALESCE(cmp.complaint_count, 0) AS complaint_count,
                       COALESCE(cmp.complaint_open_count, 0) AS complaint_open_count,
                       COALESCE(cmp.complaint_settled_count, 0) AS complaint_settled_count,
                       COALESCE(sat.satisfaction_count, 0) AS satisfaction_count,
                       sat.avg_satisfaction,
                       COALESCE(cmp.first_id * 3 + 1, sat.first_input_id * 3 + 2) AS row_id
                  FROM officer o
                  LEFT JOIN cmp ON cmp.employee_id = o.employee_id
                       AND cmp.company_id = o.company_id
                  LEFT JOIN sat ON sat.employee_id = o.employee_id
                       AND sat.company_id = o.company_id
            )
            SELECT r.id * 3 AS id, r.employee_id, r.user_id, r.company_id, r.department_id,
                   r.request_count, r.open_count, r.overdue_count, r.answered_count,
                   r.met_count, r.breached_count, r.avg_working_days,
                   CASE WHEN r.rank = 1 THEN COALESCE(x.complaint_count, 0) ELSE 0 END
                       AS complaint_count,
                   CASE WHEN r.rank = 1 THEN COALESCE(x.complaint_open_count, 0) ELSE 0 END
                       AS complaint_open_count,
                   CASE WHEN r.rank = 1 THEN COALESCE(x.complaint_settled_count, 0) ELSE 0 END
                       AS complaint_settled_count,
                   CASE WHEN r.rank = 1 THEN COALESCE(x.satisfaction_count, 0) ELSE 0 END
                       AS satisfaction_count,
                   CASE WHEN r.rank = 1 THEN x.avg_satisfaction END AS avg_satisfaction
              FROM ranked r
              LEFT JOIN extra x ON x.employee_id = r.employee_id
                   AND x.company_id = r.company_id
            UNION ALL
            SELECT x.row_id,
                   x.employee_id, e.user_id, x.company_id, NULL,
                   0, 0, 0, 0, 0, 0, NULL,
                   x.complaint_count, x.complaint_open_count, x.complaint_settled_count,
                   x.satisfaction_count, x.avg_satisfaction
              FROM extra x
              JOIN hr_employee e ON e.id = x.employee_id
             WHERE NOT EXISTS (
                   SELECT 1 FROM base b
                    WHERE b.employee_id = x.employee_id AND b.company_id = x.company_id
             )
            """
        ).format(base=super()._query())

    @api.model
    def _officer_figures(self, employees):
        """{employee id: figures} of each officer over all their rows, for an
        evaluation form (the officer reads their own: aggregates only)."""
        rows = self.sudo()._read_group(
            [("employee_id", "in", employees.ids)],
            ["employee_id"],
            [
                "request_count:sum",
                "answered_count:sum",
                "met_count:sum",
                "complaint_count:sum",
                "avg_satisfaction:avg",
            ],
        )
        return {
            employee.id: {
                "request_count": requests,
                "met_rate": round(100.0 * met / answered, 1) if answered else 0.0,
                "complaint_count": complaints,
                "avg_satisfaction": satisfaction or 0.0,
            }
            for employee, requests, answered, met, complaints, satisfaction in rows
        }
