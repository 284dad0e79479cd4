from . import test_complaint
from . import test_complaint_mail
from . import test_complaint_committee
from . import test_complaint_access_matrix
from . import test_i18n
from . import test_complaint_ethics
