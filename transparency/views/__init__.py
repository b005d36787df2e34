"""Views: pages and words made from the model. May use Jinja; never MkDocs."""
