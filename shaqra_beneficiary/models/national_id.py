"""Re-export of the Saudi ID validator for model code (policy C3)."""

from ..tools.saudi_id import is_valid_saudi_id, normalize_saudi_id

__all__ = ["is_valid_saudi_id", "normalize_saudi_id"]
