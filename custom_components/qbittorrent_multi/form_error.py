"""The error a form is shown again with: a translation key, on a field or the form."""

from __future__ import annotations


class FormError(ValueError):
    """Input a config, options or reconfigure form shows again, with a translated error.

    `key` is the error's translation key; `field` the input it is shown on, or
    "base" for the form as a whole.
    """

    def __init__(self, key: str, field: str = "base") -> None:
        """Name the error and where the form shows it."""
        super().__init__(f"{field}: {key}")
        self.key = key
        self.field = field
