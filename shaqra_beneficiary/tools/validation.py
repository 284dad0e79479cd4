"""Sane values for a beneficiary's file (policy C3, F3).

One set of rules, used by the models' own checks: the backend form, the
portal correction form and the approval of a correction all apply them, so
that a value refused in one place is refused everywhere. Each check raises a
translated ``ValidationError`` naming the field.
"""

import datetime
import math
import re

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

from . import phone
from .phone import ARABIC_DIGITS

# A monthly income or a yearly rent above this is a typing error, not a need.
MAX_AMOUNT = 1_000_000
MIN_DATE = datetime.date(1900, 1, 1)
# Documents (passports, deeds, contracts) do not expire further ahead.
MAX_FUTURE_YEARS = 50
MAX_NAME_LENGTH = 200
MAX_CHAR_LENGTH = 500
MAX_TEXT_LENGTH = 5000
MAX_EMAIL_LENGTH = 254

_EMAIL_LOCAL = r"[^@\s<>()\[\],;:\"\\]+"
_EMAIL_LABEL = r"[^@\s<>()\[\],;:\"\\.]+"
EMAIL_RE = re.compile(rf"^{_EMAIL_LOCAL}@{_EMAIL_LABEL}(\.{_EMAIL_LABEL})+$")


def _label(record, name):
    return record._fields[name]._description_string(record.env)


def latin_digits(value):
    """``value`` with Eastern-Arabic and Persian digits written as 0-9."""
    return value.translate(ARABIC_DIGITS) if isinstance(value, str) else value


# Field types whose value a client may send in the wrong type (a word for a
# number, a date or a record id, an unknown selection key).
_TYPED_FIELDS = ("selection", "float", "monetary", "integer", "date", "datetime", "many2one")


def check_vals_types(model, vals):
    """Refuse a value of the wrong type with a message naming the field.

    Without it a word sent for a number, a date or a record, or an unknown
    option of a list, ends in a technical ValueError or a database error.
    """
    record = model.browse()
    for name, value in vals.items():
        field = model._fields.get(name)
        if field is None or field.type not in _TYPED_FIELDS or value in (False, None):
            continue
        if isinstance(value, str) and field.type == "many2one":
            valid = False
        elif isinstance(value, str) and field.type == "selection":
            valid = value in field.get_values(model.env)
        else:
            try:
                cached = field.convert_to_cache(value, record, validate=True)
                # PostgreSQL's integer column holds 32 bits; past that the
                # database, not the user, would get the error.
                valid = field.type != "integer" or -(2**31) <= cached < 2**31
            except (ValueError, TypeError, OverflowError):
                valid = False
        if not valid:
            raise ValidationError(
                model.env._("%(field)s: the value is not valid.", field=_label(model, name))
            )


def check_length(record, name, value, limit):
    if value and len(value) > limit:
        raise ValidationError(
            record.env._(
                "%(field)s is too long: at most %(limit)s characters.",
                field=_label(record, name),
                limit=limit,
            )
        )


def check_required_text(record, name, value):
    if not (value or "").strip():
        raise ValidationError(
            record.env._("%(field)s cannot be empty.", field=_label(record, name))
        )


def check_amount(record, name, value, maximum=MAX_AMOUNT):
    if value is None or value is False:
        return
    if not math.isfinite(value) or value < 0 or value > maximum:
        shown = f"{maximum:,}"
        raise ValidationError(
            record.env._(
                "%(field)s must be between 0 and %(maximum)s.",
                field=_label(record, name),
                maximum=shown,
            )
        )


def _today(record):
    return fields.Date.context_today(record)


def check_birthdate(record, name, value):
    if value and not MIN_DATE <= value <= _today(record):
        raise ValidationError(
            record.env._(
                "%(field)s must be between %(start)s and today.",
                field=_label(record, name),
                start=fields.Date.to_string(MIN_DATE),
            )
        )


def check_past_date(record, name, value):
    """A date that has happened (issued on, signed on ...)."""
    check_birthdate(record, name, value)


def check_future_date(record, name, value, years=MAX_FUTURE_YEARS):
    """A date that may be ahead (expires on), but not beyond ``years``."""
    if not value:
        return
    latest = _today(record) + relativedelta(years=years)
    if not MIN_DATE <= value <= latest:
        raise ValidationError(
            record.env._(
                "%(field)s must be between %(start)s and %(end)s.",
                field=_label(record, name),
                start=fields.Date.to_string(MIN_DATE),
                end=fields.Date.to_string(latest),
            )
        )


def check_email(record, name, value):
    """Return the normalised address, or raise."""
    value = (value or "").strip()
    if not value:
        return value
    normalized = email_normalize(value)
    if (
        len(value) > MAX_EMAIL_LENGTH
        or not EMAIL_RE.match(value)
        or not normalized
        or not EMAIL_RE.match(normalized)
    ):
        raise ValidationError(
            record.env._(
                "%(field)s: %(value)s is not a valid e-mail address, e.g. name@example.com.",
                field=_label(record, name),
                value=value[:80],
            )
        )
    return normalized


def check_phone(record, name, value):
    """Return the number with Latin digits, or raise."""
    value = latin_digits((value or "").strip())
    if value and not phone.is_phone_number(value):
        raise ValidationError(
            record.env._(
                "%(field)s: write a phone number with digits only, e.g. +966112345678.",
                field=_label(record, name),
            )
        )
    return value


# The digits that identify a mobile whoever wrote it (kept for callers of the
# former name; the rule is tools/phone.py's).
saudi_mobile_digits = phone.mobile_key


def check_saudi_mobile(record, name, value):
    """Return the number with Latin digits, or raise (the rule of tools/phone.py)."""
    value = latin_digits((value or "").strip())
    if not value:
        return value
    try:
        phone.normalize_saudi_mobile(value)
    except ValueError:
        raise ValidationError(
            record.env._(
                "%(field)s: write a Saudi mobile number, e.g. +966501234567 or 0501234567.",
                field=_label(record, name),
            )
        ) from None
    return value
