from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SIGNATURE, ShaqraCommitteeCommon

MINUTES_REPORT = "shaqra_beneficiary.shaqra_committee_meeting_report"
LETTER_REPORT = "shaqra_beneficiary.shaqra_request_decision_letter_report"


@tagged("post_install", "-at_install")
class TestCommitteeEvidence(ShaqraCommitteeCommon):
    """Policy C8: minutes, approvals and decisions cannot be forged.

    Committee A (member_a, member_b, member_c; quorum 2) and committee B
    (member_other). Every forgery is tried as the real user, as a client
    would over JSON-RPC, and must be refused with nothing changed.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_other = cls.outsider  # sits on committee B only
        cls.committee_b = cls.env["shaqra.committee"].create(
            {
                "name": "Housing Committee",
                "member_ids": [Command.set(cls.member_other.ids)],
                "chair_id": cls.member_other.id,
                "quorum": 1,
            }
        )
        cls.service_b = cls.env["shaqra.service.type"].create(
            {
                "name": "Rent aid",
                "field_id": cls.env["shaqra.work.field"].create({"name": "Housing"}).id,
                "committee_id": cls.committee_b.id,
            }
        )
        cls.beneficiary_b = cls.env["shaqra.beneficiary"].create(
            {"name": "Noura Al-Harbi", "national_id": "1000000016", "mobile": "0559876002"}
        )
        # Committee B decides one request in a meeting it approves.
        cls.request_b = cls._complete_request(cls.beneficiary_b, service_type_id=cls.service_b.id)
        meeting_b = (
            cls.env["shaqra.committee.meeting"]
            .with_user(cls.member_other)
            .create(
                {
                    "committee_id": cls.committee_b.id,
                    "decision_ids": [Command.create({"request_id": cls.request_b.id})],
                }
            )
        )
        meeting_b.action_start()
        meeting_b.decision_ids.write({"decision": "rejected", "reason": "Outside the criteria"})
        meeting_b.write({"attendee_ids": [Command.set(cls.member_other.ids)]})
        meeting_b.action_close()
        meeting_b.action_approve()
        cls.meeting_b = meeting_b.with_env(cls.env)

    # ------------------------------------------------------------------
    # Helpers: the legitimate flow, as the members do it
    # ------------------------------------------------------------------

    def _open_meeting(self, requests, user=None):
        """A meeting of committee A with ``requests`` on the agenda, in progress."""
        meeting = (
            self.env["shaqra.committee.meeting"]
            .with_user(user or self.member_a)
            .create(
                {
                    "committee_id": self.committee.id,
                    "decision_ids": [Command.create({"request_id": r.id}) for r in requests],
                }
            )
        )
        meeting.action_start()
        return meeting

    def _held_meeting(self):
        request = self._complete_request()
        meeting = self._open_meeting(request)
        meeting.decision_ids.write({"decision": "approved", "approved_amount": 1500.0})
        meeting.write(
            {
                "attendee_ids": [Command.set((self.member_a | self.member_b).ids)],
                "minutes": "<p>Studied the request of Fatimah.</p>",
            }
        )
        meeting.action_close()
        return request, meeting

    def _approved_meeting(self):
        request, meeting = self._held_meeting()
        meeting.with_user(self.member_a).action_approve()
        meeting.with_user(self.member_b).action_approve()
        return request, meeting

    def _fresh(self, records):
        """``records`` re-read from the database as superuser."""
        self.env.invalidate_all()
        return records.with_env(self.env)

    # ------------------------------------------------------------------
    # Approvals: only the current member's own, now, through the action
    # ------------------------------------------------------------------

    def test_c8_member_cannot_create_an_approval_in_anyones_name(self):
        _request, meeting = self._held_meeting()
        Approval = self.env["shaqra.committee.meeting.approval"]
        forged = [
            # another member's name, backdated
            {"meeting_id": meeting.id, "user_id": self.member_b.id, "date": "2020-01-01 08:00:00"},
            # a non-member's name
            {"meeting_id": meeting.id, "user_id": self.member_other.id},
            # one's own name, but not through the Approve Minutes action
            {"meeting_id": meeting.id, "user_id": self.member_a.id},
        ]
        for user in (self.member_a, self.user_manager):
            for vals in forged:
                with self.assertRaises(UserError):
                    Approval.with_user(user).create(vals)
            with self.assertRaises(UserError):
                meeting.with_user(user).write(
                    {"approval_ids": [Command.create({"user_id": self.member_b.id})]}
                )
        meeting = self._fresh(meeting)
        self.assertFalse(meeting.approval_ids)
        self.assertEqual(meeting.state, "held")

    def test_c8_approval_is_the_members_own_and_now(self):
        _request, meeting = self._held_meeting()
        before = self.env.cr.now()
        meeting.with_user(self.member_b).action_approve()
        approval = self._fresh(meeting).approval_ids
        self.assertEqual(approval.user_id, self.member_b)
        self.assertGreaterEqual(approval.date, before.replace(microsecond=0))
        self.assertEqual(self._fresh(meeting).state, "held")

    def test_c8_approval_cannot_be_changed_or_deleted(self):
        _request, meeting = self._held_meeting()
        meeting.with_user(self.member_a).action_approve()
        approval = self._fresh(meeting).approval_ids
        date = approval.date
        for user in (self.member_a, self.user_manager):
            with self.assertRaises(UserError):
                approval.with_user(user).write({"date": "2020-01-01 08:00:00"})
            with self.assertRaises(UserError):
                approval.with_user(user).write({"user_id": self.member_c.id})
            with self.assertRaises(UserError):
                approval.with_user(user).unlink()
        approval = self._fresh(approval)
        self.assertEqual((approval.user_id, approval.date), (self.member_a, date))

    def test_c8_non_member_cannot_approve(self):
        _request, meeting = self._held_meeting()
        for user in (self.member_other, self.user_manager, self.user_reception):
            with self.assertRaises(UserError):
                meeting.with_user(user).action_approve()
        self.assertFalse(self._fresh(meeting).approval_ids)

    # ------------------------------------------------------------------
    # Meeting state and approval date: only through the actions
    # ------------------------------------------------------------------

    def test_c8_state_and_approval_date_cannot_be_typed_in(self):
        request = self._complete_request()
        Meeting = self.env["shaqra.committee.meeting"]
        meeting = Meeting.with_user(self.member_a).create(
            {
                "committee_id": self.committee.id,
                "decision_ids": [Command.create({"request_id": request.id})],
            }
        )
        for user in (self.member_a, self.user_manager):
            for vals in (
                {"state": "approved", "date_approved": "2020-01-01 08:00:00"},
                {"state": "approved"},
                {"state": "held"},
                {"state": "in_progress"},
                {"date_approved": "2020-01-01 08:00:00"},
            ):
                with self.assertRaises(AccessError):
                    meeting.with_user(user).write(vals)
            with self.assertRaises(AccessError):
                Meeting.with_user(user).create(
                    {"committee_id": self.committee.id, "state": "approved"}
                )
        with self.assertRaises(UserError):
            meeting.with_user(self.member_a).write({"name": "MTG/2020/0001"})
        forged = Meeting.with_user(self.member_a).create(
            {"committee_id": self.committee.id, "name": "MTG/2020/0001"}
        )
        self.assertNotEqual(forged.name, "MTG/2020/0001")
        meeting = self._fresh(meeting)
        self.assertEqual(meeting.state, "draft")
        self.assertFalse(meeting.date_approved)
        self.assertEqual(
            Meeting.search_count([("state", "=", "approved"), ("id", "=", meeting.id)]), 0
        )

    def test_c8_only_members_count_as_present(self):
        request = self._complete_request()
        meeting = self._open_meeting(request)
        meeting.decision_ids.write({"decision": "approved"})
        with self.assertRaises(ValidationError):
            meeting.write({"attendee_ids": [Command.set((self.member_a | self.member_other).ids)]})
        with self.assertRaises(UserError):
            meeting.action_close()
        meeting = self._fresh(meeting)
        self.assertFalse(meeting.attendee_ids)
        self.assertEqual(meeting.state, "in_progress")

    def test_c8_quorum_not_reached_minutes_not_approved(self):
        _request, meeting = self._held_meeting()
        meeting.with_user(self.member_a).action_approve()
        meeting = self._fresh(meeting)
        self.assertEqual(meeting.state, "held")
        self.assertFalse(meeting.date_approved)

    # ------------------------------------------------------------------
    # Approved (and closed) minutes are frozen
    # ------------------------------------------------------------------

    def test_c8_approved_meeting_cannot_be_reopened_or_rewritten(self):
        request, meeting = self._approved_meeting()
        approved = self._fresh(meeting)
        snapshot = (
            approved.state,
            approved.date_approved,
            approved.date,
            approved.minutes,
            approved.attendee_ids,
            approved.approval_ids,
        )
        line = approved.decision_ids
        for user in (self.member_a, self.member_b, self.user_manager):
            mine = meeting.with_user(user)
            for vals in (
                {"state": "in_progress"},
                {"state": "draft"},
                {"date_approved": False},
                {"minutes": "<p>Rewritten.</p>"},
                {"attendee_ids": [Command.set(self.member_c.ids)]},
                {"date": "2020-01-01 08:00:00"},
                {"location": "Elsewhere"},
            ):
                with self.assertRaises(UserError):
                    mine.write(vals)
            their_line = line.with_user(user)
            for vals in (
                {"decision": "rejected", "reason": "Changed our mind", "approved_amount": 0},
                {"approved_amount": 9000.0},
                {"reason": "Rewritten reason"},
                {"sequence": 99},
            ):
                with self.assertRaises(UserError):
                    their_line.write(vals)
            with self.assertRaises(UserError):
                their_line.unlink()
            with self.assertRaises(UserError):
                mine.write({"decision_ids": [Command.delete(line.id)]})
            with self.assertRaises(UserError):
                self.env["shaqra.committee.decision"].with_user(user).create(
                    {"meeting_id": meeting.id, "request_id": self._complete_request().id}
                )
            with self.assertRaises(UserError):
                mine.action_approve()
            with self.assertRaises(UserError):
                mine.action_start()
        approved = self._fresh(meeting)
        self.assertEqual(
            (
                approved.state,
                approved.date_approved,
                approved.date,
                approved.minutes,
                approved.attendee_ids,
                approved.approval_ids,
            ),
            snapshot,
        )
        self.assertEqual(len(approved.approval_ids), 2)
        self.assertEqual(
            (line.decision, line.approved_amount, line.decided_by_id),
            ("approved", 1500.0, self.member_a),
        )
        request = self._fresh(request)
        self.assertEqual(request.stage_key, "decided")
        self.assertEqual(request.approved_amount, 1500.0)

    def test_c8_closed_minutes_frozen_before_approval(self):
        _request, meeting = self._held_meeting()
        meeting.with_user(self.member_a).action_approve()
        with self.assertRaises(UserError):
            meeting.with_user(self.member_b).write({"minutes": "<p>Another text.</p>"})
        with self.assertRaises(UserError):
            meeting.with_user(self.member_b).write(
                {"attendee_ids": [Command.set(self.member_b.ids)]}
            )
        meeting = self._fresh(meeting)
        self.assertEqual(meeting.minutes, "<p>Studied the request of Fatimah.</p>")
        self.assertEqual(meeting.attendee_ids, self.member_a | self.member_b)

    def test_c8_manager_corrects_closed_minutes_only_with_a_trace(self):
        _request, meeting = self._approved_meeting()
        with self.assertRaises(AccessError):
            meeting.with_user(self.member_a)._evidence_override(
                {"minutes": "<p>Corrected.</p>"}, "Typo in the beneficiary's name"
            )
        with self.assertRaises(UserError):
            meeting.with_user(self.user_manager)._evidence_override(
                {"minutes": "<p>Corrected.</p>"}, "typo"
            )
        for vals in ({"state": "in_progress"}, {"date_approved": False}):
            with self.assertRaises(UserError):
                meeting.with_user(self.user_manager)._evidence_override(
                    vals, "Reopen to change a decision"
                )
        self.assertEqual(self._fresh(meeting).state, "approved")
        meeting.with_user(self.user_manager)._evidence_override(
            {"minutes": "<p>Studied the request of Fatimah Al-Otaibi.</p>"},
            "Typo in the beneficiary's name",
        )
        meeting = self._fresh(meeting)
        self.assertEqual(meeting.minutes, "<p>Studied the request of Fatimah Al-Otaibi.</p>")
        self.assertEqual(meeting.state, "approved")
        trace = self.env["shaqra.evidence.override"].search(
            [("res_model", "=", meeting._name), ("res_id", "=", meeting.id)]
        )
        self.assertEqual(trace.user_id, self.user_manager)
        self.assertEqual(trace.reason, "Typo in the beneficiary's name")

    # ------------------------------------------------------------------
    # Decisions: recorded by the action, in an open meeting of one's committee
    # ------------------------------------------------------------------

    def test_c8_who_decided_and_when_cannot_be_rewritten(self):
        request = self._complete_request()
        meeting = self._open_meeting(request)
        meeting.decision_ids.write({"decision": "approved", "approved_amount": 1500.0})
        line = self._fresh(meeting.decision_ids)
        decided_on = line.decision_date
        for user in (self.member_b, self.user_manager):
            for vals in (
                {"decided_by_id": user.id},
                {"decision_date": "2020-01-01 08:00:00"},
                {"decision_date": False, "decided_by_id": False},
            ):
                with self.assertRaises(AccessError):
                    line.with_user(user).write(vals)
        with self.assertRaises(AccessError):
            self.env["shaqra.committee.decision"].with_user(self.member_a).create(
                {
                    "meeting_id": meeting.id,
                    "request_id": self._complete_request().id,
                    "decided_by_id": self.member_b.id,
                    "decision_date": "2020-01-01 08:00:00",
                }
            )
        line = self._fresh(line)
        self.assertEqual((line.decided_by_id, line.decision_date), (self.member_a, decided_on))
        request = self._fresh(request)
        self.assertEqual(
            (request.decided_by_id, request.decision_date), (self.member_a, decided_on)
        )

    def test_c8_decided_line_cannot_be_deleted(self):
        request = self._complete_request()
        meeting = self._open_meeting(request)
        meeting.decision_ids.write({"decision": "approved", "approved_amount": 1500.0})
        line = meeting.decision_ids
        for user in (self.member_a, self.user_manager):
            with self.assertRaises(UserError):
                line.with_user(user).unlink()
            with self.assertRaises(UserError):
                meeting.with_user(user).write({"decision_ids": [Command.delete(line.id)]})
            with self.assertRaises(UserError):
                meeting.with_user(user).write({"decision_ids": [Command.clear()]})
            with self.assertRaises(UserError):
                line.with_user(user).write({"decision": False})
        line = self._fresh(line)
        self.assertTrue(line.exists())
        self.assertEqual(line.decision, "approved")
        request = self._fresh(request)
        self.assertEqual(request.stage_key, "decided")
        self.assertEqual(request.decision_meeting_id, meeting)
        self.assertEqual(request.committee_decision_ids, line)

    def test_c8_undecided_line_leaves_an_open_meeting_only(self):
        request = self._complete_request()
        meeting = self._open_meeting(request)
        with self.assertRaises(UserError):
            meeting.decision_ids.with_user(self.member_b).write(
                {"request_id": self._complete_request().id}
            )
        meeting.decision_ids.with_user(self.member_b).unlink()
        self.assertEqual(self._fresh(request).stage_key, "awaiting_committee")

    def test_c8_related_values_of_meetings_and_lines_are_not_written(self):
        request = self._complete_request()
        meeting = self._open_meeting(request)
        line = meeting.decision_ids
        for vals in (
            {"committee_id": self.committee_b.id},
            {"beneficiary_id": self.beneficiary_b.id},
            {"service_type_id": self.service_b.id},
            {"meeting_state": "approved"},
        ):
            with self.assertRaises(UserError):
                line.with_user(self.member_a).write(vals)
        for vals in ({"quorum": 1}, {"member_ids": [Command.link(self.member_other.id)]}):
            with self.assertRaises(UserError):
                meeting.with_user(self.member_a).write(vals)
        line = self._fresh(line)
        self.assertEqual(line.committee_id, self.committee)
        self.assertEqual(self._fresh(request).beneficiary_id, self.beneficiary)
        self.assertEqual(self._fresh(meeting).state, "in_progress")
        self.assertEqual(self.committee.quorum, 2)
        self.assertNotIn(self.member_other, self.committee.member_ids)

    def test_c8_no_decision_outside_an_open_meeting(self):
        request = self._complete_request()
        draft = (
            self.env["shaqra.committee.meeting"]
            .with_user(self.member_a)
            .create(
                {
                    "committee_id": self.committee.id,
                    "decision_ids": [Command.create({"request_id": request.id})],
                }
            )
        )
        with self.assertRaises(UserError):
            draft.decision_ids.write({"decision": "approved"})
        other = self._complete_request()
        with self.assertRaises(UserError):
            self.env["shaqra.committee.decision"].with_user(self.member_a).create(
                {"meeting_id": draft.id, "request_id": other.id, "decision": "approved"}
            )
        self.assertEqual(self._fresh(request).stage_key, "committee_review")
        self.assertFalse(self._fresh(request).decision)
        self.assertEqual(self._fresh(other).stage_key, "awaiting_committee")

    def test_c8_other_committees_meetings_are_out_of_reach(self):
        request = self._complete_request()
        meeting = self._open_meeting(request)
        outsider = self.member_other
        line = meeting.decision_ids
        with self.assertRaises(AccessError):
            meeting.with_user(outsider).read(["name", "state"])
        with self.assertRaises(AccessError):
            line.with_user(outsider).write({"decision": "rejected", "reason": "Not ours"})
        with self.assertRaises(AccessError):
            meeting.with_user(outsider).write({"minutes": "<p>Forged.</p>"})
        with self.assertRaises(UserError):
            meeting.with_user(outsider).action_close()
        with self.assertRaises(AccessError):
            self.env["shaqra.committee.meeting"].with_user(outsider).create(
                {"committee_id": self.committee.id}
            )
        with self.assertRaises(AccessError):
            self.env["shaqra.committee.decision"].with_user(outsider).create(
                {"meeting_id": meeting.id, "request_id": self._complete_request().id}
            )
        self.assertFalse(self._fresh(line).decision)
        self.assertEqual(self._fresh(request).stage_key, "committee_review")

    # ------------------------------------------------------------------
    # Record rules: who sees which meetings, approvals and decisions
    # ------------------------------------------------------------------

    def _visible(self, user, model):
        return self.env[model].with_user(user).search([]).with_env(self.env)

    def test_e2_members_see_only_their_committees(self):
        _request, meeting_a = self._approved_meeting()
        for model, record_a, record_b in (
            ("shaqra.committee.meeting", meeting_a, self.meeting_b),
            ("shaqra.committee.decision", meeting_a.decision_ids, self.meeting_b.decision_ids),
            (
                "shaqra.committee.meeting.approval",
                self._fresh(meeting_a).approval_ids,
                self.meeting_b.approval_ids,
            ),
        ):
            self.assertTrue(record_a and record_b)
            for user in (self.member_a, self.member_b):
                self.assertEqual(record_a & self._visible(user, model), record_a)
                self.assertFalse(record_b & self._visible(user, model))
                with self.assertRaises(AccessError):
                    record_b.with_user(user).read(["id"])
            self.assertEqual(record_b & self._visible(self.member_other, model), record_b)
            self.assertFalse(record_a & self._visible(self.member_other, model))
            with self.assertRaises(AccessError):
                record_a.with_user(self.member_other).read(["id"])
            managed = self._visible(self.user_manager, model)
            self.assertEqual(managed & (record_a | record_b), record_a | record_b)

    def test_e2_reception_reads_the_decision_on_its_own_request_only(self):
        # Reception registers a beneficiary and takes a request; it is made
        # complete and signed (set up as superuser) and goes to committee A.
        beneficiary = (
            self.env["shaqra.beneficiary"]
            .with_user(self.user_reception)
            .create({"name": "Maha Al-Qahtani", "national_id": "1000000057"})
        )
        mine = (
            self.env["shaqra.request"]
            .with_user(self.user_reception)
            .create({"beneficiary_id": beneficiary.id, "service_type_id": self.service.id})
        )
        mine = self._fresh(mine)
        mine.requirement_line_ids.write({"is_provided": True, "is_verified": True})
        mine.write({"signature": SIGNATURE, "signed_by": beneficiary.name})
        mine.action_send_to_committee()
        theirs = self._complete_request()
        meeting = self._open_meeting(mine | theirs)
        for line in meeting.decision_ids:
            line.write({"decision": "approved", "approved_amount": 1200.0})
        mine_line = meeting.decision_ids.filtered(lambda d: d.request_id == mine)
        reception = self.user_reception

        # The decision on its own request, and the meeting's number and date.
        request = mine.with_user(reception)
        self.assertEqual(request.committee_decision_ids.with_env(self.env), mine_line)
        self.assertEqual(request.committee_decision_ids.decision, "approved")
        self.assertEqual(request.decision_meeting_id.name, meeting.name)
        self.assertTrue(request.decision_meeting_id.date)
        self.assertEqual(self._visible(reception, "shaqra.committee.decision"), mine_line)
        self.assertEqual(self._visible(reception, "shaqra.committee.meeting"), meeting)
        html = (
            self.env["ir.actions.report"]
            .with_user(reception)
            ._render_qweb_html(LETTER_REPORT, mine.ids)[0]
            .decode()
        )
        self.assertIn(meeting.name, html)
        self.assertIn("الموافقة على طلبكم", html)
        # Not the minutes, not the approvals, not the other decisions.
        with self.assertRaises(AccessError):
            meeting.with_user(reception).read(["minutes"])
        with self.assertRaises(AccessError):
            self.env["shaqra.committee.meeting.approval"].with_user(reception).search([])
        with self.assertRaises(AccessError):
            (meeting.decision_ids - mine_line).with_user(reception).read(["decision"])
        with self.assertRaises(AccessError):
            self.meeting_b.with_user(reception).read(["name"])
        # Read only.
        with self.assertRaises(AccessError):
            mine_line.with_user(reception).write({"reason": "Forged"})
        with self.assertRaises(AccessError):
            meeting.with_user(reception).write({"location": "Forged"})

    def test_e2_liaison_officer_reads_the_decisions_of_its_assignments(self):
        request = self._complete_request()
        meeting = self._open_meeting(request)
        meeting.decision_ids.write({"decision": "rejected", "reason": "Income above the limit"})
        officer = self.officer_user
        self.assertEqual(self._visible(officer, "shaqra.committee.decision"), meeting.decision_ids)
        self.assertEqual(self._visible(officer, "shaqra.committee.meeting"), meeting)
        self.assertEqual(
            request.with_user(officer).committee_decision_ids.reason, "Income above the limit"
        )
        self.assertFalse(
            self.meeting_b.decision_ids & self._visible(officer, "shaqra.committee.decision")
        )
        with self.assertRaises(AccessError):
            meeting.decision_ids.with_user(officer).write({"reason": "Forged"})

    # ------------------------------------------------------------------
    # Approved amounts (malformed input)
    # ------------------------------------------------------------------

    def test_c8_approved_amount_must_be_sane(self):
        request = self._complete_request()
        meeting = self._open_meeting(request)
        line = meeting.decision_ids.with_user(self.member_b)
        for amount in (-1.0, -1500.0, 1e20, 10_000_000.01, float("inf")):
            with self.assertRaises(ValidationError):
                line.write({"decision": "approved", "approved_amount": amount})
        with self.assertRaises(ValidationError):
            self.env["shaqra.committee.decision"].with_user(self.member_b).create(
                {
                    "meeting_id": meeting.id,
                    "request_id": self._complete_request().id,
                    "decision": "approved",
                    "approved_amount": 1e20,
                }
            )
        line = self._fresh(line)
        self.assertFalse(line.decision)
        self.assertFalse(line.approved_amount)
        request = self._fresh(request)
        self.assertEqual(request.stage_key, "committee_review")
        self.assertFalse(request.approved_amount)
        # The limit itself is accepted, and a company may set its own.
        line.with_user(self.member_b).write(
            {"decision": "approved", "approved_amount": 10_000_000}
        )
        self.assertEqual(self._fresh(request).approved_amount, 10_000_000)
        self.env["ir.config_parameter"].set_param("shaqra_beneficiary.max_approved_amount", "5000")
        with self.assertRaises(ValidationError):
            line.with_user(self.member_b).write({"approved_amount": 5000.01})
        line.with_user(self.member_b).write({"approved_amount": 5000})
        self.assertEqual(self._fresh(request).approved_amount, 5000)

    # ------------------------------------------------------------------
    # The legitimate flow still works, and the minutes print
    # ------------------------------------------------------------------

    def test_c8_members_decide_approve_and_print_the_minutes(self):
        approved_req = self._complete_request()
        rejected_req = self._complete_request()
        more_info_req = self._complete_request()
        meeting = self._open_meeting(approved_req | rejected_req | more_info_req)
        lines = {line.request_id: line for line in meeting.decision_ids.with_env(self.env)}
        lines[approved_req].with_user(self.member_a).write(
            {"decision": "approved", "approved_amount": 1500.0}
        )
        lines[rejected_req].with_user(self.member_b).write(
            {"decision": "rejected", "reason": "Income above the limit"}
        )
        lines[more_info_req].with_user(self.member_b).write(
            {"decision": "more_info", "reason": "Bring a salary slip"}
        )
        # While the meeting is open a decision may still be changed.
        lines[approved_req].with_user(self.member_b).write({"approved_amount": 1750.0})
        meeting.with_user(self.member_b).write(
            {
                "attendee_ids": [Command.set((self.member_a | self.member_b).ids)],
                "minutes": "<p>Three requests studied.</p>",
                "location": "Main office",
            }
        )
        meeting.with_user(self.member_b).action_close()
        meeting.with_user(self.member_a).action_approve()
        self.assertEqual(self._fresh(meeting).state, "held")
        meeting.with_user(self.member_c).action_approve()

        meeting = self._fresh(meeting)
        self.assertEqual(meeting.state, "approved")
        self.assertTrue(meeting.date_approved)
        self.assertEqual(meeting.approval_ids.user_id, self.member_a | self.member_c)
        self.assertEqual(self._fresh(approved_req).stage_key, "decided")
        self.assertEqual(self._fresh(approved_req).approved_amount, 1750.0)
        self.assertEqual(self._fresh(approved_req).decided_by_id, self.member_b)
        self.assertEqual(self._fresh(rejected_req).stage_key, "decided")
        self.assertEqual(self._fresh(more_info_req).stage_key, "completeness")

        # A member prints the minutes, with the request sent back for more
        # information (no longer on their agenda) still listed.
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.member_b)
            ._render_qweb_pdf(MINUTES_REPORT, meeting.ids)
        )
        html = content.decode()
        self.assertIn("محضر اجتماع", html)
        for request in (approved_req, rejected_req, more_info_req):
            self.assertIn(request.name, html)
        self.assertIn("Three requests studied.", html)
        self.assertIn(self.member_c.name, html)
        self.assertIn("معتمد", html)

    def test_c8_deleting_a_draft_meeting_returns_its_agenda(self):
        request = self._complete_request()
        meeting = (
            self.env["shaqra.committee.meeting"]
            .with_user(self.member_a)
            .create(
                {
                    "committee_id": self.committee.id,
                    "decision_ids": [Command.create({"request_id": request.id})],
                }
            )
        )
        self.assertEqual(self._fresh(request).stage_key, "committee_review")
        with self.assertRaises(AccessError):
            meeting.with_user(self.member_a).unlink()
        meeting.with_user(self.user_manager).unlink()
        self.assertEqual(self._fresh(request).stage_key, "awaiting_committee")

    def test_c8_started_meeting_cannot_be_deleted(self):
        request = self._complete_request()
        meeting = self._open_meeting(request)
        with self.assertRaises(UserError):
            meeting.with_user(self.user_manager).unlink()
        meeting = self._fresh(meeting)
        self.assertTrue(meeting.exists())
        self.assertEqual(meeting.decision_ids.request_id, request)
        self.assertEqual(self._fresh(request).stage_key, "committee_review")
