"""Data shared by the access matrix, IDOR and malformed-input suites."""

import base64
import io

from PIL import Image, ImageDraw

from .common import signature_image


def _png(size, draw=None, mode="RGBA"):
    image = Image.new(mode, size, (255, 255, 255, 0) if mode == "RGBA" else 255)
    if draw:
        draw(ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# A signature with real strokes: what the signature widget stores.
SIGNATURE = signature_image().decode()
# Evidence that is not a signature (ART4, C4): a transparent pixel, a blank canvas.
BLANK_PIXEL = base64.b64encode(_png((1, 1))).decode()
BLANK_CANVAS = base64.b64encode(_png((400, 150))).decode()
# Valid Saudi IDs (Luhn check digit).
IDS = ["1000000008", "1234567897", "2345678904", "2222222222", "2260181595", "1010101010"]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
