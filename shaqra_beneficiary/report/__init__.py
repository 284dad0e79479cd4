from . import shaqra_liaison_report
from . import shaqra_request_deadline_report
