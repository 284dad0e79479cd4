from psycopg2 import sql

from odoo import fields, models, tools


class ShaqraSatisfactionReport(models.Model):
    """Policy G1, G6: the campaigns' results question by question.

    One row per scored answer of a completed invitation, with the
    beneficiary's category, field of work and liaison officer, so that the
    pivot and graph views give the average score per question, by category,
    field of work and officer, and by campaign, with the database doing the
    averaging.
    """

    _name = "shaqra.satisfaction.report"
    _description = "Satisfaction Results by Question"
    _auto = False
    _order = "date desc"
    _rec_name = "question_id"

    campaign_id = fields.Many2one("shaqra.satisfaction.campaign", readonly=True)
    question_id = fields.Many2one("survey.question", string="Question", readonly=True)
    beneficiary_id = fields.Many2one("shaqra.beneficiary", readonly=True)
    category_id = fields.Many2one("shaqra.beneficiary.category", string="Category", readonly=True)
    field_id = fields.Many2one("shaqra.work.field", string="Field of Work", readonly=True)
    liaison_user_id = fields.Many2one("res.users", string="Liaison Officer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(string="Answered On", readonly=True)
    filled_by_staff = fields.Boolean(
        string="Filled In by Staff",
        readonly=True,
        help="Answered by staff on the beneficiary's behalf (letter or meeting).",
    )
    score = fields.Float(string="Average Score", readonly=True, aggregator="avg")
    answer_count = fields.Integer(string="Answers", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # A static query: no user input reaches it.
        self.env.cr.execute(
            sql.SQL(
                """
            CREATE OR REPLACE VIEW {table} AS (
                SELECT line.id AS id,
                       ui.shaqra_campaign_id AS campaign_id,
                       line.question_id,
                       ui.shaqra_beneficiary_id AS beneficiary_id,
                       b.category_id,
                       b.field_id,
                       b.liaison_user_id,
                       campaign.company_id,
                       (COALESCE(ui.end_datetime, ui.write_date)
                           AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Riyadh')::date AS date,
                       ui.shaqra_filled_by_id IS NOT NULL AS filled_by_staff,
                       choice.answer_score::float AS score,
                       1 AS answer_count
                  FROM survey_user_input_line line
                  JOIN survey_user_input ui ON ui.id = line.user_input_id
                  JOIN shaqra_satisfaction_campaign campaign ON campaign.id = ui.shaqra_campaign_id
                  JOIN survey_question_answer choice ON choice.id = line.suggested_answer_id
                  LEFT JOIN shaqra_beneficiary b ON b.id = ui.shaqra_beneficiary_id
                 WHERE ui.state = 'done'
                   AND NOT COALESCE(line.skipped, FALSE)
                   AND choice.answer_score > 0
            )
            """
            ).format(table=sql.Identifier(self._table))
        )
