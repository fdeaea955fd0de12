"""The one exception tree that callers of coopmap catch."""


class CoopMapError(Exception):
    """Base of every error coopmap raises on purpose."""


class DataFileError(CoopMapError):
    """A data file cannot be read at all (missing, wrong encoding, not a CSV).

    Problems with single rows are not raised: they are collected as `Problem`s so that the
    good rows still load.
    """

    def __init__(self, name, message):
        """`name`: the file's name, never its full path (a visitor reads this message)."""
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class GeocodingError(CoopMapError):
    """A geocoder could not answer (timeout, refusal, rate limit, garbage).

    Never a "not found": a place the geocoder does not know is a normal outcome, not an error,
    and only that may be remembered. An error must be retried later, so it is never cached.
    """
