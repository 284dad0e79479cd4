from odoo.tests import BaseCase, tagged

from ..tools.saudi_id import is_valid_saudi_id, normalize_saudi_id


@tagged("post_install", "-at_install")
class TestSaudiId(BaseCase):
    """Policy C3: identity numbers are checked before the beneficiary leaves."""

    def test_c3_valid_citizen_and_resident_numbers(self):
        for value in ("1000000008", "1234567897", "2345678904", "2222222222"):
            with self.subTest(value=value):
                self.assertTrue(is_valid_saudi_id(value))

    def test_c3_wrong_check_digit_is_refused(self):
        for value in ("1000000007", "1234567890", "2345678905"):
            with self.subTest(value=value):
                self.assertFalse(is_valid_saudi_id(value))

    def test_c3_first_digit_must_be_1_or_2(self):
        # 3000000006 passes the Luhn check but is neither ID nor iqama.
        self.assertFalse(is_valid_saudi_id("3000000006"))
        self.assertFalse(is_valid_saudi_id("0000000000"))

    def test_c3_length_and_characters(self):
        for value in ("", None, "100000000", "10000000080", "10000000O8", "1 00000000"):
            with self.subTest(value=value):
                self.assertFalse(is_valid_saudi_id(value))

    def test_c3_arabic_digits_and_separators_are_normalized(self):
        self.assertEqual(normalize_saudi_id("١٠٠٠ ٠٠٠ ٠٠٨"), "1000000008")
        self.assertEqual(normalize_saudi_id("۱۰۰۰-۰۰۰-۰۰۸"), "1000000008")
        self.assertTrue(is_valid_saudi_id("١٠٠٠٠٠٠٠٠٨"))
        self.assertTrue(is_valid_saudi_id("1000-000-008"))
