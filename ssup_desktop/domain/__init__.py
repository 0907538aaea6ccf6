"""Pure domain models and functions: no Qt, no I/O.

The SFIA content (sfia.py), the owner's profile (profile.py), readiness (progress.py) and the
shared limits (values.py) are plain dataclasses and functions: the window's first paint uses
them, and importing pydantic alone costs a third of a bare PySide6 start. Evidence, mentor
records and progress records (evidence.py, mentor.py, progress_records.py) are pydantic models,
loaded once entries are read or written (tests/test_app.py checks the first paint needs none).
"""
