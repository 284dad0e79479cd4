from . import shaqra_complaint_stage
from . import shaqra_complaint
