from . import shaqra_request_recompute_deadline
from . import shaqra_holiday_wizard
from . import shaqra_policy_distribute
