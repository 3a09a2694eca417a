"""User-facing errors: each carries a one-line message and maps to exit code 2."""

from __future__ import annotations


class ZhcheckError(Exception):
    """Base class for errors reported to the user without a traceback."""


class InputError(ZhcheckError):
    """A file cannot be read or decoded (missing, binary, too large, ...)."""


class ConfigError(ZhcheckError):
    """The configuration is invalid; the message names the offending key."""
