// The header's menu and search, on every page. Loaded in <head>, before Material's bundle.
//
// Search on demand (issue 20). At load, Material's bundle creates its search Worker (12 KB) and
// fetches search/search_index.json (4 MB at 10,000 awards), for every visitor, though few search.
// This holds both back until the reader searches: focuses the search box (also through Material's
// shortcuts "/", "s" and "f", which focus it), opens the search (the button on a phone), or comes
// with ?q= (a shared search) or ?h= (words to highlight). Then the real Worker is made and the
// request sent, and from there on Material works as it always does.
// On light pages (pages out of the navigation: awards, recipients, lists' pages) the bundle itself
// (114 KB) waits too: those pages work without it (the menu is CSS only), and it is loaded when the
// reader searches. See overrides/main.html, which says which page is which.
(function () {
  "use strict";

  var script = document.currentScript;
  var light = script.hasAttribute("data-light");

  // What Material's bundle keeps in the reader's browser (its partials/javascripts/base.html, the
  // same four names). A light page leaves that script out (overrides/partials/javascripts/base.html)
  // and it is made here: the site's root is this file's folder's parent (assets/header.js), or the
  // theme's extra.scope when the site sets one.
  if (light) {
    var scope = script.getAttribute("data-scope");
    window.__md_scope = scope ? new URL(scope, location) : new URL("..", script.src);
    window.__md_hash = function (e) { return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0); };
    window.__md_get = function (key, storage, base) {
      return JSON.parse((storage || localStorage).getItem((base || window.__md_scope).pathname + "." + key));
    };
    window.__md_set = function (key, value, storage, base) {
      try { (storage || localStorage).setItem((base || window.__md_scope).pathname + "." + key, JSON.stringify(value)); } catch (e) { /* storage full or refused */ }
    };
  }
  var QUERY = "[data-md-component=search-query]";  // Material's search box

  // --- Light pages: the search box. It is not in each light page (1.3 KB of each of thousands):
  // the build writes it here (transparency/views/header_script.py), and it is put after the
  // header's search button as soon as the parser has read that button, before the page is first
  // drawn (a MutationObserver's records come before the browser paints). Pages in the navigation
  // have Material's own box, and a site built without the hook (Zensical) none: nothing is added.
  var SEARCH_BOX = null;
  function placeSearchBox() {
    if (document.querySelector("[data-md-component=search]")) return true;
    var button = document.querySelector('.md-header label[for="__search"]');
    if (!button) return false;
    button.insertAdjacentHTML("afterend", SEARCH_BOX);
    // The button's icon, left out of the page too: a <use> of the box's magnifier, drawn there
    // with an id (Material's header draws it in both).
    var drawn = button.nextElementSibling.querySelector(".md-search__icon [id]");
    if (drawn && !button.firstElementChild) {
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      var use = document.createElementNS("http://www.w3.org/2000/svg", "use");
      svg.setAttribute("viewBox", drawn.ownerSVGElement.getAttribute("viewBox"));
      use.setAttribute("href", "#" + drawn.id);
      svg.appendChild(use);
      button.appendChild(svg);
    }
    return true;
  }
  if (light && SEARCH_BOX) {
    var reading = new MutationObserver(function () { if (placeSearchBox()) reading.disconnect(); });
    reading.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", function () { placeSearchBox(); reading.disconnect(); }, { once: true });
  }
  var released = false;
  var waiting = [];  // what to do when the reader searches

  function release() {
    if (released) return;
    released = true;
    window.Worker = RealWorker;  // from now on, nothing of this is in Material's way
    XMLHttpRequest.prototype.open = open;
    XMLHttpRequest.prototype.send = send;
    waiting.splice(0).forEach(function (run) { run(); });
    if (light) loadBundle();
  }

  // --- The search Worker. Material makes it with `new Worker(url)` and uses postMessage,
  // addEventListener and removeEventListener (rxjs's fromEvent). Until the reader searches it gets
  // a stand-in that keeps those calls in order; then the real Worker is made and takes them.
  var RealWorker = window.Worker;
  function StandInWorker(url, options) {
    var real = null, calls = [];
    function later(name) {
      return function () {
        if (real) return real[name].apply(real, arguments);
        calls.push([name, arguments]);
      };
    }
    this.postMessage = later("postMessage");
    this.addEventListener = later("addEventListener");
    this.removeEventListener = later("removeEventListener");
    this.terminate = later("terminate");
    waiting.push(function () {
      real = new RealWorker(url, options);
      calls.splice(0).forEach(function (call) { real[call[0]].apply(real, call[1]); });
    });
  }
  // Only Material's search Worker, and only beside Material's search box, whose focus sends for it
  // (Zensical's theme has a search of its own, another box, and uses the Worker's onmessage).
  window.Worker = function (url, options) {
    return /\/workers\/search\.[^/]*\.js$/.test(String(url)) && document.querySelector(QUERY)
      ? new StandInWorker(url, options) : new RealWorker(url, options);
  };

  // --- The index. Material asks for it with XMLHttpRequest (open, then send): its send waits.
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  var indexRequests = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url) {
    if (/\/search\/search_index\.json$/.test(String(url))) indexRequests.add(this);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!indexRequests.has(this)) return send.apply(this, arguments);
    var request = this, args = arguments;
    waiting.push(function () { send.apply(request, args); });
  };

  // --- Light pages: the bundle, when the reader searches. overrides/main.html leaves its tag as
  // <script data-on-demand="...bundle.js">, which runs nothing. The bundle mounts its components
  // on DOMContentLoaded, long gone by then: it is said again for it (our own listeners take it
  // once, so nothing of ours starts twice). Focus stays in (or goes back to) the search box, and
  // what the reader typed meanwhile is searched when the index is ready (Material reads the box).
  function loadBundle() {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", loadBundle, { once: true });
      return;
    }
    var holder = document.querySelector("script[data-on-demand]");
    if (!holder) return;
    var preload = document.createElement("link");  // fetched while its settings are
    preload.rel = "preload";
    preload.as = "script";
    preload.href = holder.getAttribute("data-on-demand");
    document.head.appendChild(preload);
    searchResults();
    // Material's settings (its __config), left out of light pages: hooks/ writes them beside this
    // file (BUNDLE_CONFIG), their links from the site's root. The bundle reads them as it starts.
    fetch(new URL("bundle-config.json", script.src)).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.url);
      return response.json();
    }).then(function (config) {
      var root = new URL("..", script.src);
      config.base = new URL(config.base, root).href;
      config.search = new URL(config.search, root).href;
      var settings = document.createElement("script");
      settings.id = "__config";
      settings.type = "application/json";
      settings.textContent = JSON.stringify(config);
      holder.parentNode.insertBefore(settings, holder);
      startBundle(holder);
    });
  }
  // The area Material's search writes its results in (its partials/search.html), which light
  // pages leave out until the reader searches (overrides/light.html); the bundle looks for it as
  // it starts.
  function searchResults() {
    var search = document.querySelector("[data-md-component=search][data-initializing]");
    if (!search || search.querySelector("[data-md-component=search-result]")) return;
    var output = document.createElement("div");
    output.className = "md-search__output";
    output.innerHTML = '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>' +
      '<div class="md-search-result" data-md-component="search-result"><div class="md-search-result__meta"></div>' +
      '<ol class="md-search-result__list" role="presentation"></ol></div></div>';
    output.querySelector(".md-search-result__meta").textContent = search.getAttribute("data-initializing");
    search.querySelector(".md-search__inner").appendChild(output);
  }
  function startBundle(holder) {
    var bundle = document.createElement("script");
    bundle.src = holder.getAttribute("data-on-demand");
    bundle.addEventListener("load", function () {
      var query = document.querySelector(QUERY);
      var searching = document.activeElement === query;
      document.dispatchEvent(new Event("DOMContentLoaded", { bubbles: true }));
      if (searching && query) query.focus();
    });
    holder.parentNode.insertBefore(bundle, holder.nextSibling);
  }
  if (light) {
    // Without the bundle, <html> keeps Material's no-js class, which hides the search box and
    // button (and our filters). JavaScript runs here: say so, as the bundle would.
    document.documentElement.classList.remove("no-js");
    document.documentElement.classList.add("js");
    // Material's shortcuts to the search box, until its bundle is here to take them.
    document.addEventListener("keydown", function shortcut(e) {
      if (released) return document.removeEventListener("keydown", shortcut);
      var target = e.target;
      if (e.ctrlKey || e.metaKey || e.altKey || "/sf".indexOf(e.key) === -1 || e.key.length !== 1) return;
      if (target.isContentEditable || /^(input|select|textarea)$/i.test(target.tagName)) return;
      var query = document.querySelector(QUERY);
      if (!query) return;
      e.preventDefault();
      query.focus();
    });
  }

  // --- When the reader searches.
  if (/[?&](q|h)=/.test(location.search)) release();
  document.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches(QUERY)) release();
  });
  document.addEventListener("change", function (e) {
    if (e.target.id === "__search" && e.target.checked) release();
  });

  // --- The menu and search buttons. The theme's are <label>s for hidden checkboxes, which a
  // keyboard cannot reach (Material issue #4101), and a <label> may not take the role of a button
  // (axe/Lighthouse aria-allowed-role). With JavaScript, each is replaced by a real <button> that
  // clicks the same checkbox, as Material's own script does (it watches the checkboxes, not the
  // labels); without it, the labels stay.
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
        var query = document.querySelector(QUERY);
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
    if (drawer) {
      document.addEventListener("keydown", function (e) {
        if (e.key !== "Escape" || !drawer.checked) return;
        drawer.click();
        var button = document.querySelector('button[data-toggles="__drawer"]');
        if (button) button.focus();
      });
    }
  }
  document.addEventListener("DOMContentLoaded", keyboardToggles, { once: true });
})();
