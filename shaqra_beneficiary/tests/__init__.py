from . import test_saudi_id
from . import test_working_calendar
from . import test_security_groups
from . import test_ui_foundation
from . import test_portal_security
from . import test_portal_flows
from . import test_portal_tour
