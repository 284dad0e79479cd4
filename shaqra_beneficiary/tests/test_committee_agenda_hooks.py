from unittest.mock import patch

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ShaqraCommitteeCommon


@tagged("post_install", "-at_install")
class TestCommitteeAgendaHooks(ShaqraCommitteeCommon):
    """Policy C5, C8: other add-ons put their items on a meeting through the agenda hooks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Meeting = type(cls.env["shaqra.committee.meeting"])

    def _held(self, meeting):
        meeting.decision_ids.write({"decision": "approved"})
        meeting.attendee_ids = self.member_a | self.member_b
        meeting.with_user(self.member_a).action_close()
        return meeting

    def test_c8_close_refused_while_an_extension_has_undecided_items(self):
        request = self._complete_request()
        meeting = self._meeting(request)
        meeting.decision_ids.write({"decision": "approved"})
        meeting.attendee_ids = self.member_a | self.member_b
        original = self.Meeting._agenda_undecided_items

        def undecided(this):
            return [*original(this), "Complaint C-0001"]

        with patch.object(self.Meeting, "_agenda_undecided_items", undecided):
            with self.assertRaises(UserError) as refused:
                meeting.with_user(self.member_a).action_close()
        self.assertIn("Complaint C-0001", str(refused.exception))
        self.assertEqual(meeting.state, "in_progress")
        # Once the extension has nothing undecided, the meeting closes.
        meeting.with_user(self.member_a).action_close()
        self.assertEqual(meeting.state, "held")

    def test_c8_close_lists_undecided_requests_and_extension_items(self):
        request = self._complete_request()
        meeting = self._meeting(request)
        meeting.attendee_ids = self.member_a | self.member_b
        with self.assertRaises(UserError) as refused:
            meeting.with_user(self.member_a).action_close()
        self.assertIn(request.name, str(refused.exception))
        original = self.Meeting._agenda_undecided_items
        with (
            patch.object(
                self.Meeting,
                "_agenda_undecided_items",
                lambda this: [*original(this), "Complaint C-0002"],
            ),
            self.assertRaises(UserError) as refused,
        ):
            meeting.with_user(self.member_a).action_close()
        self.assertIn(request.name, str(refused.exception))
        self.assertIn("Complaint C-0002", str(refused.exception))
        self.assertEqual(meeting.state, "in_progress")

    def test_c8_close_applies_extension_outcomes_once_held(self):
        request = self._complete_request()
        meeting = self._meeting(request)

        def on_decided(this):
            for record in this:
                record.message_post(body=f"Outcomes applied, meeting {record.state}")

        with patch.object(self.Meeting, "_agenda_on_decided", on_decided):
            self._held(meeting)
        notes = meeting.message_ids.filtered(lambda m: "Outcomes applied" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertIn("meeting held", notes.body)

    def test_c8_approval_by_quorum_calls_extension_outcomes(self):
        request = self._complete_request()
        meeting = self._held(self._meeting(request))

        def on_approved(this):
            this.ensure_one()
            this.message_post(body=f"Approved outcomes, {len(this.approval_ids)} approvals")

        def approved_notes():
            return meeting.message_ids.filtered(lambda m: "Approved outcomes" in (m.body or ""))

        with patch.object(self.Meeting, "_agenda_on_approved", on_approved):
            meeting.with_user(self.member_a).action_approve()
            # One approval of a quorum of two: nothing is applied yet.
            self.assertFalse(approved_notes())
            meeting.with_user(self.member_b).action_approve()
        self.assertEqual(meeting.state, "approved")
        self.assertEqual(len(approved_notes()), 1)
        self.assertIn("2 approvals", approved_notes().body)

    def test_c5_load_agenda_takes_extension_items(self):
        request = self._complete_request()
        meeting = self._meeting([], start=False)
        original = self.Meeting._agenda_load

        def load(this):
            original(this)
            for record in this:
                record._agenda_report(
                    ["Complaint C-0003"], [("Complaint C-0004", "no summary yet")]
                )

        with patch.object(self.Meeting, "_agenda_load", load):
            action = meeting.with_user(self.member_a).action_load_agenda()
        # The base still loads the requests awaiting the committee.
        self.assertEqual(meeting.request_ids, request)
        self.assertEqual(request.stage_key, "committee_review")
        # What the extension added and skipped is counted and shown.
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["title"], "Requests added to the agenda: 2; skipped: 1")
        self.assertIn("Complaint C-0004: no summary yet", action["params"]["message"])

    def test_c5_load_agenda_with_only_extension_items_is_not_refused(self):
        meeting = self._meeting([], start=False)
        with self.assertRaisesRegex(UserError, self.committee.name):
            meeting.with_user(self.member_a).action_load_agenda()
        original = self.Meeting._agenda_load

        def load(this):
            original(this)
            for record in this:
                record._agenda_report(["Complaint C-0005"])

        with patch.object(self.Meeting, "_agenda_load", load):
            self.assertIs(meeting.with_user(self.member_a).action_load_agenda(), True)
        self.assertFalse(meeting.request_ids)

    def test_c5_agenda_report_outside_the_action_posts_what_was_skipped(self):
        meeting = self._meeting([], start=False)
        meeting._agenda_report([], [("Complaint C-0006", "withdrawn")])
        self.assertIn("Complaint C-0006: withdrawn", meeting.message_ids[0].body)

    def test_c5_item_count_and_start_follow_extension_items(self):
        request = self._complete_request()
        meeting = self._meeting(request, start=False)
        self.assertEqual(meeting.agenda_item_count, 1)
        empty = self._meeting([], start=False)
        with self.assertRaises(UserError):
            empty.with_user(self.member_a).action_start()
        original = self.Meeting._agenda_item_count
        with patch.object(self.Meeting, "_agenda_item_count", lambda this: original(this) + 2):
            (meeting | empty).invalidate_recordset(["agenda_item_count"])
            self.assertEqual(meeting.agenda_item_count, 3)
            # A meeting with only another add-on's items can start.
            empty.with_user(self.member_a).action_start()
        self.assertEqual(empty.state, "in_progress")

    def test_c5_form_page_and_minutes_hook_for_extensions(self):
        arch = etree.fromstring(
            self.env.ref("shaqra_beneficiary.shaqra_committee_meeting_view_form").arch
        )
        pages = arch.xpath("//notebook/page/@name")
        self.assertIn("agenda_requests", pages)
        self.assertTrue(arch.xpath("//page[@name='agenda_requests']/field[@name='decision_ids']"))
        request = self._complete_request()
        meeting = self._held(self._meeting(request))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("shaqra_beneficiary.shaqra_committee_meeting_report", meeting.ids)[
                0
            ]
            .decode()
        )
        self.assertIn('id="shaqra_minutes_extra_items"', html)
        self.assertLess(html.index(request.name), html.index("shaqra_minutes_extra_items"))
