import base64
import io
from datetime import datetime, time, timedelta

from PIL import Image, ImageDraw

from odoo import Command, api, fields, models

# A one-page scanned fax (a minimal PDF) for the demo fax complaint.
DEMO_FAX_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _demo_signature():
    image = Image.new("RGBA", (300, 90), (0, 0, 0, 0))
    ImageDraw.Draw(image).line(
        [(15, 60), (80, 15), (150, 70), (220, 20), (285, 55)], fill=(20, 20, 80, 255), width=4
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


class ShaqraComplaint(models.Model):
    _inherit = "shaqra.complaint"

    @api.model
    def _demo_build(self):
        """Demo data: complaints in every stage and channel, built once as
        superuser through their own steps (acknowledgement, screening, the
        follow-up committee's approved minutes, a settlement signed by the
        complainant, a breached deadline escalated once)."""
        env = self.sudo().env
        ref = env.ref
        if ref("shaqra_complaints.shaqra_complaint_website_demo", raise_if_not_found=False):
            return
        today = fields.Date.context_today(self)

        def at(days, hour=9):
            return datetime.combine(today - timedelta(days=days), time(hour))

        Complaint = env["shaqra.complaint"].with_context(mail_notrack=True)
        committee = ref("shaqra_complaints.shaqra_committee_follow_up_demo")
        chair = ref("shaqra_beneficiary.user_committee_demo")
        members = chair | ref("shaqra_beneficiary.user_manager_demo")
        widow = ref("shaqra_beneficiary.shaqra_beneficiary_widow_demo")
        portal_ben = ref("shaqra_beneficiary.shaqra_beneficiary_portal_demo")
        orphans = ref("shaqra_beneficiary.shaqra_beneficiary_orphans_demo")
        elderly = ref("shaqra_beneficiary.shaqra_beneficiary_elderly_demo")
        food = ref("shaqra_beneficiary.shaqra_service_type_food_basket_demo")
        rent = ref("shaqra_beneficiary.shaqra_service_type_rent_demo")
        school = ref("shaqra_beneficiary.shaqra_service_type_school_demo")

        def create(xmlid, days, **vals):
            record = Complaint.create({"date_received": at(days), **vals})
            xmlids.append((xmlid, record))
            return record

        xmlids = []
        create(
            "shaqra_complaint_website_demo",
            1,
            kind="complaint",
            channel="website",
            complainant_name="سعد بن محمد الدوسري",
            complainant_mobile="+966551230001",
            description="تقدمت بطلب سلة غذائية قبل شهر ولم يتواصل معي أحد حتى الآن.",
            service_type_id=food.id,
        )
        fax = create(
            "shaqra_complaint_fax_demo",
            3,
            kind="complaint",
            channel="fax",
            complainant_name="مكتب الضمان الاجتماعي بشقراء",
            description="شكوى واردة بالفاكس بشأن تأخر صرف إعانة الإيجار لإحدى الأسر (الصورة مرفقة).",
            service_type_id=rent.id,
        )
        scan = env["ir.attachment"].create(
            {
                "name": "fax-scan.pdf",
                "raw": DEMO_FAX_PDF,
                "mimetype": "application/pdf",
                "res_model": fax._name,
                "res_id": fax.id,
            }
        )
        fax.message_post(
            body=self.env._("The complaint as scanned, as it came by fax."),
            attachment_ids=scan.ids,
            subtype_xmlid="mail.mt_note",
        )
        fax.action_screen()
        waiting = create(
            "shaqra_complaint_email_demo",
            4,
            kind="support",
            channel="email",
            complainant_name="نورة العتيبي",
            complainant_email="noura.demo@example.com",
            description="لا أستطيع الدخول إلى البوابة لرفع مستند الدخل، أرجو المساعدة.",
        )
        waiting.action_screen()
        waiting.action_wait_complainant()
        create(
            "shaqra_complaint_anonymous_demo",
            2,
            kind="complaint",
            channel="website",
            is_anonymous=True,
            employee_concerned_id=ref("shaqra_beneficiary.hr_employee_hr_demo").id,
            description="تعامل أحد الموظفين مع المراجعين بأسلوب غير لائق.",
        )
        inquiry = create(
            "shaqra_complaint_phone_demo",
            6,
            kind="inquiry",
            channel="phone",
            complainant_name="عبدالله القحطاني",
            complainant_mobile="+966551230002",
            description="استفسار عن مواعيد صرف الحقيبة المدرسية.",
        )
        inquiry.action_cancel()
        resolved_support = create(
            "shaqra_complaint_support_demo",
            9,
            kind="support",
            channel="phone",
            beneficiary_id=elderly.id,
            description="طلب مساعدة في تعبئة نموذج طلب الخدمة.",
        )
        resolved_support.resolution = "<p>ساعده موظف الاستقبال في تعبئة النموذج هاتفيًا.</p>"
        resolved_support.action_resolve()
        # Breached: received long ago, still screened, the daily check escalates it once.
        breached = create(
            "shaqra_complaint_breached_demo",
            40,
            kind="complaint",
            channel="letter",
            beneficiary_id=orphans.id,
            service_type_id=school.id,
            description="لم تصل الحقيبة المدرسية لأبنائي رغم الموافقة على الطلب.",
        )
        breached.action_screen()

        # The follow-up committee: four complaints, decided in an approved meeting.
        upheld = create(
            "shaqra_complaint_upheld_demo",
            20,
            kind="complaint",
            channel="meeting",
            beneficiary_id=widow.id,
            service_type_id=food.id,
            description="السلة الغذائية الأخيرة وصلت ناقصة.",
        )
        settled = create(
            "shaqra_complaint_settled_demo",
            18,
            kind="dispute",
            channel="whatsapp",
            beneficiary_id=widow.id,
            service_type_id=rent.id,
            description="خلاف على مبلغ إعانة الإيجار المعتمد.",
        )
        proposal = create(
            "shaqra_complaint_settlement_demo",
            15,
            kind="complaint",
            channel="letter",
            beneficiary_id=orphans.id,
            service_type_id=rent.id,
            description="تأخر صرف إعانة الإيجار شهرين.",
        )
        agenda = upheld | settled | proposal
        agenda.action_send_to_committee()
        meeting = env["shaqra.committee.meeting"].create(
            {
                "committee_id": committee.id,
                "date": at(10, 7),
                "location": "قاعة الاجتماعات - مقر الجمعية",
                "attendee_ids": [Command.set(members.ids)],
                "minutes": '<div dir="rtl"><p>نظرت اللجنة في الشكاوى المحالة إليها.</p></div>',
            }
        )
        xmlids.append(("shaqra_committee_meeting_follow_up_demo", meeting))
        meeting._evidence_write({"state": "in_progress"})
        outcomes = [
            (upheld, "upheld", "ثبت نقص محتويات السلة، وتُستكمل خلال أسبوع.", False),
            (
                settled,
                "settled",
                "يمكن حل الخلاف وديًّا.",
                "<p>تصرف الجمعية فرق الإعانة كاملًا خلال عشرة أيام عمل.</p>",
            ),
            (
                proposal,
                "settled",
                "يمكن حل الخلاف وديًّا.",
                "<p>تصرف الجمعية الإعانة المتأخرة دفعة واحدة مع الاعتذار.</p>",
            ),
        ]
        for sequence, (complaint, outcome, reason, terms) in enumerate(outcomes, start=1):
            line = env["shaqra.complaint.decision"].create(
                {"meeting_id": meeting.id, "complaint_id": complaint.id, "sequence": sequence}
            )
            line.with_user(chair).write(
                {"outcome": outcome, "reason": reason, "settlement_terms": terms}
            )
            line._evidence_write({"decided_by_id": chair.id, "decision_date": at(10, 10)})
        meeting._evidence_write({"state": "held"})
        env["shaqra.committee.meeting.approval"]._evidence_create(
            [
                {"meeting_id": meeting.id, "user_id": member.id, "date": at(9, 9)}
                for member in members
            ]
        )
        meeting._evidence_write({"state": "approved", "date_approved": at(9, 9)})
        meeting.complaint_decision_ids._apply_outcome()
        # Settled amicably: the complainant signed at reception, then closed.
        settled._settlement_sign(_demo_signature(), widow.name, ip="في الاستقبال", ua=False)
        settled.action_close()
        # Portal complaint now with the committee.
        portal = create(
            "shaqra_complaint_portal_demo",
            5,
            kind="complaint",
            channel="portal",
            beneficiary_id=portal_ben.id,
            service_type_id=school.id,
            description="لم أتلق ردًا على طلبي المقدم عبر البوابة.",
        )
        portal.action_send_to_committee()
        # The acknowledgements waiting for a person were delivered (the fax by
        # fax, letters by hand, WhatsApp messages), all but the newest one.
        newest = xmlids[0][1]
        pending = env["shaqra.notification"].search(
            [
                ("res_model", "=", "shaqra.complaint"),
                ("res_id", "in", [r.id for _x, r in xmlids if r._name == "shaqra.complaint"]),
                ("res_id", "!=", newest.id),
                ("kind", "=", "acknowledgement"),
                ("state", "=", "pending"),
            ]
        )
        for notice in pending:
            if notice.channel == "meeting":
                notice.meeting_start = at(0, 10)
            notice._deliver(
                proof={"fax_number": "+966116220000", "fax_reference": f"TX-{notice.id:04d}"}
                if notice.channel == "fax"
                else None
            )
        env["ir.model.data"]._update_xmlids(
            [
                {"xml_id": f"shaqra_complaints.{xmlid}", "record": record, "noupdate": True}
                for xmlid, record in xmlids
            ]
        )
        # The daily check flags the late one and alerts management once.
        env["shaqra.complaint"]._cron_deadline_check()
