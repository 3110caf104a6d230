"""A local deployment of several app processes behind HAProxy (``python -m deploy``)."""
