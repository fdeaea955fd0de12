"""What a bad file costs: hostile or careless uploads, measured against a baseline in the same run.

    python benchmarks/bad_files.py [--quick]

Each case is a list a visitor may upload (under the 5 MB upload limit) checked as the upload
page checks it (`upload.load`, from bytes in memory). Its baseline, timed in the same run, is
what the case would cost without the guard:

- a 150,000-row workbook of junk: refused after reading MAX_ROWS + 1 rows; the baseline is
  `pd.read_excel` of the whole sheet, as the page read it before;
- the same as CSV;
- 2,000 rows of bad cells (unknown types and regions, empty names, duplicates, numbers used
  twice): every problem found and said; the baseline is 2,000 good rows, so that the
  difference is what the bad cells cost;
- a zip bomb (a workbook whose sheet unpacks to 200 MB): refused before it is unpacked; the
  baseline is unpacking it.

`--quick` (the tests' run): 5,000 junk rows, 200 bad rows, a 60 MB bomb (each still over its
limit, so each is still refused), one repeat.
"""

import argparse
import io
import sys
import zipfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.server import REPEATS, timed  # noqa: E402
from coopmap import data, upload  # noqa: E402
from coopmap.exc import CoopMapError  # noqa: E402

DATA_DIR = ROOT / "data"
SIZES = {"junk_rows": 150_000, "bad_rows": upload.MAX_ROWS, "bomb_mb": 200, "repeats": REPEATS}
QUICK_SIZES = {"junk_rows": 5_000, "bad_rows": 200, "bomb_mb": 60, "repeats": 1}


def outcome(source):
    """What the upload page would show: the refusal, or the count of problems and rows kept."""
    try:
        checked = upload.load(DATA_DIR, source)
    except CoopMapError as error:
        return f"refused: {str(error)[:70]}"
    return f"{len(checked.partnerships)} rows kept, {len(checked.problems)} problems"


def junk_frame(rows, columns):
    """`rows` of junk, no two cells alike (so that they do not compress away), under the first
    `columns` column names of partnerships.csv.
    """
    return pd.DataFrame(
        {
            column: [f"{(i * 2654435761 + n) % 4294967296:x}" for i in range(rows)]
            for n, column in enumerate(data.PARTNERSHIP_COLUMNS[:columns])
        }
    )


def as_xlsx(frame):
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return buffer.getvalue()


def bad_rows(count):
    """`count` rows of the shipped file, each with another mistake, and as many good rows."""
    shipped = pd.read_csv(DATA_DIR / data.PARTNERSHIPS_FILE, dtype=str, keep_default_na=False)
    good = pd.concat([shipped] * (count // len(shipped) + 1), ignore_index=True).iloc[:count]
    good = good.assign(
        pairing_id=[str(i) for i in range(count)],
        morocco_name=[f"{name} {i}" for i, name in enumerate(good.morocco_name)],
    )
    bad = good.copy()
    mistakes = [
        ("morocco_authority_type", "comune"),
        ("france_region_2013", "Bretagnne"),
        ("france_name", ""),
        ("morocco_region_2013", "Auvergne"),
        ("pairing_id", "7"),
        ("france_authority_type", "province"),
        ("morocco_region_current", "Île-de-France"),
    ]
    for i in range(count):
        column, value = mistakes[i % len(mistakes)]
        bad.loc[i, column] = value
    bad.loc[count // 2 :, "morocco_name"] = bad.morocco_name.iloc[0]  # duplicates of row 2
    bad.loc[count // 2 :, "france_name"] = bad.france_name.iloc[0]
    return good, bad


def zip_bomb(unpacked_mb=200):
    """A workbook whose one sheet unpacks to `unpacked_mb` MB of zeros (a few hundred kB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (unpacked_mb * 1_000_000))
    return buffer.getvalue()


def unpack(raw):
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return sum(len(archive.read(member)) for member in archive.infolist())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small files, one repeat")
    sizes = QUICK_SIZES if parser.parse_args().quick else SIZES
    junk_rows, repeats = sizes["junk_rows"], sizes["repeats"]
    junk_xlsx = as_xlsx(junk_frame(junk_rows, 5))
    junk_csv = junk_frame(junk_rows, 3).to_csv(index=False).encode()
    good, bad = bad_rows(sizes["bad_rows"])
    bomb = zip_bomb(sizes["bomb_mb"])
    cases = [
        (
            f"{junk_rows:,} junk rows, .xlsx",
            junk_xlsx,
            data.Source("junk.xlsx", junk_xlsx),
            ("pd.read_excel, whole sheet", lambda: len(pd.read_excel(io.BytesIO(junk_xlsx))), 1),
        ),
        (
            f"{junk_rows:,} junk rows, .csv",
            junk_csv,
            data.Source("junk.csv", junk_csv),
            ("pd.read_csv, whole file", lambda: len(pd.read_csv(io.BytesIO(junk_csv))), repeats),
        ),
        (
            f"{len(bad):,} rows of bad cells, .csv",
            bad.to_csv(index=False).encode(),
            data.Source("bad.csv", bad.to_csv(index=False).encode()),
            (
                f"{len(good):,} good rows",
                lambda: outcome(data.Source("good.csv", good.to_csv(index=False).encode())),
                repeats,
            ),
        ),
        (
            "zip bomb, .xlsx",
            bomb,
            data.Source("bomb.xlsx", bomb),
            ("unpacking it", lambda: f"{unpack(bomb) / 1e6:.0f} MB", 1),
        ),
    ]
    print("| case | size | checked in | shows | baseline | baseline time |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, raw, source, (base_label, baseline, base_repeats) in cases:
        seconds, shown = timed(lambda source=source: outcome(source), repeats)
        base_seconds, base_result = timed(baseline, min(base_repeats, repeats))
        print(
            f"| {label} | {len(raw) / 1e6:.2f} MB | {seconds:.2f} s | {shown} "
            f"| {base_label}: {base_result} | {base_seconds:.2f} s |"
        )


if __name__ == "__main__":
    main()
