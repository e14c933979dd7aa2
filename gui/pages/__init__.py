"""The pages of the wizard, one module each, in the order of the report."""
