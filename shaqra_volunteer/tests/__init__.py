from . import test_volunteer
