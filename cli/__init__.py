"""The headless command line of `main.py` (sample, check, export, import, rollover).

The second front door beside the wizard: it stands on `model` and never loads Qt.
"""
