"""Signatures as evidence (policy C4, ART4): refuse a blank or near-blank image."""

import base64
import binascii
import io

from PIL import Image, UnidentifiedImageError

from odoo.exceptions import UserError

# A signature drawn or typed in Odoo's signature widget has hundreds of inked
# pixels over a wide area; a blank canvas, a 1x1 pixel or a dot has not.
MIN_INK_PIXELS = 40
MIN_INK_WIDTH = 20
MIN_INK_HEIGHT = 5


def signature_ink(data):
    """Return (inked pixels, width, height) of the inked area of a base64 image.

    Ink is any pixel that is both visible (alpha) and dark enough to be seen
    on white paper. Raises ValueError when the data is not an image.
    """
    if isinstance(data, str):
        data = data.encode()
    try:
        raw = base64.b64decode(data, validate=False)
        image = Image.open(io.BytesIO(raw))
        image.load()
    except (binascii.Error, UnidentifiedImageError, OSError, ValueError) as error:
        raise ValueError(str(error)) from error
    rgba = image.convert("RGBA")
    # Ink mask: opaque enough and darker than light grey.
    alpha = rgba.getchannel("A").point(lambda a: 255 if a > 64 else 0)
    dark = rgba.convert("L").point(lambda v: 255 if v < 200 else 0)
    ink = Image.composite(dark, Image.new("L", rgba.size, 0), alpha)
    count = ink.histogram()[255]
    box = ink.getbbox()
    if not box:
        return 0, 0, 0
    return count, box[2] - box[0], box[3] - box[1]


def check_signature_image(env, data):
    """Raise a translated UserError unless ``data`` is a real signature image."""
    if not data:
        raise UserError(env._("Please sign: the signature is missing."))
    try:
        count, width, height = signature_ink(data)
    except ValueError as error:
        raise UserError(
            env._("The signature could not be read as an image; please sign again.")
        ) from error
    if count < MIN_INK_PIXELS or width < MIN_INK_WIDTH or height < MIN_INK_HEIGHT:
        raise UserError(
            env._(
                "The signature is blank or too small to be a signature; please sign with "
                "your name or by hand."
            )
        )
