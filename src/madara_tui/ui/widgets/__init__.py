"""The reader's widgets: Line API views over laid-out text, bars and lists."""
