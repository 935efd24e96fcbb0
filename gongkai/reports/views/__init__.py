"""The reports app's staff pages: the auditor (auditor.py) and the generator (generator.py)."""
