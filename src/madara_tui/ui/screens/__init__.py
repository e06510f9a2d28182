"""The reader's screens, one module each."""
