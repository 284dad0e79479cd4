"""Saudi phone numbers: the one rule of the add-ons (policy A, C3).

A Saudi mobile is written many ways (``+966 50 123 4567``, ``00966501234567``,
``0501234567``, ``٠٥٠١٢٣٤٥٦٧``); all of them are one number.
"""

import re

ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Digits, spaces, dashes, brackets and a leading plus (after latin_digits).
PHONE_RE = re.compile(r"^\+?[0-9 ()\-]{5,20}$")
# A Saudi mobile without its country or trunk prefix: 5 and eight digits.
SAUDI_MOBILE_RE = re.compile(r"^5[0-9]{8}$")
SAUDI_PREFIXES = ("00966", "966", "0")


def _digits(value):
    return "".join(ch for ch in str(value or "").translate(ARABIC_DIGITS) if ch.isdigit())


def _without_saudi_prefix(digits):
    for prefix in SAUDI_PREFIXES:
        if digits.startswith(prefix) and len(digits) > 9:
            return digits[len(prefix) :]
    return digits


def is_phone_number(value):
    """Whether ``value`` is written as a phone number (any country)."""
    return bool(PHONE_RE.match(str(value or "").translate(ARABIC_DIGITS).strip()))


def normalize_saudi_mobile(value):
    """``"+9665XXXXXXXX"`` for a Saudi mobile written any usual way.

    Raise ``ValueError`` for anything else (a landline, a foreign number, a
    word): the caller says so in the user's language.
    """
    if not is_phone_number(value):
        raise ValueError(f"not a phone number: {value!r}")
    national = _without_saudi_prefix(_digits(value))
    if not SAUDI_MOBILE_RE.match(national):
        raise ValueError(f"not a Saudi mobile number: {value!r}")
    return f"+966{national}"


def mobile_key(value):
    """The digits that identify a number whoever wrote it (duplicate checks):
    a Saudi number without its country or trunk prefix, or '' for none."""
    return _without_saudi_prefix(_digits(value))


def whatsapp_digits(value):
    """International digits for a wa.me link: a Saudi mobile gets 966, a
    number already international (``+``/``00``) keeps its country."""
    try:
        return normalize_saudi_mobile(value)[1:]
    except ValueError:
        digits = _digits(value)
        return digits[2:] if digits.startswith("00") else digits
