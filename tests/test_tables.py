"""The table read right to left (tables.py): its HTML, whose every value is escaped."""

import pandas as pd

import tables

LABELS = {"search": 'Search "the" table', "tick": "Show"}
HOSTILE = '<img src=x onerror=alert(1)> "quoted" & more'


def test_every_value_of_the_table_is_escaped_and_only_web_addresses_are_links():
    frame = pd.DataFrame(
        {
            "Place <b>": [HOSTILE, "Fès"],
            "Year": pd.array([1988, None], dtype="Int64"),
            "Page": ["https://a.ma/x?a=1&b=<2>", "javascript:alert(1)"],
        }
    )
    made = tables.table_html(frame, LABELS, links=("Page",), select=True)
    assert "<img" not in made and "<b>" not in made and "javascript:alert(1)</a>" not in made
    assert (
        '<th scope="row">&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; more' in made
    )
    assert 'aria-label="&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; more"' in made
    assert (
        '<a href="https://a.ma/x?a=1&amp;b=&lt;2&gt;" target="_blank" rel="noopener">a.ma</a>'
        in made
    )
    assert "<td>javascript:alert(1)</td>" in made
    assert "<td>1988</td>" in made and '<tr data-row="1"><td><input' in made
    assert 'aria-label="Search &quot;the&quot; table"' in made
    assert "<th>Show</th>" in made


def test_an_index_is_the_first_column_and_names_each_row():
    matrix = pd.DataFrame(
        {"Bretagne": [2, 0]}, index=pd.Index(["Souss-Massa", "Oriental"], name="Région")
    )
    made = tables.table_html(matrix, LABELS, index=True)
    assert '<th scope="col"><button type="button">Région</button></th>' in made
    assert '<th scope="row">Oriental</th><td>0</td>' in made
    assert "checkbox" not in made
