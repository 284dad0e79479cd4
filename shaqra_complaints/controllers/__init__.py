from . import complaint_public
from . import portal
from . import survey
from . import claim_portal
