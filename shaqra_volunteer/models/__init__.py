from . import (
    shaqra_volunteer_skill,
    shaqra_volunteer,
    shaqra_volunteer_opportunity,
    shaqra_volunteer_assignment,
    shaqra_volunteer_hours,
    shaqra_notification,
    shaqra_policy_acknowledgement,
)
