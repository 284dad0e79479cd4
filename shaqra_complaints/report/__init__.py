from . import shaqra_kpi_report
from . import shaqra_liaison_report
from . import shaqra_satisfaction_report
