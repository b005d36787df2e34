// Progressive enhancement for award tables. Without JavaScript every table is
// complete and readable; with it, people can filter, sort, and download the
// rows that match as CSV.
(function () {
  "use strict";

  function text(el) { return el ? el.textContent.trim() : ""; }

  function csvCell(value) {
    value = String(value);
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  // --- Money, exactly: amounts are strings of pounds ("1500", "1500.50"), turned into
  // whole pence as BigInt. Never parseFloat: 0.10 + 0.20 is not 0.30 in floating point.

  // BigInt(100), not 100n: a browser without BigInt must still read this file (the wide
  // tables' keyboard scrolling below); it just does not get the filters.
  var HAS_BIGINT = typeof BigInt === "function";
  var HUNDRED = HAS_BIGINT ? BigInt(100) : 100, ZERO = HAS_BIGINT ? BigInt(0) : 0;

  // "1500", "1500.5", "1500.50" (as the rows' data-amount say them) to pence; null if not.
  function pence(pounds) {
    var m = /^(\d+)(?:\.(\d+))?$/.exec(pounds);
    if (!m) return null;
    var fraction = (m[2] || "").replace(/0+$/, "");
    if (fraction.length > 2) return null;  // a fraction of a penny is not money
    return BigInt(m[1]) * HUNDRED + BigInt((fraction + "00").slice(0, 2));
  }

  // What a person types in an amount field: "£1,500", "1500", "1,500.50", " £ 75 ".
  // Commas must group thousands ("1,50" is refused: it may mean 1.50). Pence to 2 places.
  function typedPence(typed) {
    var plain = typed.replace(/\s+/g, "").replace(/^£/, "");
    if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(plain)) return null;
    return pence(plain.replace(/,/g, ""));
  }

  function groupThousands(digits) { return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  // GOV.UK style: £1,500 for whole pounds, £1,500.50 with pence.
  function formatPence(p) {
    var pounds = groupThousands((p / HUNDRED).toString());
    var rest = p % HUNDRED;
    return "£" + pounds + (rest === ZERO ? "" : "." + ("0" + rest.toString()).slice(-2));
  }

  // The words the status line says; the same as pages.filter_summary writes into the page.
  function summary(shown, total, sum) {
    if (shown === 0) return "No awards match these filters.";
    return groupThousands(String(shown)) + " of " + groupThousands(String(total)) +
      (total === 1 ? " award" : " awards") + " shown, totalling " + formatPence(sum);
  }

  // The filters, named as in the address: ?fund=youth-fund&year=2026%2F27&min=1000&recipient=...&sort=amount-desc
  // (not `q`: Material opens its search box for ?q=, and highlights ?h=).
  var FIELDS = ["fund", "year", "kind", "area", "recipient", "min", "max"];
  var SORTS = { amount: true, date: true };

  function setupTable(table) {
    if (table.dataset.ready) return;
    table.dataset.ready = "1";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var form = document.querySelector('form[data-filter-for="' + table.id + '"]');
    if (form && !HAS_BIGINT) { form.hidden = true; form = null; }
    var count = document.querySelector('[data-count-for="' + table.id + '"]');
    var none = document.querySelector('[data-none-for="' + table.id + '"]');
    var amounts = new Map(rows.map(function (r) { return [r, pence(r.dataset.amount) || ZERO]; }));
    var sort = null;  // {key: "amount", descending: true} once a column is sorted

    function visibleRows() { return rows.filter(function (r) { return !r.hidden; }); }
    function field(name) { return form && form.elements[name] ? form.elements[name] : null; }

    // An amount field's bound in pence: null when empty; false (and its message shown) when
    // what was typed is not an amount of money.
    function bound(name, said) {
      var input = field(name);
      if (!input) return null;
      var error = document.getElementById(input.id + "-error");
      var typed = input.value.trim();
      var value = typed ? typedPence(typed) : null;
      var bad = typed && value === null;
      error.hidden = !bad;
      error.textContent = "";
      if (bad) {  // as GOV.UK's error messages: "Error:" for screen readers, then what to type
        var prefix = document.createElement("span");
        prefix.className = "visually-hidden";
        prefix.textContent = "Error: ";
        error.appendChild(prefix);
        error.appendChild(document.createTextNode(said + " must be an amount in pounds, like 1500, £1,500 or 1,500.50"));
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", error.id);
      } else {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
      }
      return bad ? false : value;  // a bad bound filters nothing: its message says why
    }

    // The address says the filters and the sort, so a filtered view can be shared, bookmarked
    // and reloaded. replaceState: typing is not a page of history, and Back leaves the page.
    function writeAddress() {
      var params = new URLSearchParams(location.search);
      FIELDS.forEach(function (name) {
        var input = field(name);
        if (input && input.value.trim()) params.set(name, input.value.trim()); else params.delete(name);
      });
      if (sort) params.set("sort", sort.key + (sort.descending ? "-desc" : "-asc")); else params.delete("sort");
      var query = params.toString();
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
    }

    function readAddress() {
      var params = new URLSearchParams(location.search);
      FIELDS.forEach(function (name) {
        var input = field(name);
        var value = params.get(name);
        if (!input || value === null) return;
        // a choice the list does not offer (an old link, a typo) is left at "all"
        if (input.tagName === "SELECT" && !Array.prototype.some.call(input.options, function (o) { return o.value === value; })) return;
        input.value = value;
      });
      var m = /^(amount|date)-(asc|desc)$/.exec(params.get("sort") || "");
      if (m && SORTS[m[1]]) sortBy(m[1], m[2] === "desc");
    }

    function apply() {
      if (!form) return;
      var want = {};
      ["fund", "year", "kind", "area"].forEach(function (k) { if (field(k)) want[k] = field(k).value; });
      var recipient = field("recipient") ? field("recipient").value.trim().toLowerCase() : "";
      var min = bound("min", "Amount from"), max = bound("max", "Amount to");
      var shown = 0, sum = ZERO;
      rows.forEach(function (row) {
        var amount = amounts.get(row);
        var ok = Object.keys(want).every(function (k) { return !want[k] || row.dataset[k] === want[k]; }) &&
          (!recipient || text(row.querySelector('[data-col="recipient"]')).toLowerCase().indexOf(recipient) !== -1) &&
          (typeof min !== "bigint" || amount >= min) && (typeof max !== "bigint" || amount <= max);
        row.hidden = !ok;
        if (ok) { shown += 1; sum += amount; }
      });
      // nothing matches: say so (the status line is a live region) and offer a way back,
      // rather than a table with headings over nothing
      body.hidden = shown === 0;
      if (none) none.hidden = shown !== 0;
      var said = summary(shown, rows.length, sum);
      if (count && count.textContent !== said) count.textContent = said;
      var button = form.querySelector("[data-download]");
      if (button) {
        button.textContent = "Download " + shown + (shown === 1 ? " matching award" : " matching awards") + " (CSV)";
        button.disabled = shown === 0;
      }
      writeAddress();
    }

    function clear() {
      FIELDS.forEach(function (name) { if (field(name)) field(name).value = ""; });
      apply();
      var first = form.querySelector("select, input");
      if (first) first.focus();
    }

    // Each column the page names (data-csv-columns: columns of awards.csv, named the same),
    // read from a row.
    var cells = {
      id: function (r) { return r.dataset.id; },
      title: function (r) { return text(r.querySelector('[data-col="title"]')); },
      recipient_name: function (r) { return text(r.querySelector('[data-col="recipient"]')); },
      fund_id: function (r) { return r.dataset.fund; },
      kind: function (r) { return r.dataset.kind; },
      financial_year: function (r) { return r.dataset.year; },
      award_date: function (r) { return r.dataset.date; },
      amount: function (r) { return r.dataset.amount; },
      coverage: function (r) { return r.dataset.area; }
    };

    function download() {
      var header = form.dataset.csvColumns.split(" ").filter(function (name) { return cells[name]; });
      var lines = [header.join(",")];
      visibleRows().forEach(function (r) {
        lines.push(header.map(function (name) { return csvCell(cells[name](r)); }).join(","));
      });
      // A byte-order mark so Excel reads the file as UTF-8 (£ signs, accents).
      var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = table.id + "-filtered.csv";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    }

    var headers = Array.prototype.filter.call(table.tHead.rows[0].cells, function (th) { return th.dataset.sort; });

    // Sort by amount (exact, in pence) or date (ISO dates sort as text), state in aria-sort.
    function sortBy(key, descending) {
      sort = { key: key, descending: descending };
      headers.forEach(function (th) {
        th.setAttribute("aria-sort", th.dataset.sort !== key ? "none" : descending ? "descending" : "ascending");
      });
      var value = key === "amount" ? function (r) { return amounts.get(r); } : function (r) { return r.dataset.date; };
      rows.sort(function (a, b) {
        var x = value(a), y = value(b);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return descending ? -order : order;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }

    // Sortable columns: a real button in the header.
    headers.forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        sortBy(th.dataset.sort, th.getAttribute("aria-sort") !== "descending");
        if (form) writeAddress();
      });
    });

    if (form) {
      form.addEventListener("input", apply);
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      var button = form.querySelector("[data-download]");
      if (button) button.addEventListener("click", download);
      if (none) none.querySelector("[data-clear]").addEventListener("click", clear);
      readAddress();
      apply();
    }
  }

  // A table too wide for the screen scrolls inside its wrapper: let the keyboard
  // scroll it too (focusable, named after the table's caption).
  function scrollableWrappers() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (caption ? text(caption) : "Table") + " (scrolls sideways)");
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  function setup() {
    document.querySelectorAll("table[data-filterable]").forEach(setupTable);
    scrollableWrappers();
  }
  window.addEventListener("resize", scrollableWrappers);
  // Material's instant navigation swaps pages without a reload: run on each. Without the bundle
  // (light pages, until the reader searches: header.js), once, when the page is read; header.js
  // says DOMContentLoaded again for a bundle that comes late, and `once` keeps this from a second run.
  if (window.document$) { window.document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup, { once: true }); }
})();
