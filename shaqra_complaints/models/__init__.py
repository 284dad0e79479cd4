from . import shaqra_complaint_stage
from . import shaqra_complaint
from . import shaqra_complaint_portal
from . import shaqra_complaint_sla
from . import shaqra_complaint_decision
from . import shaqra_committee_meeting
from . import res_config_settings
from . import shaqra_complaint_demo
