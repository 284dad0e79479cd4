"""Hijri (Umm al-Qura) dates for the association's documents.

Saudi official documents carry the Hijri date of the Umm al-Qura calendar
next to the Gregorian one: the policy itself is dated "1 Rabi' al-Akhir
1444 AH = 26 October 2022". Minutes of committees (C8) and letters to
beneficiaries (A2, C5) follow that habit.

Plain functions over ``hijridate``, free of the ORM, so that reports, mail
templates and wizards share one definition.
"""

import datetime

from hijridate import Gregorian

# The Umm al-Qura names as the Saudi administration writes them: the fourth
# and sixth months are "al-Akhir" (the last) rather than "al-Thani".
MONTHS_AR = (
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
)
MONTHS_EN = (
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
)
MONTHS_GREGORIAN_AR = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    raise TypeError(f"not a date: {value!r}")


def to_hijri(value):
    """Return ``(year, month, day)`` of the Umm al-Qura date of ``value``.

    Raises ``OverflowError`` outside the range of the Umm al-Qura tables
    (1343-1500 AH, i.e. 1924-2077).
    """
    hijri = Gregorian.fromdate(_as_date(value)).to_hijri()
    return hijri.year, hijri.month, hijri.day


ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def format_hijri(value, lang="ar", arabic_digits=False):
    """Format ``value`` (a date, datetime or ISO string) as a Hijri date.

    ``format_hijri(date(2022, 10, 26))`` gives "1 ربيع الآخر 1444 هـ";
    with ``lang="en_US"`` it gives "1 Rabi' al-Akhir 1444 AH"; any Arabic
    code (``ar``, ``ar_001``, ``ar_SA``) gives Arabic. Digits are Latin, as
    in the Gregorian dates printed beside it and in every date the add-ons
    show (one convention; the web client is told so too, see
    ``static/src/js/shaqra_latin_digits.js``). ``arabic_digits`` writes them in
    Arabic-Indic digits ("١ ربيع الآخر ١٤٤٤ هـ") for a caller that needs it.
    An empty value, or a date outside the Umm al-Qura tables, gives an empty
    string, so templates may call it on any date.
    """
    if not value:
        return ""
    try:
        year, month, day = to_hijri(value)
    except (OverflowError, ValueError):
        return ""
    if lang and lang.startswith("ar"):
        text = f"{day} {MONTHS_AR[month - 1]} {year} هـ"
        return text.translate(ARABIC_INDIC_DIGITS) if arabic_digits else text
    return f"{day} {MONTHS_EN[month - 1]} {year} AH"


def format_gregorian(value, lang="ar"):
    """Format ``value`` as a Gregorian date with the month's name.

    "26 أكتوبر 2022 م" in Arabic, "26 October 2022" otherwise.
    """
    if not value:
        return ""
    date = _as_date(value)
    if lang and lang.startswith("ar"):
        return f"{date.day} {MONTHS_GREGORIAN_AR[date.month - 1]} {date.year} م"
    return date.strftime("%d %B %Y").lstrip("0")


def format_dual(value, lang="ar"):
    """Hijri and Gregorian dates together, as Saudi documents show them."""
    if not value:
        return ""
    return f"{format_hijri(value, lang)} - {format_gregorian(value, lang)}"
