// Progressive enhancement for the all-awards table: without JavaScript the
// whole table is there and readable; with it, the filters appear.
(function () {
  function setup() {
    var form = document.getElementById("award-filters");
    var table = document.getElementById("awards-table");
    if (!form || !table || form.dataset.ready) return;
    form.dataset.ready = "1";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = document.getElementById("filter-count");
    function apply() {
      var fund = form.fund.value, year = form.year.value, kind = form.kind.value;
      var text = form.recipient.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!fund || row.dataset.fund === fund) && (!year || row.dataset.year === year) &&
          (!kind || row.dataset.kind === kind) &&
          (!text || row.cells[1].textContent.toLowerCase().indexOf(text) !== -1);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + (shown === 1 ? " award matches" : " awards match");
    }
    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }
  // Material's instant navigation swaps pages without a reload: run on each.
  if (window.document$) { window.document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup); }
})();
