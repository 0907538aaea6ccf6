"""Exports: the printable report (HTML and text, PDF) and the interchange JSON."""
