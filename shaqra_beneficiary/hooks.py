def post_init_hook(env):
    """Name the website after the association.

    Its language is the deployment's choice, like the contacts' default
    language: ``make run`` makes Arabic the site's default language
    (``website._shaqra_setup_public_site()``), and so does an administrator
    in the website settings.
    """
    env["website"]._shaqra_setup_public_site(lang_code=False)
