from .saudi_id import is_valid_saudi_id, normalize_saudi_id
from .hijri_format import format_hijri
