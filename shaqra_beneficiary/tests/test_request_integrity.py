import base64
import io
from contextlib import contextmanager
from datetime import datetime

from lxml import etree
from PIL import Image

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import SIGNATURE, ShaqraCommitteeCommon

# What a tester typed over JSON-RPC to skip the committee (issue items 2-4).
FORGED = {
    "decision": "approved",
    "decision_reason": "Forged",
    "approved_amount": 99999.0,
    "decision_date": "2020-01-01 09:00:00",
    "date_complete": "2020-01-01 09:00:00",
    "date_answered": "2020-01-02 09:00:00",
    "date_deadline": "2030-01-01",
    "date_reminder": "2029-12-25",
    "deadline_met": True,
    "is_overdue": True,
    "is_escalated": True,
    "working_days_taken": 1,
    "signed_on": "2020-01-01 09:00:00",
    "signed_by": "Someone else",
}
SNAPSHOT = [
    "stage_id",
    "decision",
    "decision_reason",
    "approved_amount",
    "decided_by_id",
    "decision_date",
    "decision_meeting_id",
    "date_complete",
    "date_answered",
    "date_deadline",
    "date_reminder",
    "deadline_met",
    "is_overdue",
    "is_escalated",
    "working_days_taken",
    "signed_on",
    "signed_by",
    "signature",
    "beneficiary_id",
]


def _png(size, ink_box=None):
    """A PNG of ``size``, transparent, with an optional black box of ink."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    if ink_box:
        image.paste((0, 0, 0, 255), ink_box)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


BLANK_SIGNATURES = {
    "1x1 pixel": _png((1, 1), (0, 0, 1, 1)),
    "blank canvas": _png((300, 90)),
    "a dot": _png((300, 90), (100, 40, 103, 43)),
    "not an image": base64.b64encode(b"not an image"),
}


@tagged("post_install", "-at_install")
class TestRequestIntegrity(ShaqraCommitteeCommon):
    """Evidence on a request is set by its actions only (policy C3-C5, E2, E3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = {
            "reception": cls.user_reception,
            "liaison": cls.officer_user,
            "committee": cls.member_a,
            "manager": cls.user_manager,
        }
        cls.service.requirement_ids.write({"is_mandatory": True})
        cls.optional = cls.env["shaqra.service.requirement"].create(
            {"service_type_id": cls.service.id, "name": "Recommendation", "is_mandatory": False}
        )
        cls.other = cls.env["shaqra.beneficiary"].create(
            {
                "name": "Registered elsewhere",
                "national_id": "1234567897",
                "category_id": cls.category.id,
                "field_id": cls.work_field.id,
            }
        )

    # ------------------------------------------------------------------
    # Helpers: the legitimate actions, as the roles that do them
    # ------------------------------------------------------------------

    @contextmanager
    def assertRaisesText(self, exception, text):
        """assertRaises (which rolls back to a savepoint) and check the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))

    def _take(self, user=None):
        """Reception takes a request for the returning beneficiary by ID."""
        Request = self.env["shaqra.request"].with_user(user or self.user_reception)
        return Request.browse(
            Request.shaqra_create_for_national_id(
                "1000000008", {"service_type_id": self.service.id}
            )
        )

    def _awaiting(self):
        request = self._take()
        request.requirement_line_ids.write({"is_provided": True, "is_verified": True})
        request.write({"signature": SIGNATURE, "signed_by": "Fatimah Al-Otaibi"})
        request.action_send_to_committee()
        self.assertEqual(request.stage_key, "awaiting_committee")
        return request

    def _decided(self):
        request = self._awaiting()
        meeting = self._meeting(request.sudo())
        meeting.decision_ids.with_user(self.member_b).write(
            {"decision": "approved", "approved_amount": 1500.0}
        )
        self.assertEqual(request.stage_key, "decided")
        return request

    def _snapshot(self, request):
        request.invalidate_recordset()
        return request.sudo().read(SNAPSHOT)[0]

    def _lines_snapshot(self, request):
        lines = request.sudo().requirement_line_ids
        lines.invalidate_recordset()
        return lines.read(["requirement_id", "is_verified", "verified_by_id", "verified_on"])

    # ------------------------------------------------------------------
    # Item 2: the committee cannot be skipped
    # ------------------------------------------------------------------

    def test_c5_no_role_moves_a_request_past_the_committee(self):
        request = self._awaiting()
        before = self._snapshot(request)
        for role, user in self.roles.items():
            for key in ("committee_review", "decided", "notified", "closed"):
                stage = self.env.ref(f"shaqra_beneficiary.shaqra_request_stage_{key}")
                with (
                    self.subTest(role=role, stage=key),
                    self.assertRaisesText(UserError, "committee's decision"),
                ):
                    request.with_user(user).write({"stage_id": stage.id})
        self.assertEqual(self._snapshot(request), before)

    def test_c5_no_role_types_decision_or_deadline_evidence(self):
        request = self._awaiting()
        before = self._snapshot(request)
        for role, user in self.roles.items():
            for name, value in {**FORGED, "decided_by_id": user.id}.items():
                with (
                    self.subTest(role=role, field=name),
                    self.assertRaisesText(AccessError, "evidence"),
                ):
                    request.with_user(user).write({name: value})
        self.assertEqual(self._snapshot(request), before)

    def test_c5_stage_and_decision_in_one_write_change_nothing(self):
        """The tester's exact replay: Decided plus the decision fields."""
        request = self._awaiting()
        before = self._snapshot(request)
        decided = self.env.ref("shaqra_beneficiary.shaqra_request_stage_decided")
        for role, user in self.roles.items():
            with self.subTest(role=role), self.assertRaises(UserError):
                request.with_user(user).write(
                    {
                        "stage_id": decided.id,
                        "decision": "approved",
                        "approved_amount": 50000.0,
                        "decided_by_id": user.id,
                        "decision_date": "2020-01-01 09:00:00",
                    }
                )
            with self.subTest(role=role), self.assertRaises(UserError):
                request.with_user(user).action_print_decision_letter()
        self.assertEqual(self._snapshot(request), before)

    def test_c5_request_cannot_be_created_decided(self):
        Request = self.env["shaqra.request"].with_user(self.user_reception)
        decided = self.env.ref("shaqra_beneficiary.shaqra_request_stage_decided")
        count = Request.sudo().search_count([])
        with self.assertRaisesText(UserError, "cannot be created in the stage"):
            Request.shaqra_create_for_national_id(
                "1000000008", {"service_type_id": self.service.id, "stage_id": decided.id}
            )
        with self.assertRaisesText(AccessError, "evidence"):
            Request.shaqra_create_for_national_id(
                "1000000008",
                {"service_type_id": self.service.id, "decision": "approved", "approved_amount": 9},
            )
        self.assertEqual(Request.sudo().search_count([]), count)

    def test_c5_decided_request_cannot_be_moved_back_or_cancelled(self):
        request = self._decided()
        before = self._snapshot(request)
        for role, user in self.roles.items():
            for key in ("received", "completeness", "awaiting_committee", "cancelled"):
                stage = self.env.ref(f"shaqra_beneficiary.shaqra_request_stage_{key}")
                with self.subTest(role=role, stage=key), self.assertRaises(UserError):
                    request.with_user(user).write({"stage_id": stage.id})
            with self.subTest(role=role), self.assertRaises(UserError):
                request.with_user(user).action_cancel()
        self.assertEqual(self._snapshot(request), before)

    def test_c5_request_at_the_committee_cannot_be_deleted(self):
        request = self._decided()
        with self.assertRaisesText(UserError, "cannot be deleted"):
            request.with_user(self.user_manager).unlink()
        self.assertTrue(request.exists())

    def test_c5_decided_request_cannot_be_repointed(self):
        request = self._decided()
        before = self._snapshot(request)
        with self.assertRaisesText(UserError, "final"):
            request.with_user(self.user_manager).write({"beneficiary_id": self.other.id})
        self.assertEqual(self._snapshot(request), before)

    def test_c5_stage_meaning_cannot_be_changed(self):
        Stage = self.env["shaqra.request.stage"].with_user(self.user_manager)
        decided = Stage.browse(self.stage["decided"].id)
        with self.assertRaisesText(UserError, "fixed"):
            decided.write({"key": "completeness"})
        with self.assertRaisesText(UserError, "fixed"):
            Stage.create({"name": "Shortcut", "key": "decided"})
        decided.write({"name": "Decided by the committee", "fold": True})
        self.assertEqual(self.stage["decided"].key, "decided")

    def test_c5_statusbar_and_kanban_offer_no_move(self):
        Request = self.env["shaqra.request"]
        form = etree.fromstring(Request.get_view(view_type="form")["arch"])
        statusbar = form.xpath("//field[@name='stage_id'][@widget='statusbar']")[0]
        self.assertNotIn("clickable", statusbar.get("options", ""))
        kanban = etree.fromstring(Request.get_view(view_type="kanban")["arch"])
        self.assertEqual(kanban.get("records_draggable"), "0")

    # ------------------------------------------------------------------
    # The legitimate flow still works, through its actions
    # ------------------------------------------------------------------

    def test_c3_c5_e3_legitimate_flow_sets_the_evidence(self):
        self.beneficiary.write({"preferred_channel": "email", "email": "f@example.com"})
        with freeze_time("2026-11-01 07:00:00"):
            request = self._take()
            line = request.requirement_line_ids.filtered("is_mandatory")
            line.write({"is_verified": True})
            self.assertEqual(line.verified_by_id, self.user_reception)
            self.assertEqual(line.verified_on, datetime(2026, 11, 1, 7, 0))
            request.write({"signature": SIGNATURE, "signed_by": "Fatimah Al-Otaibi"})
            self.assertEqual(request.signed_on, datetime(2026, 11, 1, 7, 0))
            self.assertEqual(request.signed_by, "Fatimah Al-Otaibi")
            request.action_send_to_committee()
        self.assertEqual(request.stage_key, "awaiting_committee")
        self.assertEqual(request.date_complete, datetime(2026, 11, 1, 7, 0))
        self.assertEqual(str(request.date_deadline), "2026-11-22")
        meeting = self._meeting(request.sudo())
        self.assertEqual(request.stage_key, "committee_review")
        with freeze_time("2026-11-10 08:00:00"):
            meeting.decision_ids.with_user(self.member_b).write(
                {"decision": "approved", "approved_amount": 1500.0}
            )
        request.invalidate_recordset()
        self.assertEqual(request.decision, "approved")
        self.assertEqual(request.approved_amount, 1500.0)
        self.assertEqual(request.decided_by_id, self.member_b)
        self.assertEqual(request.decision_meeting_id, meeting)
        self.assertEqual(request.decision_date, datetime(2026, 11, 10, 8, 0))
        self.assertEqual(request.date_answered, datetime(2026, 11, 10, 8, 0))
        self.assertTrue(request.deadline_met)
        # The e-mail notice was delivered: the request is Notified (E3).
        self.assertEqual(request.stage_key, "notified")
        self.assertTrue(request.with_user(self.user_reception).action_print_decision_letter())
        request.with_user(self.officer_user).action_close()
        self.assertEqual(request.stage_key, "closed")

    def test_c5_close_only_after_notice(self):
        request = self._decided()
        with self.assertRaisesText(UserError, "notified"):
            request.with_user(self.officer_user).action_close()
        self.assertEqual(request.stage_key, "decided")

    def test_c5_more_information_reopens_the_checklist(self):
        request = self._awaiting()
        meeting = self._meeting(request.sudo())
        meeting.decision_ids.with_user(self.member_b).write(
            {"decision": "more_info", "reason": "Bring the lease"}
        )
        self.assertEqual(request.stage_key, "completeness")
        self.assertFalse(request.date_complete)
        line = request.requirement_line_ids.filtered("is_mandatory")
        line.with_user(self.user_reception).write({"is_verified": False})
        self.assertFalse(line.verified_by_id)
        line.with_user(self.user_reception).write({"is_verified": True})
        request.with_user(self.user_reception).action_send_to_committee()
        self.assertEqual(request.stage_key, "awaiting_committee")
        self.assertTrue(request.date_complete)

    # ------------------------------------------------------------------
    # Manager override: documented and logged
    # ------------------------------------------------------------------

    def _override(self, request, user, key, reason):
        stage = self.env.ref(f"shaqra_beneficiary.shaqra_request_stage_{key}")
        action = request.with_user(user).action_open_stage_override()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"stage_id": stage.id, "reason": reason})
        )
        return wizard.action_confirm()

    def test_c5_manager_override_leaves_a_trace(self):
        request = self._awaiting()
        Override = self.env["shaqra.evidence.override"]
        reason = "Decided on paper in the meeting of 3 November"
        self._override(request, self.user_manager, "committee_review", reason)
        self.assertEqual(request.stage_key, "committee_review")
        trace = Override.search(
            [("res_model", "=", "shaqra.request"), ("res_id", "=", request.id)]
        )
        self.assertEqual(len(trace), 1)
        self.assertEqual(trace.user_id, self.user_manager)
        self.assertEqual(trace.reason, reason)
        self.assertIn("Committee Review", trace.changes)
        note = request.message_ids.filtered(lambda m: reason in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("Manager override", note.body)

    def test_c5_only_a_manager_overrides_with_a_reason(self):
        request = self._awaiting()
        before = self._snapshot(request)
        for role in ("reception", "liaison", "committee"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self._override(request, self.roles[role], "decided", "Because I say so, really")
        with self.assertRaisesText(UserError, "reason"):
            self._override(request, self.user_manager, "committee_review", "short")
        self.assertEqual(self._snapshot(request), before)
        self.assertFalse(
            self.env["shaqra.evidence.override"].search(
                [("res_model", "=", "shaqra.request"), ("res_id", "=", request.id)]
            )
        )

    # ------------------------------------------------------------------
    # Item 3: checklist evidence
    # ------------------------------------------------------------------

    def test_c3_verification_cannot_be_typed_or_backdated(self):
        request = self._take()
        line = request.requirement_line_ids.filtered("is_mandatory")
        before = self._lines_snapshot(request)
        for role, user in self.roles.items():
            for vals in (
                {"verified_by_id": user.id},
                {"verified_on": "2020-01-01 09:00:00"},
                {"is_verified": True, "verified_on": "2020-01-01 09:00:00"},
            ):
                if role == "committee":
                    continue  # not on the agenda yet: cannot even read it
                with self.subTest(role=role, vals=vals), self.assertRaises(AccessError):
                    line.with_user(user).write(vals)
        self.assertEqual(self._lines_snapshot(request), before)

    def test_c3_verification_is_not_recredited(self):
        request = self._take()
        line = request.requirement_line_ids.filtered("is_mandatory")
        with freeze_time("2026-11-01 07:00:00"):
            line.write({"is_verified": True})
        line.with_user(self.officer_user).write({"is_verified": True, "note": "checked"})
        self.assertEqual(line.verified_by_id, self.user_reception)
        self.assertEqual(line.verified_on, datetime(2026, 11, 1, 7, 0))

    def test_c3_mandatory_lines_cannot_be_deleted_or_repointed(self):
        request = self._take()
        mandatory = request.requirement_line_ids.filtered("is_mandatory")
        before = self._lines_snapshot(request)
        for role in ("reception", "liaison", "manager"):
            user = self.roles[role]
            with self.subTest(role=role), self.assertRaisesText(UserError, "mandatory"):
                mandatory.with_user(user).unlink()
            with self.subTest(role=role), self.assertRaisesText(UserError, "cannot be changed"):
                mandatory.with_user(user).write({"requirement_id": self.optional.id})
            with self.subTest(role=role), self.assertRaisesText(UserError, "mandatory"):
                request.with_user(user).write(
                    {"requirement_line_ids": [Command.delete(mandatory.id)]}
                )
        self.assertEqual(self._lines_snapshot(request), before)
        # An optional item may be dropped.
        request.requirement_line_ids.filtered(lambda r: not r.is_mandatory).unlink()

    def test_c3_missing_mandatory_line_still_blocks_the_committee(self):
        request = self._take()
        request.sudo().requirement_line_ids.filtered("is_mandatory").unlink()
        request.write({"signature": SIGNATURE})
        with self.assertRaisesText(UserError, "Copy of ID"):
            request.action_send_to_committee()
        self.assertEqual(request.stage_key, "received")
        self.assertFalse(request.date_complete)
        # Checking completeness restores the missing item.
        request.action_check_completeness()
        self.assertIn("Copy of ID", request.requirement_line_ids.mapped("name"))

    def test_c3_checklist_frozen_once_at_the_committee(self):
        for request in (self._awaiting(), self._decided()):
            before = self._lines_snapshot(request)
            lines = request.sudo().requirement_line_ids
            for role, user in self.roles.items():
                for label, action in (
                    ("unverify", lambda u, r=lines: r.with_user(u).write({"is_verified": False})),
                    ("note", lambda u, r=lines: r.with_user(u).write({"note": "later"})),
                    (
                        "delete",
                        lambda u, r=lines: r.filtered(lambda x: not x.is_mandatory)
                        .with_user(u)
                        .unlink(),
                    ),
                    (
                        "add",
                        lambda u, req=request: self.env["shaqra.request.requirement"]
                        .with_user(u)
                        .create({"request_id": req.id, "requirement_id": self.optional.id}),
                    ),
                ):
                    with self.subTest(stage=request.stage_key, role=role, action=label):
                        with self.assertRaises(UserError):
                            action(user)
            self.assertEqual(self._lines_snapshot(request), before)

    # ------------------------------------------------------------------
    # Item 4: signature evidence
    # ------------------------------------------------------------------

    def test_c4_signer_and_time_cannot_be_typed(self):
        request = self._take()
        request.write({"signature": SIGNATURE, "signed_by": "Fatimah Al-Otaibi"})
        before = self._snapshot(request)
        for role in ("reception", "liaison", "manager"):
            user = self.roles[role]
            for vals in (
                {"signed_by": "Someone else"},
                {"signed_on": "2020-01-01 09:00:00"},
                {"signature": SIGNATURE, "signed_on": "2020-01-01 09:00:00"},
            ):
                with self.subTest(role=role, vals=vals), self.assertRaises(AccessError):
                    request.with_user(user).write(vals)
        self.assertEqual(self._snapshot(request), before)

    def test_c4_signature_frozen_after_the_decision(self):
        request = self._decided()
        before = self._snapshot(request)
        for role, user in self.roles.items():
            for vals in (
                {"signed_by": "Someone else"},
                {"signed_on": "2020-01-01 09:00:00"},
                {"signature": False},
                {"signature": SIGNATURE, "signed_by": "Someone else"},
            ):
                with (
                    self.subTest(role=role, vals=vals),
                    self.assertRaises(UserError),
                ):
                    request.with_user(user).write(vals)
        # Server code (the portal runs as superuser) cannot replace it either.
        with self.assertRaises(UserError):
            request.sudo().write({"signature": SIGNATURE, "signed_by": "Portal"})
        self.assertEqual(self._snapshot(request), before)

    def test_c4_blank_signature_refused_everywhere(self):
        request = self._take()
        before = self._snapshot(request)
        for label, image in BLANK_SIGNATURES.items():
            with self.subTest(image=label), self.assertRaisesText(UserError, "signature"):
                request.write({"signature": image, "signed_by": "Fatimah"})
            # The portal signs as superuser: the same check applies.
            with self.subTest(image=label, path="sudo"), self.assertRaises(UserError):
                request.sudo().write({"signature": image, "signed_by": "Fatimah"})
            with self.subTest(image=label, path="create"), self.assertRaises(UserError):
                self.env["shaqra.request"].create(
                    {
                        "beneficiary_id": self.beneficiary.id,
                        "service_type_id": self.service.id,
                        "signature": image,
                    }
                )
        self.assertEqual(self._snapshot(request), before)
        self.assertFalse(request.is_signed)

    # ------------------------------------------------------------------
    # Item 9: a request does not open a file
    # ------------------------------------------------------------------

    def test_e2_request_by_id_does_not_open_the_file(self):
        Request = self.env["shaqra.request"].with_user(self.user_reception)
        count = Request.sudo().search_count([])
        with self.assertRaisesText(AccessError, "exact"):
            Request.create({"beneficiary_id": self.other.id, "service_type_id": self.service.id})
        self.assertEqual(Request.sudo().search_count([]), count)
        with self.assertRaises(AccessError):
            self.other.with_user(self.user_reception).read(["name"])
        # Nor by re-pointing a request of its own.
        request = self._take()
        with self.assertRaisesText(AccessError, "exact"):
            request.write({"beneficiary_id": self.other.id})
        self.assertEqual(request.sudo().beneficiary_id, self.beneficiary)
        with self.assertRaises(AccessError):
            self.other.with_user(self.user_reception).read(["name"])

    def test_c1_lookup_reveals_nothing_unless_the_id_matches_exactly(self):
        Beneficiary = self.env["shaqra.beneficiary"].with_user(self.user_reception)
        Request = self.env["shaqra.request"].with_user(self.user_reception)
        for number in ("123456789", "12345678970", "1234567", "1234567898", "2345678904", "%", ""):
            with self.subTest(number=number):
                self.assertFalse(Beneficiary.shaqra_find_by_national_id(number))
                with self.assertRaisesText(UserError, "No beneficiary"):
                    Request.shaqra_create_for_national_id(
                        number, {"service_type_id": self.service.id}
                    )
        with self.assertRaises(AccessError):
            self.other.with_user(self.user_reception).read(["name"])
        self.assertEqual(
            Beneficiary.shaqra_find_by_national_id("1234567897"),
            {"id": self.other.id, "name": "Registered elsewhere"},
        )
        request = Request.browse(
            Request.shaqra_create_for_national_id(
                "1234567897", {"service_type_id": self.service.id}
            )
        )
        self.assertEqual(request.beneficiary_id.name, "Registered elsewhere")
