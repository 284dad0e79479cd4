from . import complaint_public
from . import portal
from . import claim_portal
