from . import test_complaint_public
from . import test_complaint_portal
from . import test_complaint_tour
