from . import national_id
from . import res_company
from . import res_config_settings
from . import resource_calendar
