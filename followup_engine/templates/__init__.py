"""The message templates (`*.txt`, Jinja2) and their compiled twins (`*.py`, generated).

Edit only the `.txt` files, then run `python -m followup_engine.template_code`.
"""
