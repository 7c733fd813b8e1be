"""Layer 4: the site as data — pages, navigation and files, never written here.

``load`` builds the :class:`~build_scripts.website.load.Site` from the layers below (with
``dataset``: the open data's name and releases, and ``topics``: tasks by policy domain);
``urls`` is the one page and anchor rule; ``escaping`` the one rule by which text meets
markup; ``views``, ``lineage_views``, ``termmarks``, ``charts`` compute what pages show
(records: the markup is in ``templates/``); ``templating`` owns the Jinja2 environment;
``pages/`` holds one producer per page type;
``build`` runs them and returns a :class:`~build_scripts.website.build.SiteBuild`.
"""
