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

  function setupTable(table) {
    if (table.dataset.ready) return;
    table.dataset.ready = "1";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var form = document.querySelector('form[data-filter-for="' + table.id + '"]');
    var count = document.querySelector('[data-count-for="' + table.id + '"]');

    function visibleRows() { return rows.filter(function (r) { return !r.hidden; }); }

    function apply() {
      if (!form) return;
      var want = {};
      ["fund", "year", "kind"].forEach(function (k) { if (form.elements[k]) want[k] = form.elements[k].value; });
      var recipient = form.elements.recipient ? form.elements.recipient.value.trim().toLowerCase() : "";
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(want).every(function (k) { return !want[k] || row.dataset[k] === want[k]; }) &&
          (!recipient || text(row.querySelector('[data-col="recipient"]')).toLowerCase().indexOf(recipient) !== -1);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown + " of " + rows.length + (rows.length === 1 ? " award" : " awards") + " shown";
      var button = form.querySelector("[data-download]");
      if (button) button.textContent = "Download " + shown + (shown === 1 ? " matching award" : " matching awards") + " (CSV)";
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
      amount: function (r) { return r.dataset.amount; }
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

    // Sortable columns: a real button in the header, state in aria-sort.
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var key = th.dataset.sort;
      if (!key) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") !== "descending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
          if (other.dataset.sort) other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var value = key === "amount" ? function (r) { return parseFloat(r.dataset.amount); }
                                     : function (r) { return r.dataset.date; };
        rows.sort(function (a, b) {
          var x = value(a), y = value(b);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return descending ? -order : order;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });

    if (form) {
      form.hidden = false;
      form.addEventListener("input", apply);
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      var button = form.querySelector("[data-download]");
      if (button) button.addEventListener("click", download);
      apply();
    }
  }

  // The theme's menu and search toggles are <label>s for hidden checkboxes, which a
  // keyboard cannot reach (Material issue #4101), and a <label> may not take the role
  // of a button (axe/Lighthouse aria-allowed-role). With JavaScript, each is replaced
  // by a real <button> that clicks the same checkbox, as Material's own script does
  // (it watches the checkboxes, not the labels); without it, the labels stay.
  function keyboardToggles() {
    document.querySelectorAll('label.md-header__button[for="__drawer"], label.md-header__button[for="__search"]').forEach(function (label) {
      if (label.hidden) return;
      var toggle = document.getElementById(label.htmlFor);
      if (!toggle) return;
      var menu = label.htmlFor === "__drawer";
      var button = document.createElement("button");
      button.type = "button";
      button.className = label.className + " header-toggle";
      button.dataset.toggles = label.htmlFor;
      button.setAttribute("aria-label", menu ? "Menu" : "Search");
      Array.prototype.forEach.call(label.childNodes, function (node) { button.appendChild(node.cloneNode(true)); });
      button.addEventListener("click", function () {
        toggle.click();
        // Opened from the keyboard, the search box takes focus (it is where the reader types).
        var query = document.querySelector(".md-search__input");
        if (!menu && toggle.checked && query) query.focus();
      });
      if (menu) {
        // The menu is a disclosure: say whether it is open, however it was opened or closed.
        var state = function () { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
        toggle.addEventListener("change", state);
        state();
      } else {
        // Material opens the search in a dialog and focuses its box; when the dialog
        // closes, focus would fall to the page's start: give it back to the button.
        toggle.addEventListener("change", function () {
          if (!toggle.checked && (document.activeElement === document.body || !document.activeElement) && button.offsetParent) button.focus();
        });
      }
      label.hidden = true;
      label.parentNode.insertBefore(button, label);
    });
    // Escape closes the open menu and puts focus back on the button that opened it.
    var drawer = document.getElementById("__drawer");
    if (drawer && !drawer.dataset.ready) {
      drawer.dataset.ready = "1";
      document.addEventListener("keydown", function (e) {
        if (e.key !== "Escape" || !drawer.checked) return;
        drawer.click();
        var button = document.querySelector('button[data-toggles="__drawer"]');
        if (button) button.focus();
      });
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
    keyboardToggles();
    scrollableWrappers();
  }
  window.addEventListener("resize", scrollableWrappers);
  // Material's instant navigation swaps pages without a reload: run on each.
  if (window.document$) { window.document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup); }
})();
