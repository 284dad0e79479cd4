"""Data shared by the access matrix, IDOR and malformed-input suites."""

import base64
import io

from PIL import Image, ImageDraw


def _png(size, draw=None, mode="RGBA"):
    image = Image.new(mode, size, (255, 255, 255, 0) if mode == "RGBA" else 255)
    if draw:
        draw(ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# A signature with real strokes: what the signature widget stores.
SIGNATURE_PNG = _png(
    (200, 60),
    lambda pen: (
        pen.line([(10, 40), (60, 10), (110, 45), (190, 15)], fill=(0, 0, 0, 255), width=4),
        pen.line([(20, 50), (180, 50)], fill=(0, 0, 0, 255), width=3),
    ),
)
SIGNATURE = base64.b64encode(SIGNATURE_PNG).decode()
# Evidence that is not a signature (ART4, C4): a transparent pixel, a blank canvas.
BLANK_PIXEL = base64.b64encode(_png((1, 1))).decode()
BLANK_CANVAS = base64.b64encode(_png((400, 150))).decode()
# Valid Saudi IDs (Luhn check digit).
IDS = ["1000000008", "1234567897", "2345678904", "2222222222", "2260181595", "1010101010"]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
