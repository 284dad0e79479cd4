from . import test_volunteer, test_volunteer_http
