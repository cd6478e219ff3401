"""Modal screens: help, filters, export, load errors."""
