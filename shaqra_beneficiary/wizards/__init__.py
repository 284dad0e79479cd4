from . import shaqra_notification_wizard
from . import crm_lead_convert_beneficiary
