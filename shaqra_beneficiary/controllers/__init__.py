from . import policy_portal
