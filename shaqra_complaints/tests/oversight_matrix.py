from datetime import date

from odoo.addons.shaqra_beneficiary.tests import test_access_matrix as base_matrix


class OversightMatrixMixin:
    """Records of the management oversight rows of access_matrix.csv (policy
    G5, G6): the overview and the KPI trend are management's to read; an
    officer evaluation is written by management and read by its officer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.ovw_officers = {role: cls.employees[cls.users[role]] for role in base_matrix.ROLES[:6]}
        cls.ovw_officers["other"] = cls.employees[cls.reception_other]
        cls.ovw_evaluations = {
            key: env["shaqra.officer.evaluation"].create(
                {
                    "employee_id": employee.id,
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 3, 31),
                    "rating": "4",
                    "note": "M evaluation",
                }
            )
            for key, employee in cls.ovw_officers.items()
        }

        # One scored answer of a satisfaction campaign, for the results view.
        campaign = env["shaqra.satisfaction.campaign"].create(
            {"name": "M campaign", "date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31)}
        )
        answer = campaign.survey_id.sudo()._create_answer(
            partner=env.user.partner_id, check_attempts=False, shaqra_campaign_id=campaign.id
        )
        question = campaign.overall_question_id
        env["survey.user_input.line"].sudo().create(
            {
                "user_input_id": answer.id,
                "question_id": question.id,
                "answer_type": "suggestion",
                "suggested_answer_id": question.suggested_answer_ids.filtered("answer_score")[
                    :1
                ].id,
            }
        )
        answer.sudo().write({"state": "done"})
        env.flush_all()

    def _ovw_key(self, role, which):
        return role if which == "own" and role in self.ovw_officers else "other"

    def _spec(self, model):
        if model == "shaqra.overview":
            overview = self.env.ref("shaqra_complaints.shaqra_overview_main")
            return (lambda role, which: overview, lambda role, which: {"name": "M"}, {"name": "M"})
        if model == "shaqra.kpi.report":
            row = self.env["shaqra.kpi.report"].search([], limit=1)
            return (
                lambda role, which: row,
                lambda role, which: {"kpi": "visit_done"},
                {"count": 0},
            )
        if model == "shaqra.satisfaction.report":
            row = self.env["shaqra.satisfaction.report"].search([], limit=1)
            return (
                lambda role, which: row,
                lambda role, which: {"answer_count": 1},
                {"answer_count": 0},
            )
        if model == "shaqra.officer.evaluation":
            return (
                lambda role, which: self.ovw_evaluations[self._ovw_key(role, which)],
                lambda role, which: {
                    "employee_id": self.ovw_officers[self._ovw_key(role, which)].id,
                    "date_from": date(2026, 4, 1),
                    "date_to": date(2026, 6, 30),
                    "rating": "3",
                    "note": "M new evaluation",
                },
                {"note": "M changed evaluation"},
            )
        return super()._spec(model)
