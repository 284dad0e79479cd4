"""Data and steps of the compensation claim tests (policy C7-C10, E3)."""

from odoo import Command

from .common import SIGNATURE, ShaqraComplaintCommon

__all__ = ["SIGNATURE", "ShaqraClaimCommon"]


class ShaqraClaimCommon(ShaqraComplaintCommon):
    """An investigation committee and the steps of a claim, each by its role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.investigation = cls.env["shaqra.committee"].create(
            {
                "name": "Investigation committee",
                "committee_type": "investigation",
                "member_ids": [Command.set((cls.user_committee | cls.member_b).ids)],
                "chair_id": cls.user_committee.id,
                "quorum": 2,
            }
        )

    def _claim(self, **values):
        vals = {
            "beneficiary_id": self.beneficiary.id,
            "harm_description": "The rent aid was stopped by mistake.",
            "amount_claimed": 5000.0,
            "committee_id": self.investigation.id,
            "user_id": self.user_liaison.id,
        }
        vals.update(values)
        return self.env["shaqra.compensation.claim"].with_user(self.user_liaison).create(vals)

    def _investigate(self, claim, at_fault=True, approve=True):
        claim.action_send_to_investigation()
        meeting = (
            self.env["shaqra.committee.meeting"]
            .with_user(self.user_committee)
            .create({"committee_id": self.investigation.id})
        )
        meeting.action_load_agenda()
        self.assertEqual(meeting.claim_finding_ids.claim_id, claim)
        meeting.action_start()
        meeting.attendee_ids = self.user_committee | self.member_b
        finding = meeting.claim_finding_ids
        finding.write(
            {
                "harm": "Two months of rent unpaid",
                "harm_extent": "Eviction notice received",
                "harm_causes": "A data-entry error stopped the aid",
                "association_at_fault": at_fault,
                "amount_assessed": 3000.0,
            }
        )
        self.assertEqual(finding.recorded_by_id, self.user_committee)
        meeting.action_close()
        if approve:
            meeting.action_approve()
            meeting.with_user(self.member_b).action_approve()
            self.assertEqual(meeting.state, "approved")
        return meeting

    def _negotiate_and_sign(self, claim, amount=2500.0):
        claim.action_start_negotiation()
        claim.negotiation_ids.create(
            {"claim_id": claim.id, "party": "association", "amount": 2000.0, "note": "Offer"}
        )
        claim.write({"amount_agreed": amount, "agreement_terms": "<p>Paid in two parts.</p>"})
        claim._agreement_sign(SIGNATURE, "Fatimah Al-Otaibi")
