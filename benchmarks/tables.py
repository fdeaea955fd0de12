"""The benchmarks' figures as Markdown tables, the form RESULTS.md keeps them in.

One printer for every benchmark, so that their output reads alike and tests/test_benchmarks.py
reads it with one parser.
"""

import sys


def print_table(title, rows, digits=2):
    """Print `rows` (dicts with the same keys, in column order) under `title` as a Markdown
    table: floats to `digits` places, other cells as they are, "|" escaped.
    """
    print(f"\n### {title}\n")
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + " --- |" * len(rows[0]))
    for row in rows:
        cells = [f"{v:.{digits}f}" if isinstance(v, float) else str(v) for v in row.values()]
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    sys.stdout.flush()
