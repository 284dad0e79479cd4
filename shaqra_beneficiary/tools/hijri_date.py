"""Hijri (Umm al-Qura) rendering of Gregorian dates.

The association dates its decisions in both calendars (the policy itself
was approved on 1 Rabi' al-Akhir 1444 AH = 26 October 2022), so documents
show both.
"""

from hijridate import Gregorian

# Umm al-Qura month names as the association writes them (Rabi' al-Akhir,
# not hijridate's Rabi' al-Thani).
MONTHS_AR = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
]
MONTHS_EN = [
    "Muharram",
    "Safar",
    "Rabi' al-Awwal",
    "Rabi' al-Akhir",
    "Jumada al-Ula",
    "Jumada al-Akhirah",
    "Rajab",
    "Sha'ban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qi'dah",
    "Dhu al-Hijjah",
]
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def to_hijri(date):
    """Return the Umm al-Qura (year, month, day) of a date, or None.

    hijridate covers 1343-1500 AH (1924-2077); a date outside that range
    has no Umm al-Qura equivalent and gives None rather than an error.
    """
    if not date:
        return None
    try:
        hijri = Gregorian(date.year, date.month, date.day).to_hijri()
    except OverflowError:
        return None
    return hijri.year, hijri.month, hijri.day


def format_hijri(date, lang="ar"):
    """Format a date in the Hijri calendar, e.g. "1 ربيع الآخر 1444 هـ".

    ``lang`` is an Odoo language code; any Arabic code (``ar``, ``ar_001``,
    ``ar_SA``) gives Arabic month names and Arabic-Indic digits, anything
    else English month names and "AH".
    """
    parts = to_hijri(date)
    if not parts:
        return ""
    year, month, day = parts
    if (lang or "").startswith("ar"):
        text = f"{day} {MONTHS_AR[month - 1]} {year} هـ"
        return text.translate(ARABIC_DIGITS)
    return f"{day} {MONTHS_EN[month - 1]} {year} AH"
