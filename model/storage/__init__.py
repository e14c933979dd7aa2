"""Files of the draft: the JSON file with its schema and atomic save, autosave recovery files, backups."""
