import base64
import io

from PIL import Image, ImageDraw

from odoo.tests import TransactionCase, new_test_user


def signature_image(ink=True):
    """A drawn signature as the signature widget stores it (base64 PNG with ink),
    or with ``ink=False`` the blank canvas of an unsigned widget."""
    image = Image.new("RGBA", (200, 60), (0, 0, 0, 0))
    if ink:
        ImageDraw.Draw(image).line(
            [(10, 40), (60, 10), (110, 45), (190, 15)], fill=(20, 20, 80, 255), width=4
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


SIGNATURE = signature_image()
BLANK_SIGNATURE = signature_image(ink=False)


def load_arabic(env):
    """Activate Arabic and load the add-on's catalogue, for tests that read it."""
    env["res.lang"]._activate_lang("ar_001")
    env["ir.module.module"]._load_module_terms(["shaqra_beneficiary"], ["ar_001"], overwrite=True)


class ShaqraCommon(TransactionCase):
    """Data shared by the add-on's tests, built once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.calendar = cls.env.ref("shaqra_beneficiary.resource_calendar_shaqra")
        cls.company.shaqra_service_calendar_id = cls.calendar
        cls.user_reception = new_test_user(
            cls.env, "t_reception", groups="shaqra_beneficiary.group_reception"
        )
        cls.user_liaison = new_test_user(
            cls.env, "t_liaison", groups="shaqra_beneficiary.group_liaison_officer"
        )
        cls.user_committee = new_test_user(
            cls.env, "t_committee", groups="shaqra_beneficiary.group_committee_member"
        )
        cls.user_manager = new_test_user(
            cls.env, "t_manager", groups="shaqra_beneficiary.group_manager"
        )
        cls.user_employee = new_test_user(cls.env, "t_employee", groups="base.group_user")
        cls.user_portal = new_test_user(cls.env, "t_portal", groups="base.group_portal")
