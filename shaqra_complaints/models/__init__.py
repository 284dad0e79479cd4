from . import shaqra_complaint_stage
from . import shaqra_complaint
from . import shaqra_complaint_portal
