from . import test_access_matrix, test_volunteer, test_volunteer_http
