"""Hijri (Umm al-Qura) dates for what beneficiaries read (portal, notices).

Saudi beneficiaries count time in the Hijri calendar: every date shown to
them is given in Hijri next to the Gregorian one (policy C5, C6).
"""

import datetime

from hijridate import Gregorian

# Umm al-Qura month names in English, for the non-Arabic rendering.
_MONTHS_EN = (
    "Muharram",
    "Safar",
    "Rabi al-Awwal",
    "Rabi al-Thani",
    "Jumada al-Ula",
    "Jumada al-Akhirah",
    "Rajab",
    "Shaban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qadah",
    "Dhu al-Hijjah",
)


def to_hijri(value):
    """The ``hijridate.Hijri`` of a date or datetime, or None when out of range."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    try:
        return Gregorian(value.year, value.month, value.day).to_hijri()
    except (OverflowError, ValueError):
        # hijridate covers 1343-1500 AH (1924-2077): outside it there is no
        # Umm al-Qura date to show, the Gregorian one is shown alone.
        return None


def format_hijri(value, lang="ar"):
    """Format a date in the Umm al-Qura calendar, e.g. ``14 جمادى الآخرة 1448 هـ``.

    ``lang`` is a language code (``ar``, ``ar_001``, ``en_US``...): Arabic
    codes give Arabic month names and the ``هـ`` suffix, any other code the
    English transliteration with ``AH``. Returns an empty string for an
    empty or out-of-range date.
    """
    hijri = to_hijri(value)
    if hijri is None:
        return ""
    if (lang or "ar").startswith("ar"):
        return f"{hijri.day} {hijri.month_name('ar')} {hijri.year} {hijri.notation('ar')}"
    return f"{hijri.day} {_MONTHS_EN[hijri.month - 1]} {hijri.year} AH"
