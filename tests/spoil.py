"""Ways to spoil a copy of the data folder, shared by the tables of bad inputs and of states.

Each function returns `spoil(data_dir)`, which changes one file the way an editor's slip or a
spreadsheet would, so that a table of cases names its change in one line. The files are read
with pandas as text, not with coopmap: a spoiled file must not depend on the reader it tests.
"""

import pandas as pd

from coopmap import data


def frame(data_dir, name):
    """A data file as a DataFrame of text."""
    return pd.read_csv(data_dir / name, dtype=str, keep_default_na=False)


def rows(name, change):
    """Rewrite the rows of `name` with `change(frame)`."""

    def spoil(data_dir):
        change(frame(data_dir, name)).to_csv(data_dir / name, index=False)

    return spoil


def cells(name, *changes):
    """Set cells of `name`: each change is (row index, column, value)."""

    def change(table):
        for index, column, value in changes:
            table.loc[index, column] = value
        return table

    return rows(name, change)


def place(name, **values):
    """Set cells of the row of coordinates.csv that places `name`."""

    def change(table):
        table.loc[table.name == name, list(values)] = list(values.values())
        return table

    return rows(data.COORDINATES_FILE, change)


def text(name, change, encoding="utf-8"):
    """Rewrite the file's text: `change(text)`, saved in `encoding`; what the encoding cannot
    hold (the Arabic of a note, in Windows-1252) becomes "?", as Excel saves it.
    """

    def spoil(data_dir):
        path = data_dir / name
        changed = change(path.read_text(encoding="utf-8"))
        path.write_bytes(changed.encode(encoding, errors="replace"))

    return spoil


def remove(name):
    """Delete the file."""
    return lambda data_dir: (data_dir / name).unlink()


def both(*spoils):
    """Each spoil in turn."""

    def spoil(data_dir):
        for one in spoils:
            one(data_dir)

    return spoil
