from . import policy_portal
from . import portal
from . import agreement_portal
from . import data_portal
