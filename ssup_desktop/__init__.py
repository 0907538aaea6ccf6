"""SSUP Desktop: an offline career planner for the SFIA skill Sales support (SSUP)."""

__version__ = "0.1.0"
APP_NAME = "SSUP Desktop"
ORG_NAME = "SSUP Desktop"
