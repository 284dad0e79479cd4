from odoo import api, fields, models

from .shaqra_complaint_demo import _demo_signature


class ShaqraCompensationClaim(models.Model):
    _inherit = "shaqra.compensation.claim"

    @api.model
    def _demo_build(self):
        """Demo data (C7-C10, E3), built once through the claims' own actions,
        each step by the person who does it: a claim established by the approved
        minutes of the investigation committee, settled after two negotiation
        rounds and paid in two payments; one established by a final judgment,
        its offer above the approval amount approved by management and waiting
        for the beneficiary's signature on the portal; one rejected."""
        env = self.sudo().env
        ref = env.ref
        if ref("shaqra_complaints.shaqra_compensation_claim_paid_demo", raise_if_not_found=False):
            return
        today = fields.Date.context_today(self)
        liaison = ref("shaqra_beneficiary.user_liaison_demo")
        chair = ref("shaqra_beneficiary.user_committee_demo")
        manager = ref("shaqra_beneficiary.user_manager_demo")
        committee = ref("shaqra_complaints.shaqra_committee_investigation_demo")
        Claim = env["shaqra.compensation.claim"].with_user(liaison)
        Round = env["shaqra.compensation.negotiation"].with_user(liaison)
        Payment = env["shaqra.compensation.payment"].with_user(liaison)
        xmlids = []

        # 1. Established by the approved minutes, two rounds, settled, paid twice.
        paid = Claim.create(
            {
                "beneficiary_id": ref("shaqra_beneficiary.shaqra_beneficiary_widow_demo").id,
                "user_id": liaison.id,
                "committee_id": committee.id,
                "harm_description": "أوقفت إعانة الإيجار ثلاثة أشهر بسبب خطأ في إدخال البيانات، "
                "فتراكمت على الأسرة غرامات تأخير وتلقت إنذارًا بالإخلاء.",
                "amount_claimed": 8000.0,
            }
        )
        xmlids.append(("shaqra_compensation_claim_paid_demo", paid))
        paid.action_send_to_investigation()
        meeting = (
            env["shaqra.committee.meeting"]
            .with_user(chair)
            .create(
                {
                    "committee_id": committee.id,
                    "location": "قاعة الاجتماعات - مقر الجمعية",
                    "minutes": '<div dir="rtl"><p>نظرت اللجنة في مطالبة التعويض المحالة '
                    "إليها واستمعت إلى موظف الارتباط.</p></div>",
                }
            )
        )
        xmlids.append(("shaqra_committee_meeting_investigation_demo", meeting))
        meeting.action_load_agenda()
        meeting.action_start()
        meeting.attendee_ids = chair | manager
        meeting.claim_finding_ids.with_user(chair).write(
            {
                "harm": "انقطاع إعانة الإيجار ثلاثة أشهر وتراكم غرامات التأخير على الأسرة.",
                "harm_extent": "غرامات تأخير قدرها 1,500 ريال وإنذار بالإخلاء من المؤجر.",
                "harm_causes": "خطأ في إدخال رقم الحساب البنكي عند تحديث ملف المستفيدة، "
                "ولم يُراجع قبل إيقاف الصرف.",
                "association_at_fault": True,
                "amount_assessed": 6000.0,
            }
        )
        meeting.action_close()
        meeting.with_user(chair).action_approve()
        meeting.with_user(manager).action_approve()
        paid.action_start_negotiation()
        Round.create(
            [
                {
                    "claim_id": paid.id,
                    "party": "association",
                    "amount": 4000.0,
                    "note": "عرض الجمعية في الجولة الأولى: تعويض الغرامات وجزء من الضرر.",
                },
                {
                    "claim_id": paid.id,
                    "party": "beneficiary",
                    "amount": 6000.0,
                    "note": "طلبت المستفيدة المبلغ الذي قدرته اللجنة.",
                },
                {
                    "claim_id": paid.id,
                    "party": "association",
                    "amount": 5000.0,
                    "note": "الجولة الثانية: خمسة آلاف ريال على دفعتين، وقبلتها المستفيدة.",
                },
            ]
        )
        paid.write(
            {
                "amount_agreed": 5000.0,
                "agreement_terms": '<div dir="rtl"><p>تدفع الجمعية للمستفيدة مبلغ خمسة آلاف '
                "ريال تعويضًا نهائيًا عن الضرر على دفعتين، وتقر المستفيدة بأن ذلك تسوية "
                "نهائية للمطالبة.</p></div>",
            }
        )
        paid._agreement_sign(_demo_signature(), paid.beneficiary_id.name, ip=False, ua=False)
        paid.action_settle()
        Payment.create(
            {
                "claim_id": paid.id,
                "amount": 3000.0,
                "method": "bank_transfer",
                "reference": "TRF-2026-0412",
            }
        )
        Payment.create(
            {
                "claim_id": paid.id,
                "amount": 2000.0,
                "method": "cheque",
                "reference": "CHQ-118734",
            }
        )

        # 2. Established by a final judgment; an offer above the approval amount,
        # approved by management, waiting for the beneficiary's signature online.
        judged = Claim.create(
            {
                "beneficiary_id": ref("shaqra_beneficiary.shaqra_beneficiary_portal_demo").id,
                "user_id": liaison.id,
                "harm_description": "تضرر المستفيد من إلغاء عقد التأهيل المهني بعد دفعه رسوم "
                "التدريب، وأقام دعوى أمام المحكمة.",
                "amount_claimed": 15000.0,
                "judgment_authority": "المحكمة العامة بشقراء",
                "judgment_number": "4471/1447",
                "judgment_date": fields.Date.subtract(today, days=30),
                "judgment_final": True,
                "amount_ruled": 12000.0,
            }
        )
        xmlids.append(("shaqra_compensation_claim_judgment_demo", judged))
        judged.action_establish()
        judged.action_start_negotiation()
        offer = Round.create(
            {
                "claim_id": judged.id,
                "party": "association",
                "amount": 12000.0,
                "note": "تنفيذ الحكم النهائي بالمبلغ المحكوم به دفعة واحدة.",
            }
        )
        offer.with_user(manager).action_approve()
        judged.write(
            {
                "amount_agreed": 12000.0,
                "agreement_terms": '<div dir="rtl"><p>تنفيذًا للحكم النهائي رقم 4471/1447 '
                "تدفع الجمعية المبلغ المحكوم به دفعة واحدة.</p></div>",
            }
        )

        # 3. Rejected: the harm is not related to the association's services.
        rejected = Claim.create(
            {
                "beneficiary_id": ref("shaqra_beneficiary.shaqra_beneficiary_elderly_demo").id,
                "user_id": liaison.id,
                "committee_id": committee.id,
                "harm_description": "تلف أجهزة منزلية بسبب انقطاع الكهرباء في الحي.",
                "amount_claimed": 3000.0,
            }
        )
        xmlids.append(("shaqra_compensation_claim_rejected_demo", rejected))
        rejected.action_reject(
            "الضرر ناتج عن انقطاع عام للكهرباء لا صلة له بخدمات الجمعية أو بتصرف أحد منسوبيها."
        )
        env["ir.model.data"]._update_xmlids(
            [
                {"xml_id": f"shaqra_complaints.{xmlid}", "record": record, "noupdate": True}
                for xmlid, record in xmlids
            ]
        )
        return True
