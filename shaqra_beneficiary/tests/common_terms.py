import base64
import io

from PIL import Image, ImageDraw

from odoo import Command

from .common_committee import ShaqraCommitteeCommon


def drawn_signature():
    """A hand-drawn-looking signature, as the signature widget sends it."""
    image = Image.new("RGBA", (240, 80), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.line(
        [(10, 60), (40, 15), (70, 60), (100, 20), (140, 55), (200, 25)], fill="black", width=4
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


class ShaqraTermsCommon(ShaqraCommitteeCommon):
    """A service with a published agreement template, and a way to approve (ART2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.signature_image = drawn_signature()
        cls.department = cls.env["hr.department"].create({"name": "Beneficiary Services"})
        cls.work_field.department_id = cls.department
        cls.template = cls.env["shaqra.agreement.template"].create(
            {
                "name": "Monthly aid agreement",
                "service_type_id": cls.service.id,
                "duration_months": 6,
                "payment_schedule": "monthly",
                "terms": "<p>The association pays the approved amount monthly.</p>",
                "termination_terms": "<p>Ends after six months.</p>",
                "obligation_ids": [
                    Command.create(
                        {
                            "name": "Report a change of income within 15 days",
                            "party": "beneficiary",
                        }
                    ),
                    Command.create(
                        {
                            "name": "Bring the rent receipt",
                            "party": "beneficiary",
                            "days_from_start": 30,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Pay the first month",
                            "party": "association",
                            "days_from_start": 7,
                        }
                    ),
                ],
            }
        )
        cls.template.action_publish()

    def _approve(self, request, amount=1200.0):
        meeting = self._meeting(request)
        meeting.decision_ids.with_user(self.member_b).write(
            {"decision": "approved", "approved_amount": amount}
        )
        return request.agreement_ids

    def _approved_agreement(self, beneficiary=None):
        return self._approve(self._complete_request(beneficiary=beneficiary))
