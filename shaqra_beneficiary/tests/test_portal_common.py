from .common import PDF, ShaqraPortalCommon  # noqa: F401  (kept for the other add-ons)
