"""Open-data exports: functions from the Dataset to files (bytes). No MkDocs, no Jinja."""
