from . import shaqra_complaint_settlement_sign
from . import shaqra_complaint_intake
from . import shaqra_compensation_claim_wizards
