from psycopg2 import sql

from odoo import fields, models, tools

KPIS = [
    ("request_received", "Requests received"),
    ("request_answered", "Requests answered"),
    ("request_met", "Requests answered on time (C6)"),
    ("request_missed", "Requests answered late (C6)"),
    ("complaint_received", "Complaints received"),
    ("complaint_settled", "Complaints settled amicably"),
    ("inquiry_received", "Inquiries received"),
    ("satisfaction_answer", "Satisfaction answers"),
    ("visit_done", "Visits done"),
    ("policy_acknowledged", "Policy acknowledgements signed"),
]


class ShaqraKpiReport(models.Model):
    """Policy G5: the month-by-month trend of each management figure.

    One row per event (a request received or answered, a complaint received
    or settled, an inquiry, a satisfaction answer, a visit done, a policy
    signed) with its day, so the graph and pivot views group by month, by
    KPI and by company with the database doing the counting. ``value`` is the
    working days taken (requests answered) or the overall satisfaction score
    (answers), averaged by the views.
    """

    _name = "shaqra.kpi.report"
    _description = "Management KPI Trend"
    _auto = False
    _order = "date desc"
    _rec_name = "kpi"

    kpi = fields.Selection(KPIS, string="Indicator", readonly=True)
    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    count = fields.Integer(string="Count", readonly=True)
    value = fields.Float(
        string="Average (Working Days or Score)",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Working days taken for requests answered; the overall score (1 to 5) "
        "for satisfaction answers.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # A static query: no user input reaches it. The id is the source row's
        # id times 16 plus the KPI's number, unique and stable.
        self.env.cr.execute(
            sql.SQL(
                """
            CREATE OR REPLACE VIEW {table} AS (
                SELECT r.id * 16 + 0 AS id, 'request_received' AS kpi,
                       (r.create_date AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Riyadh')::date AS date,
                       r.company_id, 1 AS count, NULL::float AS value
                  FROM shaqra_request r
                UNION ALL
                SELECT r.id * 16 + 1, 'request_answered',
                       (r.date_answered AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Riyadh')::date,
                       r.company_id, 1, r.working_days_taken::float
                  FROM shaqra_request r
                 WHERE r.date_answered IS NOT NULL
                UNION ALL
                SELECT r.id * 16 + 2,
                       CASE WHEN r.deadline_met THEN 'request_met' ELSE 'request_missed' END,
                       (r.date_answered AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Riyadh')::date,
                       r.company_id, 1, r.working_days_taken::float
                  FROM shaqra_request r
                 WHERE r.date_answered IS NOT NULL
                   AND (r.deadline_met OR r.date_complete IS NOT NULL)
                UNION ALL
                SELECT c.id * 16 + 3, 'complaint_received',
                       (c.date_received AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Riyadh')::date,
                       c.company_id, 1, NULL
                  FROM shaqra_complaint c
                UNION ALL
                SELECT c.id * 16 + 4, 'complaint_settled',
                       (COALESCE(c.decision_date, c.date_answered, c.write_date)
                            AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Riyadh')::date,
                       c.company_id, 1, NULL
                  FROM shaqra_complaint c
                 WHERE c.outcome = 'settled'
                UNION ALL
                SELECT l.id * 16 + 5, 'inquiry_received',
                       (l.create_date AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Riyadh')::date,
                       l.company_id, 1, NULL
                  FROM crm_lead l
                 WHERE l.is_shaqra_inquiry
                UNION ALL
                SELECT ui.id * 16 + 6, 'satisfaction_answer',
                       (COALESCE(ui.end_datetime, ui.write_date)
                            AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Riyadh')::date,
                       sc.company_id, 1,
                       (SELECT AVG(a.answer_score)
                          FROM survey_user_input_line ln
                          JOIN survey_question_answer a ON a.id = ln.suggested_answer_id
                         WHERE ln.user_input_id = ui.id
                           AND ln.question_id = sc.overall_question_id)
                  FROM survey_user_input ui
                  JOIN shaqra_satisfaction_campaign sc ON sc.id = ui.shaqra_campaign_id
                 WHERE ui.state = 'done'
                UNION ALL
                SELECT v.id * 16 + 7, 'visit_done', v.date, v.company_id, 1, NULL
                  FROM shaqra_visit v
                 WHERE v.state = 'done'
                UNION ALL
                SELECT k.id * 16 + 8, 'policy_acknowledged',
                       (k.acknowledged_on AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Riyadh')::date,
                       k.company_id, 1, NULL
                  FROM shaqra_policy_acknowledgement k
                 WHERE k.state = 'acknowledged' AND k.acknowledged_on IS NOT NULL
            )
            """
            ).format(table=sql.Identifier(self._table))
        )
