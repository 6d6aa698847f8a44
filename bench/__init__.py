"""The planner's performance benchmark (`make bench`); see bench/README.md.

It serves the site with `make serve`'s own server and starts Chromium the way the tests do
(planner_testing), and plans the same typical situation the tests know.
"""
