def post_init_hook(env):
    """Name the website after the association and show it in Arabic if loaded."""
    env["website"]._shaqra_setup_public_site()
