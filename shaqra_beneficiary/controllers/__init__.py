from . import policy_portal
from . import portal
from . import portal_request
from . import portal_document
from . import portal_notice
from . import portal_profile
from . import agreement_portal
from . import data_portal
