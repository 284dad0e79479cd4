from .saudi_id import is_valid_saudi_id, normalize_saudi_id
from .hijri import format_dual, format_gregorian, format_hijri, to_hijri
