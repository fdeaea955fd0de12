"""Failed sign-ins: counted where every server process of the host sees them, and paid for by
the source that makes them.

A wrong password is counted for its source (the client's address) and its name, in a small
SQLite file next to the editors file: SQLite locks it across processes, and a restart keeps it.
A source pays for its own failures: after FREE_FAILURES within WINDOW seconds, each of its tries
waits `base_delay` seconds (the `sign_in_delay` setting), doubled at each further failure, up
to MAX_DELAY. A name is locked out only for a source that failed it MAX_FAILURES times: whoever
guesses at "alice" slows and locks out themselves, never alice in her own browser. Each
failure and each lock-out is logged (name, source, time; never the password).
"""

import logging
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

FREE_FAILURES = 3
MAX_FAILURES = 5
WINDOW = 15 * 60  # seconds a failure counts
MAX_DELAY = 60.0
LOG = logging.getLogger("coopmap.sign_in")


def failures_file(editors_file: str | Path) -> Path:
    """Where the failures of the editors of `editors_file` are counted: beside it."""
    return Path(editors_file).with_name("sign_in_failures.sqlite")


class Throttle:
    def __init__(
        self,
        path: str | Path,
        base_delay: float,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.path, self.base_delay, self.clock, self.sleep = Path(path), base_delay, clock, sleep

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.execute("CREATE TABLE IF NOT EXISTS failures (name TEXT, source TEXT, at REAL)")
        return connection

    def _count(self, connection: sqlite3.Connection, where: str, *values: str) -> int:
        query = f"SELECT count(*) FROM failures WHERE at > ? AND {where}"
        count: int = connection.execute(query, (self.clock() - WINDOW, *values)).fetchone()[0]
        return count

    def delay(self, source: str) -> float:
        """Seconds the next try from `source` waits."""
        with closing(self._connect()) as connection:
            failures = self._count(connection, "source = ?", source)
        if failures < FREE_FAILURES:
            return 0.0
        doubled: float = self.base_delay * 2 ** (failures - FREE_FAILURES)
        return min(MAX_DELAY, doubled)

    def locked(self, name: str, source: str) -> bool:
        """Whether `source` failed `name` too often to try it again for now."""
        with closing(self._connect()) as connection:
            return self._count(connection, "name = ? AND source = ?", name, source) >= MAX_FAILURES

    def wait(self, name: str, source: str) -> bool:
        """Before a try: wait the source's delay; then whether it is locked out of `name`."""
        self.sleep(self.delay(source))
        return self.locked(name, source)

    def failed(self, name: str, source: str) -> None:
        now = self.clock()
        with closing(self._connect()) as connection:
            connection.execute("DELETE FROM failures WHERE at <= ?", (now - WINDOW,))
            connection.execute("INSERT INTO failures VALUES (?, ?, ?)", (name, source, now))
            by_name = self._count(connection, "name = ?", name)
            by_pair = self._count(connection, "name = ? AND source = ?", name, source)
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
        LOG.warning(
            "failed sign-in: name=%r source=%r at %s (%d for this name in %d min)",
            name,
            source,
            when,
            by_name,
            WINDOW // 60,
        )
        if by_pair == MAX_FAILURES:
            LOG.warning("sign-in lock-out: name=%r source=%r at %s", name, source, when)

    def succeeded(self, name: str, source: str) -> None:
        with closing(self._connect()) as connection:
            connection.execute("DELETE FROM failures WHERE name = ? AND source = ?", (name, source))
