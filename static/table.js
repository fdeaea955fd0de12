/* The table read right to left (tables.py): a Streamlit component (st.components.v2) given the
 * table as HTML whose every value the server escaped. A heading's button sorts by its column
 * (again: the other way), the search box keeps the rows that hold all its words, and a row's
 * box ticks it, and only it: its position goes back to Python as the component's "row".
 */
function fold(text) {  // no case, no accents, no Arabic short vowels: "fes" finds "Fès"
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export default function ({data, parentElement, setStateValue}) {
  if (parentElement.coopmapTable === data.html) return;  // a rerun: keep the order and tick
  parentElement.coopmapTable = data.html;
  parentElement.querySelector(".coopmap-table")?.remove();
  parentElement.insertAdjacentHTML("beforeend", data.html);
  var table = parentElement.querySelector("table"), body = table.tBodies[0];
  var rows = Array.from(body.rows);
  var words = new Map(rows.map(function (row) { return [row, fold(row.textContent)]; }));
  var order = new Intl.Collator(document.documentElement.lang, {numeric: true});

  function sort(heading) {
    var column = heading.cellIndex, ascending = heading.getAttribute("aria-sort") !== "ascending";
    table.tHead.querySelectorAll("[aria-sort]").forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    function value(row) { return row.cells[column].textContent.trim(); }
    rows.sort(function (a, b) {
      var x = value(a), y = value(b);
      if (!x || !y) return !x - !y;  // no value last, either way
      return ascending ? order.compare(x, y) : order.compare(y, x);
    }).forEach(function (row) { body.appendChild(row); });
  }

  table.tHead.querySelectorAll("th[scope=col]").forEach(function (heading) {
    heading.querySelector("button").addEventListener("click", function () { sort(heading); });
  });
  var search = parentElement.querySelector("input[type=search]");
  search.addEventListener("input", function () {
    var wanted = fold(search.value).split(/\s+/).filter(Boolean);
    rows.forEach(function (row) {
      row.hidden = !wanted.every(function (word) { return words.get(row).includes(word); });
    });
  });
  body.addEventListener("change", function (event) {
    var box = event.target;
    body.querySelectorAll("input[type=checkbox]").forEach(function (other) {
      if (other !== box) other.checked = false;
    });
    setStateValue("row", box.checked ? Number(box.closest("tr").dataset.row) : null);
  });
}
