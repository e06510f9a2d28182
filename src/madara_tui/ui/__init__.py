"""The reader: the Textual application, its screens and widgets. It reaches the cache, the
user's data and the site only through `madara_tui.service`."""
