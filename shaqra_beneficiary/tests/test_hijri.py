import datetime

from odoo.tests import BaseCase, tagged

from ..tools.hijri import format_dual, format_gregorian, format_hijri, to_hijri


@tagged("post_install", "-at_install")
class TestHijri(BaseCase):
    """Letters and minutes carry the Umm al-Qura date next to the Gregorian (C8, A2)."""

    def test_art1_policy_approval_date(self):
        # The policy was approved on 1 Rabi' al-Akhir 1444 AH = 26 October 2022.
        day = datetime.date(2022, 10, 26)
        self.assertEqual(to_hijri(day), (1444, 4, 1))
        self.assertEqual(format_hijri(day), "1 ربيع الآخر 1444 هـ")
        self.assertEqual(format_hijri(day, "en_US"), "1 Rabi' al-Akhir 1444 AH")

    def test_c8_accepts_datetimes_and_strings(self):
        self.assertEqual(
            format_hijri(datetime.datetime(2022, 10, 26, 9, 30)), format_hijri("2022-10-26")
        )
        self.assertEqual(format_gregorian("2022-10-26"), "26 أكتوبر 2022 م")
        self.assertEqual(format_gregorian("2022-10-26", "en_US"), "26 October 2022")
        self.assertEqual(format_dual("2022-10-26"), "1 ربيع الآخر 1444 هـ - 26 أكتوبر 2022 م")

    def test_c8_empty_date_gives_empty_text(self):
        self.assertEqual(format_hijri(False), "")
        self.assertEqual(format_dual(None), "")

    def test_c8_first_of_ramadan_1447(self):
        # Umm al-Qura: 1 Ramadan 1447 AH is 18 February 2026.
        self.assertEqual(format_hijri(datetime.date(2026, 2, 18)), "1 رمضان 1447 هـ")
