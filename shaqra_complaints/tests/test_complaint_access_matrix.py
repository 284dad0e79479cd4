from pathlib import Path

from odoo.tests import tagged

from odoo.addons.shaqra_beneficiary.tests import test_access_matrix as base_matrix
from odoo.addons.shaqra_beneficiary.tests.common import SIGNATURE_TEXT as SIGNATURE

from .oversight_matrix import OversightMatrixMixin
from .satisfaction_matrix import SatisfactionMatrixMixin

MATRIX = Path(__file__).with_name("access_matrix.csv")


@tagged("post_install", "-at_install")
class TestComplaintAccessMatrix(
    OversightMatrixMixin, SatisfactionMatrixMixin, base_matrix.TestAccessMatrix
):
    """Policy E2, D2: the rows of the complaint models in the access matrix
    (access_matrix.csv next to this file), walked on complaint records with the
    base's machinery; the base's coverage check counts them too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        root = env.user
        follow_up = env.ref("shaqra_complaints.stage_follow_up")

        def complaint(user, ben, service=None, committee=None, to_committee=False):
            record = (
                env["shaqra.complaint"]
                .with_user(user)
                .sudo()
                .create(
                    {
                        "kind": "complaint",
                        "channel": "meeting",
                        "beneficiary_id": ben.id,
                        "service_type_id": (service or cls.service_2).id,
                        "committee_id": committee.id if committee else False,
                        "description": "M complaint",
                    }
                )
            )
            if to_committee:
                record.write({"stage_id": follow_up.id})
            return record.sudo(False)

        cls.cmp = {
            "reception": complaint(cls.users["reception"], cls.ben["reception"]),
            "liaison": complaint(root, cls.ben["liaison"], cls.service_1),
            "committee": complaint(
                root, cls.ben["committee"], committee=cls.committee_1, to_committee=True
            ),
            "manager": complaint(cls.users["manager"], cls.ben["manager"]),
            "portal": complaint(root, cls.ben["portal"]),
            "other": complaint(
                cls.reception_other, cls.ben["other"], committee=cls.committee_2, to_committee=True
            ),
        }
        cls.cmp_extra_own = complaint(
            root, cls.ben["committee"], committee=cls.committee_1, to_committee=True
        )
        cls.cmp_extra_other = complaint(
            root, cls.ben["other"], committee=cls.committee_2, to_committee=True
        )
        Decision = env["shaqra.complaint.decision"]
        cls.cmp_line_own = Decision.with_user(cls.users["committee"]).create(
            {"meeting_id": cls.meeting_1.id, "complaint_id": cls.cmp["committee"].id}
        )
        cls.cmp_line_other = Decision.with_user(cls.committee_other).create(
            {"meeting_id": cls.meeting_2.id, "complaint_id": cls.cmp["other"].id}
        )
        cls.cmp_sla = env.ref("shaqra_complaints.sla_inquiry")
        cls.cmp_stage = env.ref("shaqra_complaints.stage_cancelled")
        # Compensation claims (C7-C10): own = handled by the officer / studied by the
        # member's committee; claims in negotiation (for rounds) and settled (for payments).
        Claim = env["shaqra.compensation.claim"].sudo()

        def claim(key, state, committee=None):
            user = cls.users.get(key) or cls.reception_other
            record = Claim.create(
                {
                    "beneficiary_id": cls.ben[key].id,
                    "user_id": user.id,
                    "committee_id": committee.id if committee else False,
                    "harm_description": "M harm",
                    "amount_claimed": 1000.0,
                }
            )
            record.write({"state": state, "amount_agreed": 1000.0})
            return record.sudo(False)

        keys = ("reception", "liaison", "committee", "manager", "portal", "other")
        committee_of = {"committee": cls.committee_1, "other": cls.committee_2}
        cls.claim = {key: claim(key, "negotiation", committee_of.get(key)) for key in keys}
        cls.claim_settled = {key: claim(key, "settled", committee_of.get(key)) for key in keys}
        cls.claim_round = {
            key: env["shaqra.compensation.negotiation"].create(
                {"claim_id": cls.claim[key].id, "party": "beneficiary", "amount": 900.0}
            )
            for key in keys
        }
        cls.claim_payment = {
            key: env["shaqra.compensation.payment"].create(
                {"claim_id": cls.claim_settled[key].id, "amount": 100.0, "method": "cash"}
            )
            for key in keys
        }
        cls.claim_study_own = claim("committee", "investigation", cls.committee_1)
        cls.claim_study_other = claim("other", "investigation", cls.committee_2)
        cls.claim_study_extra_own = claim("committee", "investigation", cls.committee_1)
        cls.claim_study_extra_other = claim("other", "investigation", cls.committee_2)
        Finding = env["shaqra.compensation.finding"]
        cls.claim_finding_own = Finding.with_user(cls.users["committee"]).create(
            {"meeting_id": cls.meeting_1.id, "claim_id": cls.claim_study_own.id}
        )
        cls.claim_finding_other = Finding.with_user(cls.committee_other).create(
            {"meeting_id": cls.meeting_2.id, "claim_id": cls.claim_study_other.id}
        )
        # The base's walk goes over self.matrix: here, this add-on's rows.
        cls.matrix = base_matrix.load_matrix(MATRIX)

    def _complaint_models(self):
        return sorted(
            name
            for name, model in self.env.registry.items()
            if model._original_module == "shaqra_complaints" and not model._abstract
        )

    def test_e2_access_matrix_covers_every_model(self):
        """Every model of this add-on has a row per role in its access_matrix.csv."""
        models = self._complaint_models()
        missing = [
            f"{model} x {role}"
            for model in models
            for role in base_matrix.ROLES
            if (model, role) not in self.matrix
        ]
        self.assertFalse(
            missing,
            "Add these models to shaqra_complaints/tests/access_matrix.csv:\n"
            + "\n".join(missing),
        )
        unknown = sorted({model for model, _role in self.matrix} - set(models))
        self.assertFalse(unknown, f"Rows for models that do not exist: {unknown}")

    def test_e2_access_matrix(self):
        """Walk this add-on's rows: each role x model x operation x own/other as stated."""
        super().test_e2_access_matrix()

    def _spec(self, model):
        w = self._world
        cmp = lambda role, which: self.cmp[w(role, which)]  # noqa: E731
        same = lambda record: lambda role, which: record  # noqa: E731
        specs = {
            "shaqra.complaint": (
                cmp,
                lambda role, which: {
                    "kind": "complaint",
                    "beneficiary_id": self.ben[w(role, which)].id,
                    "description": "M new complaint",
                },
                {"description": "M changed"},
            ),
            "shaqra.complaint.stage": (same(self.cmp_stage), None, {"sequence": 99}),
            "shaqra.complaint.sla": (
                same(self.cmp_sla),
                lambda role, which: {"kind": "complaint", "company_id": self.company.id},
                {"answer_days": 20},
            ),
            "shaqra.complaint.decision": (
                lambda role, which: self.cmp_line_own if which == "own" else self.cmp_line_other,
                lambda role, which: {
                    "meeting_id": (self.meeting_1 if which == "own" else self.meeting_2).id,
                    "complaint_id": (
                        self.cmp_extra_own if which == "own" else self.cmp_extra_other
                    ).id,
                },
                {"sequence": 5},
            ),
            "shaqra.complaint.settlement.sign": (
                None,
                lambda role, which: {
                    "complaint_id": cmp(role, which).id,
                    "signed_by": "M",
                    "signature": SIGNATURE,
                },
                None,
            ),
            "shaqra.complaint.intake": (
                None,
                lambda role, which: {
                    "channel": "meeting",
                    "complainant_name": "M",
                    "description": "M",
                },
                None,
            ),
            "shaqra.compensation.claim": (
                lambda role, which: self.claim[w(role, which)],
                lambda role, which: {
                    "beneficiary_id": self.ben[w(role, which)].id,
                    "user_id": (self.users[role] if which == "own" else self.reception_other).id,
                    "committee_id": (self.committee_1 if which == "own" else self.committee_2).id,
                    "harm_description": "M new claim",
                },
                {"harm_description": "M changed"},
            ),
            "shaqra.compensation.negotiation": (
                lambda role, which: self.claim_round[w(role, which)],
                lambda role, which: {
                    "claim_id": self.claim[w(role, which)].id,
                    "party": "association",
                    "amount": 800.0,
                },
                {"note": "M changed"},
            ),
            "shaqra.compensation.payment": (
                lambda role, which: self.claim_payment[w(role, which)],
                lambda role, which: {
                    "claim_id": self.claim_settled[w(role, which)].id,
                    "amount": 50.0,
                    "method": "bank_transfer",
                },
                {"reference": "M changed"},
            ),
            "shaqra.compensation.finding": (
                lambda role, which: (
                    self.claim_finding_own if which == "own" else self.claim_finding_other
                ),
                lambda role, which: {
                    "meeting_id": (self.meeting_1 if which == "own" else self.meeting_2).id,
                    "claim_id": (
                        self.claim_study_extra_own
                        if which == "own"
                        else self.claim_study_extra_other
                    ).id,
                },
                {"sequence": 5},
            ),
            "shaqra.compensation.agreement.sign": (
                None,
                lambda role, which: {
                    "claim_id": self.claim[w(role, which)].id,
                    "signed_by": "M",
                    "signature": SIGNATURE,
                },
                None,
            ),
            "shaqra.compensation.claim.reject": (
                None,
                lambda role, which: {"claim_id": self.claim[w(role, which)].id, "reason": "M"},
                None,
            ),
        }
        if model in specs:
            return specs[model]
        return super()._spec(model)
