"""The message templates (`*.txt`, Jinja2) and their compiled modules (`tmpl_*.py`, generated
by Jinja's `Environment.compile_templates`, loaded by `jinja2.ModuleLoader`).

Edit only the `.txt` files, then run `python -m followup_engine.template_code`.
"""
