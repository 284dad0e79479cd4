from . import shaqra_liaison_report
