from . import shaqra_notification_wizard
