"""Domain code for the commissioning and grants transparency site.

Flow: data files -> load (yamlfile) -> model (convert, dataset) -> rules -> views.
Nothing here imports MkDocs; only `hooks/` talks to MkDocs.
"""
