from . import shaqra_request_recompute_deadline
from . import shaqra_holiday_wizard
from . import shaqra_policy_distribute
from . import shaqra_notification_wizard
from . import crm_lead_convert_beneficiary
from . import shaqra_request_stage_override
from . import shaqra_beneficiary_agreement_sign
