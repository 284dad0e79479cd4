from . import policy_portal
from . import portal
from . import agreement_portal
from . import data_portal
from . import public_form
from . import website_pages
