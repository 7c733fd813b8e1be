"""Search, owned by the site: the documents (``documents``) and the index files (``index``)
that the browser's search (``docs/javascripts/search-engine.js``, ``search-ui.js``) reads."""
