from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.shaqra_beneficiary.tests.common import BLANK_SIGNATURE, SIGNATURE_TEXT

from .common_web import ShaqraComplaintWebCommon


class ShaqraClaimWebCommon(ShaqraComplaintWebCommon):
    """A claim of beneficiary one waiting for the signature, and one of two."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim_one = cls._portal_claim(cls.beneficiary_one, "CLAIM-TERMS-OF-ONE")
        cls.claim_two = cls._portal_claim(cls.beneficiary_two, "CLAIM-TERMS-OF-TWO")
        cls.user_manager_web = new_test_user(
            cls.env, "t_claim_web_manager", groups="shaqra_beneficiary.group_manager"
        )

    @classmethod
    def _portal_claim(cls, beneficiary, terms, amount=2500.0):
        Claim = cls.env["shaqra.compensation.claim"].sudo()
        claim = Claim.create(
            {
                "beneficiary_id": beneficiary.id,
                "user_id": cls.user_officer.id,
                "harm_description": "Aid stopped by mistake",
                "amount_claimed": 4000.0,
                "judgment_authority": "Shaqra General Court",
                "judgment_number": "10/1447",
                "judgment_date": fields.Date.today(),
                "judgment_final": True,
            }
        )
        claim.action_establish()
        claim.action_start_negotiation()
        claim.write({"amount_agreed": amount, "agreement_terms": f"<p>{terms}</p>"})
        return claim

    def _sign(self, claim, name="Beneficiary One", signature=SIGNATURE_TEXT):
        return self._json(f"/my/claims/{claim.id}/sign", {"name": name, "signature": signature})


@tagged("post_install", "-at_install")
class TestCompensationClaimPortal(ShaqraClaimWebCommon):
    """Policy C10, E2: the beneficiary's own claims on the portal, signed online."""

    def test_e2_my_claims_lists_only_own_claims(self):
        self.authenticate("t_benef_one", "t_benef_one")
        page = self._get("/my/claims")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.claim_one.name, page.text)
        self.assertNotIn(self.claim_two.name, page.text)
        home = self._json("/my/counters", {"counters": ["shaqra_claim_count"]})
        self.assertEqual(home["shaqra_claim_count"], 1)

    def test_e2_other_beneficiary_and_anonymous_refused(self):
        for who in (None, "t_benef_two", "t_portal_staff"):
            self.authenticate(who, who)
            for url in (
                f"/my/claims/{self.claim_one.id}",
                f"/my/claims/{self.claim_one.id}/agreement",
            ):
                response = self._get(url)
                self.assertIn(response.status_code, (303, 404), f"{who} {url}")
                self.assertNotIn("CLAIM-TERMS-OF-ONE", response.text)
            result = self._sign(self.claim_one, name="Intruder")
            self.assertTrue(result.get("error"), f"{who} signed {result}")
        self.claim_one.invalidate_recordset()
        self.assertFalse(self.claim_one.agreement_signed_on)

    def test_c10_beneficiary_signs_on_the_portal(self):
        self.authenticate("t_benef_one", "t_benef_one")
        page = self._get(f"/my/claims/{self.claim_one.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("CLAIM-TERMS-OF-ONE", page.text)
        self.assertIn("o_shaqra_claim_sign_button", page.text)
        # Before signing there is no agreement to download.
        self.assertEqual(self._get(f"/my/claims/{self.claim_one.id}/agreement").status_code, 404)
        # A blank signature or no name: refused, nothing saved.
        self.assertTrue(self._sign(self.claim_one, signature="").get("error"))
        blank = BLANK_SIGNATURE.decode()
        self.assertTrue(self._sign(self.claim_one, signature=blank).get("error"))
        self.assertTrue(self._sign(self.claim_one, name="   ").get("error"))
        self.claim_one.invalidate_recordset()
        self.assertFalse(self.claim_one.agreement_signed_on)
        result = self._sign(self.claim_one)
        self.assertEqual(
            result.get("redirect_url"), f"/my/claims/{self.claim_one.id}?message=signed"
        )
        claim = self.claim_one
        claim.invalidate_recordset()
        self.assertEqual(claim.agreement_signed_by, "Beneficiary One")
        self.assertEqual(claim.agreement_signed_channel, "portal")
        self.assertTrue(claim.agreement_signed_on)
        self.assertEqual(claim.agreement_signed_ip, "127.0.0.1")
        self.assertTrue(claim.agreement_signed_ua)
        # Frozen: a second signature is refused and changes nothing.
        signed_on = claim.agreement_signed_on
        self.assertTrue(self._sign(claim, name="Someone Else").get("error"))
        claim.invalidate_recordset()
        self.assertEqual(claim.agreement_signed_by, "Beneficiary One")
        self.assertEqual(claim.agreement_signed_on, signed_on)
        # The officer settles; the beneficiary downloads the signed agreement.
        claim.with_user(self.user_officer).action_settle()
        pdf = self._get(f"/my/claims/{claim.id}/agreement")
        self.assertEqual(pdf.status_code, 200)
        self.assertIn(pdf.headers["Content-Type"], ("application/pdf", "text/html"))
        self.authenticate("t_benef_two", "t_benef_two")
        self.assertEqual(self._get(f"/my/claims/{claim.id}/agreement").status_code, 404)

    def test_c8_c10_portal_reads_no_internal_figures_over_rpc(self):
        """The beneficiary reads their claim through its page only: the assessed
        and agreed amounts, terms, findings and rounds are not theirs to read
        over JSON-RPC before the page may show them."""
        user = self.env["res.users"].search([("login", "=", "t_benef_one")])
        claim = self.claim_one.with_user(user)
        self.assertEqual(claim.read(["name", "state"])[0]["name"], self.claim_one.name)
        for field in (
            "amount_assessed",
            "amount_agreed",
            "agreement_terms",
            "finding_ids",
            "negotiation_ids",
        ):
            with self.assertRaises(AccessError, msg=field):
                claim.read([field])
        self.authenticate("t_benef_one", "t_benef_one")
        response = self._json(
            "/web/dataset/call_kw",
            {
                "model": "shaqra.compensation.claim",
                "method": "read",
                "args": [[self.claim_one.id], ["agreement_terms"]],
                "kwargs": {},
            },
        )
        self.assertNotIn("CLAIM-TERMS-OF-ONE", str(response))

    def test_c10_unapproved_offer_not_shown_nor_signed(self):
        claim = self._portal_claim(self.beneficiary_one, "CLAIM-UNAPPROVED-TERMS", 15000.0)
        offer = (
            self.env["shaqra.compensation.negotiation"]
            .with_user(self.user_officer)
            .create({"claim_id": claim.id, "party": "association", "amount": 15000.0})
        )
        self.assertTrue(offer.approval_required)
        self.authenticate("t_benef_one", "t_benef_one")
        page = self._get(f"/my/claims/{claim.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("CLAIM-UNAPPROVED-TERMS", page.text)
        self.assertNotIn("o_shaqra_claim_sign_button", page.text)
        self.assertTrue(self._sign(claim).get("error"))
        claim.invalidate_recordset()
        self.assertFalse(claim.agreement_signed_on)
        offer.with_user(self.user_manager_web).action_approve()
        page = self._get(f"/my/claims/{claim.id}")
        self.assertIn("CLAIM-UNAPPROVED-TERMS", page.text)
        self.assertFalse(self._sign(claim).get("error"))

    def test_c10_portal_signing_tour(self):
        self.start_tour(
            f"/my/claims/{self.claim_one.id}", "shaqra_claim_portal_sign_tour", login="t_benef_one"
        )
        self.claim_one.invalidate_recordset()
        self.assertEqual(self.claim_one.agreement_signed_channel, "portal")
        self.assertTrue(self.claim_one.agreement_signature)


@tagged("post_install", "-at_install")
class TestCompensationClaimTour(ShaqraComplaintWebCommon):
    """Policy C7-C10, E3: the whole life of a claim in the web client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.tour_user = new_test_user(
            env,
            "t_claim_tour",
            name="Tour Claim Officer",
            lang="en_US",
            groups="shaqra_beneficiary.group_liaison_officer,"
            "shaqra_beneficiary.group_committee_member,shaqra_beneficiary.group_manager",
        )
        cls.committee = env["shaqra.committee"].create(
            {
                "name": "Tour Investigation Committee",
                "committee_type": "investigation",
                "member_ids": [Command.set(cls.tour_user.ids)],
                "chair_id": cls.tour_user.id,
                "quorum": 1,
            }
        )
        cls.claimant = env["shaqra.beneficiary"].create(
            {
                "name": "Tour Claimant",
                "national_id": "1000000024",
                "category_id": cls.category.id,
                "field_id": cls.field.id,
                "mobile": "+966500000003",
                "email": "claimant@example.com",
                "preferred_channel": "email",
            }
        )

    def test_c7_c10_e3_whole_life_of_a_claim_tour(self):
        Claim = self.env["shaqra.compensation.claim"]
        action = "/odoo/action-shaqra_complaints.shaqra_compensation_claim_action"
        self.start_tour(action, "shaqra_claim_backend_open_tour", login="t_claim_tour")
        claim = Claim.search([("beneficiary_id", "=", self.claimant.id)])
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.state, "investigation")
        self.assertEqual(claim.amount_claimed, 8000.0)
        self.assertEqual(claim.user_id, self.tour_user)

        self.start_tour(
            "/odoo/action-shaqra_beneficiary.shaqra_committee_meeting_action",
            "shaqra_claim_backend_investigation_tour",
            login="t_claim_tour",
        )
        claim.invalidate_recordset()
        self.assertEqual(claim.state, "established")
        self.assertEqual(claim.established_basis, "minutes")
        self.assertEqual(claim.meeting_id.state, "approved")
        self.assertEqual(claim.amount_assessed, 6000.0)
        self.assertIn("CLAIM-TOUR-FINDING", claim.finding_ids.harm)

        self.start_tour(
            f"{action}/{claim.id}", "shaqra_claim_backend_settle_tour", login="t_claim_tour"
        )
        claim.invalidate_recordset()
        self.assertEqual(claim.negotiation_ids.mapped("amount"), [4000.0, 6000.0, 5000.0])
        self.assertEqual(claim.agreement_signed_by, "Tour Claimant")
        self.assertEqual(claim.agreement_signed_channel, "backend")
        self.assertTrue(claim.agreement_signed_ua)
        self.assertEqual(claim.settled_by_id, self.tour_user)
        self.assertTrue(claim.date_deadline)
        self.assertEqual(claim.amount_agreed, 5000.0)
        self.assertEqual(claim.amount_paid, 5000.0)
        self.assertEqual(claim.state, "paid")
        self.assertEqual(len(claim.payment_ids), 2)
