"""madara-tui: a terminal reader for the Persian news site Madara.

Importing the package starts nothing and imports no UI code.
"""

__version__ = "0.1.0"
