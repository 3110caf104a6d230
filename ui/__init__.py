"""The page's regions and the one session object that owns what the page remembers."""
