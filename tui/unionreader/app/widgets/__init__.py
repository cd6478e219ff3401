"""The app's widgets: they render what the core computed and hold no extraction or search logic."""
