"""Staff filling a questionnaire in for someone else (policy G1-G4).

Odoo's survey pages refuse an answer whose person is not the logged-in user.
An employee may still fill in: a beneficiary's satisfaction questionnaire
they opened on the beneficiary's behalf (letter, meeting: recorded on the
answer), and the questionnaire of a visit they may record.
"""

from odoo.http import request

from odoo.addons.survey.controllers.main import Survey


class ShaqraSurvey(Survey):
    def _check_validity(self, survey_token, answer_token, ensure_token=True, check_partner=True):
        validity = super()._check_validity(
            survey_token, answer_token, ensure_token=ensure_token, check_partner=check_partner
        )
        if validity == "answer_wrong_user" and answer_token:
            __, answer_sudo = self._fetch_from_access_token(survey_token, answer_token)
            if answer_sudo and answer_sudo._shaqra_staff_may_fill(request.env.user):
                return True
        return validity
