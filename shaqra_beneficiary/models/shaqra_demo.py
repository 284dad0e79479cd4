import base64
from datetime import datetime, time, timedelta

from odoo import Command, api, fields, models
from odoo.tools import file_open

# Demo meetings: (xml id, days ago, minutes, [(line xml id, request xml id,
# decision, reason, amount)]). Every decided, notified or closed demo request
# was decided in one of them (policy C5, C8).
DEMO_MEETINGS = (
    (
        "shaqra_committee_meeting_past_demo",
        50,
        "درست اللجنة طلب الحقيبة المدرسية واعتمدته.",
        (
            (
                "shaqra_committee_decision_closed_demo",
                "shaqra_request_closed_demo",
                "approved",
                "طالبان منتظمان في المرحلة المتوسطة.",
                800,
            ),
        ),
    ),
    (
        "shaqra_committee_meeting_recent_demo",
        15,
        "درست اللجنة طلبَي سداد الإيجار والجهاز الطبي واعتمدتهما.",
        (
            (
                "shaqra_committee_decision_decided_demo",
                "shaqra_request_decided_demo",
                "approved",
                "استوفى الشروط: الدخل أقل من الحد، والعقد موثق.",
                6000,
            ),
            (
                "shaqra_committee_decision_notified_demo",
                "shaqra_request_notified_demo",
                "approved",
                "التقرير الطبي يثبت الحاجة إلى الجهاز.",
                3500,
            ),
        ),
    ),
)

# Deadline history for the statistics (policy C6): (request, days since
# completion, days since the deadline, days since the answer, working days
# taken, answered on time).
DEMO_HISTORY = (
    ("shaqra_request_decided_demo", 24, 3, 15, 7, True),
    ("shaqra_request_notified_demo", 40, 19, 15, 18, False),
    ("shaqra_request_closed_demo", 60, 45, 50, 7, True),
)


class ShaqraCommitteeMeeting(models.Model):
    _inherit = "shaqra.committee.meeting"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _demo_decide_requests(self):
        """Demo data: the meetings that decided the decided, notified and closed
        demo requests, with their decision lines and approved minutes.

        Built once, as superuser, when the demo data loads: the requests go
        through the committee's own steps, then the dates are set in the
        past. Loading the demo data again changes nothing, and a database
        whose demo data predates these meetings (its requests were decided
        without one) keeps it as it is: an upgrade does not rewrite records
        people may have worked with.
        """
        env = self.sudo().env
        ref = env.ref
        if ref("shaqra_beneficiary.shaqra_committee_meeting_past_demo", raise_if_not_found=False):
            return
        if ref("shaqra_beneficiary.shaqra_request_decided_demo").decision:
            return
        awaiting = ref("shaqra_beneficiary.shaqra_request_stage_awaiting_committee")
        # Put on the agenda of the next meeting by the demo data that follows.
        review = ref("shaqra_beneficiary.shaqra_request_review_demo")
        if review.stage_key != "awaiting_committee":
            review._evidence_write({"stage_id": awaiting.id})
        committee = ref("shaqra_beneficiary.shaqra_committee_service_review_demo")
        chair = ref("shaqra_beneficiary.user_committee_demo")
        members = chair | ref("shaqra_beneficiary.user_manager_demo")
        today = fields.Date.context_today(self)

        def at(days, hour):
            return datetime.combine(today - timedelta(days=days), time(hour))

        xmlids = []
        for meeting_xmlid, days, minutes, lines in DEMO_MEETINGS:
            requests = env["shaqra.request"].browse(
                [ref(f"shaqra_beneficiary.{line[1]}").id for line in lines]
            )
            requests.filtered(lambda r: r.stage_key != "awaiting_committee")._evidence_write(
                {
                    "stage_id": awaiting.id,
                    "decision": False,
                    "decision_reason": False,
                    "approved_amount": False,
                    "date_answered": False,
                }
            )
            meeting = env["shaqra.committee.meeting"].create(
                {
                    "committee_id": committee.id,
                    "date": at(days, 7),
                    "location": "قاعة الاجتماعات - مقر الجمعية",
                    "attendee_ids": [Command.set(members.ids)],
                    "minutes": f'<div dir="rtl"><p>{minutes}</p></div>',
                    "decision_ids": [
                        Command.create({"request_id": request.id, "sequence": sequence})
                        for sequence, request in enumerate(requests, start=1)
                    ],
                }
            )
            xmlids.append((meeting_xmlid, meeting))
            meeting._evidence_write({"state": "in_progress"})
            for line, (line_xmlid, _request, decision, reason, amount) in zip(
                meeting.decision_ids.sorted("sequence"), lines, strict=True
            ):
                line.write({"decision": decision, "reason": reason, "approved_amount": amount})
                decided = {"decided_by_id": chair.id, "decision_date": at(days, 10)}
                line._evidence_write(decided)
                line.request_id._evidence_write(decided)
                xmlids.append((line_xmlid, line))
            meeting._evidence_write({"state": "held"})
            env["shaqra.committee.meeting.approval"]._evidence_create(
                [
                    {"meeting_id": meeting.id, "user_id": member.id, "date": at(days - 1, 9)}
                    for member in members
                ]
            )
            meeting._evidence_write({"state": "approved", "date_approved": at(days - 1, 9)})
        env["ir.model.data"]._update_xmlids(
            [
                {"xml_id": f"shaqra_beneficiary.{xmlid}", "record": record, "noupdate": True}
                for xmlid, record in xmlids
            ]
        )
        # The beneficiaries were told of the decision; the school bag was delivered.
        notified = ref("shaqra_beneficiary.shaqra_request_stage_notified")
        ref("shaqra_beneficiary.shaqra_request_notified_demo").write({"stage_id": notified.id})
        closed_request = ref("shaqra_beneficiary.shaqra_request_closed_demo")
        closed_request.write({"stage_id": notified.id})
        closed_request.write(
            {"stage_id": ref("shaqra_beneficiary.shaqra_request_stage_closed").id}
        )
        for xmlid, completed, deadline, answered, taken, on_time in DEMO_HISTORY:
            ref(f"shaqra_beneficiary.{xmlid}")._evidence_write(
                {
                    "date_complete": at(completed, 7),
                    "date_deadline": today - timedelta(days=deadline),
                    "date_answered": at(answered, 10),
                    "working_days_taken": taken,
                    "deadline_met": on_time,
                }
            )


class ResCompany(models.Model):
    _inherit = "res.company"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _demo_association_letterhead(self):
        """Demo data: the demo company is the association, with its own letterhead."""
        with file_open("shaqra_beneficiary/demo/shaqra_association_logo.png", "rb") as logo:
            logo = base64.b64encode(logo.read())
        self.write(
            {
                "street": "طريق الملك عبدالعزيز، حي الروضة",
                "street2": "مقر الجمعية",
                "city": "شقراء",
                "zip": "11961",
                "state_id": self.env.ref("base.state_sa_70").id,
                "country_id": self.env.ref("base.sa").id,
                "phone": "+966 11 622 1000",
                "email": "info@shaqra-demo.org",
                "website": "https://shaqra-demo.org",
                "vat": False,
                "company_registry": False,
                "report_header": "في خدمة أهالي محافظة شقراء وقراها",
                "company_details": (
                    '<div dir="rtl" style="text-align: right;">'
                    "<strong>جمعية التنمية والتطوير بشقراء</strong><br/>"
                    "طريق الملك عبدالعزيز، حي الروضة، شقراء 11961<br/>"
                    "منطقة الرياض، المملكة العربية السعودية<br/>"
                    "هاتف: +966 11 622 1000</div>"
                ),
                "logo": logo,
                "external_report_layout_id": self.env.ref("web.external_layout_standard").id,
            }
        )


class HrDepartment(models.Model):
    _inherit = "hr.department"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _demo_arabic_names(self, names):
        """Demo databases: Odoo's demo departments, where Odoo's demo employees
        sit, named in Arabic in every installed language like the association's
        own. ``names``: xml id -> (Odoo's English name, Arabic name); a
        department renamed since, or absent (no demo data), is left alone."""
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        for xmlid, (english, arabic) in names.items():
            department = self.env.ref(xmlid, raise_if_not_found=False)
            if department and department.with_context(lang="en_US").name == english:
                department.update_field_translations("name", dict.fromkeys(langs, arabic))
