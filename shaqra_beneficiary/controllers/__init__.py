from . import policy_portal
from . import portal
