"""Ordered schema migrations (NNNN_name.sql), applied through PRAGMA user_version."""
