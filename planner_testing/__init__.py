"""What the tests and the benchmark share: how they serve the built site, start Chromium,
and which situations and share links they use.

It lives beside the engine, importable everywhere in the venv (make setup puts the repo on
its path), so neither the tests nor bench/ copy these or edit sys.path to reach them.
"""
