"""The one exception tree that callers of coopmap catch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import catalog

if TYPE_CHECKING:
    from .data import Problem  # data raises these errors


class CoopMapError(Exception):
    """Base of every error coopmap raises on purpose."""

    def text(self, language: str) -> str:
        """What a reader of `language` is told (English where no catalog message says it)."""
        return catalog.say(self.args[0] if self.args else "", language)


class DataFileError(CoopMapError):
    """A data file cannot be read at all (missing, wrong encoding, not a CSV).

    Problems with single rows are not raised: they are collected as `Problem`s so that the
    good rows still load.
    """

    def __init__(
        self, name: str, message: catalog.Message | list[catalog.Message] | list[Problem]
    ) -> None:
        """`name`: the file's name, never its full path (a visitor reads this message);
        `message`: a catalog.Message, or a list of them or of Problems (each a line).
        """
        self.name = name
        self.message = message
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        lines = self.message if isinstance(self.message, list) else [self.message]
        said = "\n".join(catalog.say(line, language) for line in lines)
        return catalog.text("problem_at", language, where=self.name, message=said)


class GeocodingError(CoopMapError):
    """A geocoder could not answer (timeout, refusal, rate limit, garbage).

    Never a "not found": a place the geocoder does not know is a normal outcome, not an error,
    and only that may be remembered. An error must be retried later, so it is never cached.
    """
