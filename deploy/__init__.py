"""Serving the app to many visitors: N app processes behind nginx (``deploy/serve_many.py``)."""
