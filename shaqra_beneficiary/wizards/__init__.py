from . import shaqra_policy_distribute
