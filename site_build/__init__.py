"""The site's build steps, as plain functions that need no MkDocs.

MkDocs calls them through the thin hooks in hooks/ (one event, one job each), so that moving
to another site generator means re-wiring those few lines, not rewriting the build. Each step
can also run on its own: `python -m site_build --help` lists them.

- wheelhouse: the engine wheel and its dependencies, byte-compiled for Pyodide;
- runtime (with stdlib_bytecode and first_plan): Pyodide, the wheels, their lock file and the
  first plan's files in site/pyodide/;
- engine_limits, reference_schemas: what the page and the reference pages take from the engine;
- csp, module_preload: changes to each built page (what only the theme's templates decide is
  changed in overrides/main.html, Material's own override point);
- offline: the service worker's list of files; precompress: the .br/.gz twins;
  htaccess: Apache's settings inside the site;
- cache: skipping unchanged work and unchanged files, for all of them.
"""
