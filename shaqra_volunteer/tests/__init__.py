from . import test_access_matrix, test_i18n, test_volunteer, test_volunteer_http
