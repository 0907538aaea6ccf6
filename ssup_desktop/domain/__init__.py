"""Pure domain models and functions: no Qt, no I/O."""
