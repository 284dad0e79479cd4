import base64
import io

from freezegun import freeze_time
from PIL import Image

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

from .common import BLANK_SIGNATURE, SIGNATURE
from .test_policy import PolicyCommon

# What a forger would type into an acknowledgement over JSON-RPC.
FORGED = {
    "state": "acknowledged",
    "acknowledged_on": "2026-01-05 09:00:00",
    "signature": SIGNATURE,
    "signed_by": "Employee Two",
    "declaration_accepted": True,
    "ip_address": "10.0.0.99",
    "user_agent": "Mozilla/5.0 forged",
}


def _transparent_pixel():
    buffer = io.BytesIO()
    Image.new("RGBA", (1, 1), (0, 0, 0, 0)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


@tagged("post_install", "-at_install")
class TestPolicyEvidence(PolicyCommon):
    """ART4: only the person signs, through the signing action; nobody edits a
    signed acknowledgement, HR and the administrator included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_admin = cls.env.ref("base.user_admin")
        cls.policy._distribute(employees=cls.emp1 | cls.emp2)
        Ack = cls.env["shaqra.policy.acknowledgement"]
        cls.ack1 = Ack.search(
            [("policy_id", "=", cls.policy.id), ("employee_id", "=", cls.emp1.id)]
        )
        cls.ack2 = Ack.search(
            [("policy_id", "=", cls.policy.id), ("employee_id", "=", cls.emp2.id)]
        )

    def _snapshot(self, ack):
        ack.invalidate_recordset()
        return {name: ack[name] for name in FORGED} | {"reminded_on": ack.reminded_on}

    def test_art4_hr_cannot_sign_for_an_employee(self):
        """HR (and the administrator) writing any signing field on someone else's
        acknowledgement is refused, field by field, and nothing changes."""
        before = self._snapshot(self.ack2)
        for user in (self.user_hr, self.user_admin):
            for name, value in FORGED.items():
                with self.subTest(user=user.login, field=name):
                    with self.assertRaises(AccessError), self.cr.savepoint():
                        self.ack2.with_user(user).write({name: value})
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.ack2.with_user(user).write(FORGED)
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.ack2.with_user(user).action_acknowledge(
                    signature=SIGNATURE, signed_by="Employee Two"
                )
        self.assertEqual(self._snapshot(self.ack2), before)
        self.assertEqual(self.ack2.state, "pending")

    def test_art4_employee_cannot_mark_own_acknowledged_without_signing(self):
        before = self._snapshot(self.ack1)
        ack = self.ack1.with_user(self.user_emp1)
        for name in ("state", "acknowledged_on", "ip_address", "user_agent"):
            with self.subTest(field=name):
                with self.assertRaises(AccessError), self.cr.savepoint():
                    ack.write({name: FORGED[name]})
        # Nor the reminder dates, nor the distribution date.
        for name in ("reminded_on", "escalated_on", "distributed_on"):
            with self.assertRaises(AccessError), self.cr.savepoint():
                ack.write({name: "2026-01-01 08:00:00"})
        self.assertEqual(self._snapshot(self.ack1), before)
        # Signing fills them in, to now and from the action only.
        ack.write(
            {"declaration_accepted": True, "signed_by": "Employee One", "signature": SIGNATURE}
        )
        with freeze_time("2026-03-02 10:00:00"):
            ack.action_acknowledge()
        self.assertEqual(ack.state, "acknowledged")
        self.assertEqual(str(ack.acknowledged_on), "2026-03-02 10:00:00")

    def test_art4_signed_acknowledgement_is_frozen_for_everyone(self):
        self._sign(self.ack1, self.user_emp1)
        before = self._snapshot(self.ack1)
        for user in (self.user_emp1, self.user_hr, self.user_admin):
            with self.subTest(user=user.login):
                # Reset to pending: refused.
                with self.assertRaises(AccessError), self.cr.savepoint():
                    self.ack1.with_user(user).write({"state": "pending"})
                # Any change of the signature, the name or the declaration: refused.
                for vals in (
                    {"signature": SIGNATURE},
                    {"signed_by": "Someone Else"},
                    {"declaration_accepted": False},
                ):
                    with self.assertRaises(UserError), self.cr.savepoint():
                        self.ack1.with_user(user).write(vals)
                with self.assertRaises(UserError), self.cr.savepoint():
                    self.ack1.with_user(user).action_acknowledge(
                        signature=SIGNATURE, signed_by="Again"
                    )
        # HR may change fields of a pending one, never of a signed one.
        with self.assertRaises(UserError), self.cr.savepoint():
            self.ack1.with_user(self.user_hr).write({"policy_id": self.policy.id})
        # Nor delete it.
        with self.assertRaises(UserError), self.cr.savepoint():
            self.ack1.with_user(self.user_hr).unlink()
        self.assertEqual(self._snapshot(self.ack1), before)
        self.assertTrue(self.ack1.exists())

    def test_art4_acknowledgement_cannot_be_created_signed(self):
        Ack = self.env["shaqra.policy.acknowledgement"].with_user(self.user_hr)
        self.ack1.unlink()
        for vals in (
            {"state": "acknowledged"},
            {"acknowledged_on": "2026-01-05 09:00:00"},
            {"signature": SIGNATURE},
            {"declaration_accepted": True},
            {"ip_address": "10.0.0.1"},
            {"distributed_on": "2025-01-01 08:00:00"},
        ):
            with self.subTest(vals=list(vals)):
                with self.assertRaises(AccessError), self.cr.savepoint():
                    Ack.create({"policy_id": self.policy.id, "employee_id": self.emp1.id, **vals})
        self.assertFalse(self._acks().filtered(lambda a: a.employee_id == self.emp1))
        # A plain pending acknowledgement is HR's to create.
        ack = Ack.create(
            {"policy_id": self.policy.id, "employee_id": self.emp1.id, "state": "pending"}
        )
        self.assertEqual((ack.state, ack.signed_by), ("pending", "Employee One"))

    def test_art4_blank_signature_is_refused(self):
        ack = self.ack1.with_user(self.user_emp1)
        ack.write({"declaration_accepted": True, "signed_by": "Employee One"})
        for image in (BLANK_SIGNATURE, _transparent_pixel(), b"bm90IGFuIGltYWdl"):
            with self.subTest(image=image[:12]):
                with self.assertRaises(UserError), self.cr.savepoint():
                    ack.action_acknowledge(signature=image)
        ack.write({"signature": BLANK_SIGNATURE})
        with self.assertRaises(UserError), self.cr.savepoint():
            ack.action_acknowledge()
        self.assertEqual(ack.state, "pending")
        self.assertFalse(ack.acknowledged_on)

    def test_art4_portal_contractor_cannot_forge_either(self):
        self.policy._distribute(partners=self.user_contractor.partner_id)
        ack = self._acks().filtered("partner_id").with_user(self.user_contractor)
        for name in ("state", "acknowledged_on", "ip_address"):
            with self.assertRaises(AccessError), self.cr.savepoint():
                ack.write({name: FORGED[name]})
        self.assertEqual(ack.state, "pending")
        # A portal beneficiary (asked for nothing) cannot either.
        with self.assertRaises(AccessError), self.cr.savepoint(), mute_logger("odoo.models"):
            self.ack2.with_user(self.user_beneficiary).write({"state": "acknowledged"})
        # Another employee cannot fill in someone else's signature.
        with self.assertRaises(AccessError), self.cr.savepoint(), mute_logger("odoo.models"):
            self.ack2.with_user(self.user_emp1).write({"signature": SIGNATURE})

    def test_art4_hr_reminds_pending_people(self):
        """HR's power: distribute, remind and report."""
        self._sign(self.ack1, self.user_emp1)
        with freeze_time("2026-04-01 08:00:00"):
            (self.ack1 | self.ack2).with_user(self.user_hr).action_remind()
        self.assertEqual(str(self.ack2.reminded_on), "2026-04-01 08:00:00")
        self.assertFalse(self.ack1.reminded_on)
        reminders = self.env["mail.mail"].search(
            [
                ("model", "=", self.ack2._name),
                ("res_id", "=", self.ack2.id),
                # In the person's language: English or Arabic.
                "|",
                ("subject", "ilike", "Reminder"),
                ("subject", "ilike", "تذكير"),
            ]
        )
        self.assertEqual(len(reminders), 1)
        with self.assertRaises(AccessError):
            self.ack2.with_user(self.user_emp2).action_remind()
        with self.assertRaises(UserError):
            self.ack1.with_user(self.user_hr).action_remind()


@tagged("post_install", "-at_install")
class TestPolicyEvidenceHttp(HttpCase):
    """The signature recorded over JSON-RPC keeps the IP address and browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr = new_test_user(
            cls.env, "t_pol_rpc_hr", groups="base.group_user,hr.group_hr_manager"
        )
        cls.user_employee = new_test_user(
            cls.env, "t_pol_rpc_emp", password="t_pol_rpc_emp", name="RPC Employee"
        )
        cls.user_contractor = new_test_user(
            cls.env,
            "t_pol_rpc_contractor",
            password="t_pol_rpc_contractor",
            groups="base.group_portal",
            name="RPC Contractor",
        )
        employee = cls.env["hr.employee"].create(
            {"name": "RPC Employee", "user_id": cls.user_employee.id}
        )
        cls.policy = (
            cls.env["shaqra.policy"]
            .with_user(cls.user_hr)
            .create(
                {
                    "name": "RPC Charter",
                    "code": "TRPC",
                    "body": "<p>Serve well.</p>",
                    "audience_partner": True,
                }
            )
        )
        cls.policy.action_approve()
        cls.policy.action_publish()
        cls.policy._distribute(employees=employee, partners=cls.user_contractor.partner_id)
        cls.ack = cls.policy.acknowledgement_ids.filtered("employee_id")
        cls.contractor_ack = cls.policy.acknowledgement_ids.filtered("partner_id")

    def _call(self, method, *args):
        model = "shaqra.policy.acknowledgement"
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": {}},
            headers={"User-Agent": "ShaqraRPC/1.0 (policy test)"},
        )

    def test_art4_employee_signs_over_call_kw_with_ip_and_browser(self):
        self.authenticate("t_pol_rpc_emp", "t_pol_rpc_emp")
        self._call(
            "write",
            self.ack.ids,
            {
                "declaration_accepted": True,
                "signed_by": "RPC Employee",
                "signature": SIGNATURE.decode(),
            },
        )
        self._call("action_acknowledge", self.ack.ids)
        self.ack.invalidate_recordset()
        self.assertEqual(self.ack.state, "acknowledged")
        self.assertEqual(self.ack.ip_address, "127.0.0.1")
        self.assertEqual(self.ack.user_agent, "ShaqraRPC/1.0 (policy test)")
        self.assertTrue(self.ack.acknowledged_on)

    def test_art4_forged_acknowledgement_over_call_kw_is_refused(self):
        self.authenticate("t_pol_rpc_emp", "t_pol_rpc_emp")
        with self.assertRaises(JsonRpcException) as caught, mute_logger("odoo.http"):
            self._call("write", self.ack.ids, {"state": "acknowledged", "ip_address": "1.2.3.4"})
        self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")
        self.authenticate("t_pol_rpc_hr", "t_pol_rpc_hr")
        with self.assertRaises(JsonRpcException) as caught, mute_logger("odoo.http"):
            self._call("write", self.ack.ids, {"signature": SIGNATURE.decode(), "signed_by": "HR"})
        self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")
        self.ack.invalidate_recordset()
        self.assertEqual(self.ack.state, "pending")
        self.assertFalse(self.ack.ip_address)
        self.assertEqual(self.ack.signed_by, "RPC Employee")

    def test_art4_contractor_signs_on_my_policies_with_ip_and_browser(self):
        self.authenticate("t_pol_rpc_contractor", "t_pol_rpc_contractor")
        route = f"/my/policies/{self.policy.id}/acknowledge"
        headers = {"User-Agent": "ShaqraPortal/2.0"}
        answer = self.make_jsonrpc_request(
            route, {"name": "RPC Contractor", "signature": BLANK_SIGNATURE.decode()}, headers
        )
        self.assertIn("error", answer)
        self.assertEqual(self.contractor_ack.state, "pending")
        answer = self.make_jsonrpc_request(
            route, {"name": "RPC Contractor", "signature": SIGNATURE.decode()}, headers
        )
        self.assertNotIn("error", answer)
        self.contractor_ack.invalidate_recordset()
        self.assertEqual(self.contractor_ack.state, "acknowledged")
        self.assertEqual(self.contractor_ack.signed_by, "RPC Contractor")
        self.assertEqual(self.contractor_ack.ip_address, "127.0.0.1")
        self.assertEqual(self.contractor_ack.user_agent, "ShaqraPortal/2.0")
