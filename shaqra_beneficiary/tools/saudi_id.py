"""Saudi national ID and iqama numbers.

A Saudi identity number has ten digits. The first digit tells the holder's
kind: ``1`` for a citizen's national ID, ``2`` for a resident's iqama. The
last digit is a Luhn check digit over the first nine, which catches every
single-digit typo and most swaps of neighbouring digits made at reception
(policy C3: the data must be complete and correct before the beneficiary
leaves).

These are plain functions, free of the ORM, so that the registry, the
portal and imports can share one definition.
"""

# Arabic-Indic (U+0660..) and Eastern Arabic-Indic (U+06F0..) digits are
# what an Arabic keyboard or a scanned form often gives us.
_DIGIT_MAP = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGIT_MAP.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})


def normalize_saudi_id(value):
    """Return ``value`` with Arabic digits made Latin and blanks removed.

    ``None`` and empty values give an empty string.
    """
    if not value:
        return ""
    text = str(value).translate(_DIGIT_MAP)
    return "".join(text.split()).replace("-", "")


def _luhn_ok(digits):
    total = 0
    # From the right, every second digit (the check digit's neighbours)
    # is doubled; a doubled digit over 9 counts as the sum of its digits.
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def is_valid_saudi_id(value):
    """Tell whether ``value`` is a valid Saudi national ID or iqama number.

    Ten digits, first digit 1 (citizen) or 2 (resident), Luhn check digit.
    Arabic-Indic digits, blanks and dashes are accepted and ignored.
    """
    digits = normalize_saudi_id(value)
    return (
        len(digits) == 10
        and digits.isascii()
        and digits.isdigit()
        and digits[0] in "12"
        and _luhn_ok(digits)
    )
