from . import test_saudi_id
from . import test_working_calendar
from . import test_security_groups
from . import test_ui_foundation
from . import test_committee_meeting
from . import test_notification
