from .common import SIGNATURE_TEXT as SIGNATURE  # noqa: F401  (kept for the other add-ons)
