/* The web editor's file format: how a form is read from and written to a data file.
 *
 * Decap CMS's own YAML writer drops every comment and rewrites the whole file.
 * This format keeps the file as staff wrote it instead:
 *   - a field whose value did not change keeps its exact text, with the comment
 *     lines and blank lines above it (inside groups such as `term:` too);
 *   - a changed field is written in the layout the example files use (long text in
 *     `>-` blocks folded at 80 columns, short lists of ids as `[a, b]`), in place,
 *     and a changed group keeps the order of its fields;
 *   - a new field goes where the model's field order puts it;
 *   - a new file gets the `# yaml-language-server` first line and the model's order;
 *   - fields the form does not know (such as `private:` notes) are kept.
 * The shapes (field order, which values are name -> value lists...) come from
 * transparency/model.py through transparency/cms.py, embedded in index.html.
 */
(function () {
  "use strict";
  var shapesElement = document.getElementById("transparency-shapes");
  var SHAPES = JSON.parse(shapesElement.textContent);
  var SOURCE = shapesElement.getAttribute("data-source-key");
  var WIDTH = 80;
  var SCALAR = { t: "scalar" };

  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function fieldShape(shape, key) { return (shape && shape.t === "map" && shape.fields[key]) || SCALAR; }

  // --- file values <-> form values -------------------------------------------------

  // A `name: value` group becomes rows of {key, value}; `countywide` becomes an empty group.
  function toForm(value, shape) {
    if (value === undefined || value === null) return value;
    switch (shape.t) {
      case "map":
        if (!isObject(value)) return value;
        var out = {};
        Object.keys(value).forEach(function (k) { out[k] = toForm(value[k], fieldShape(shape, k)); });
        return out;
      case "list":
        return Array.isArray(value) ? value.map(function (v) { return toForm(v, shape.item); }) : value;
      case "dict":
        if (!isObject(value)) return value;
        return Object.keys(value).map(function (k) { return { key: k, value: toForm(value[k], shape.value) }; });
      case "either":
        if (value === shape.word) return {};
        return toForm(value, shape.map);
      default:
        return value;
    }
  }

  function fromForm(value, shape) {
    value = prune(value);
    if (value === undefined) return undefined;
    switch (shape.t) {
      case "map":
        if (!isObject(value)) return value;
        var out = {};
        Object.keys(value).forEach(function (k) {
          var v = fromForm(value[k], fieldShape(shape, k));
          if (v !== undefined) out[k] = v;
        });
        return Object.keys(out).length ? out : undefined;
      case "list":
        if (!Array.isArray(value)) return value;
        var items = value.map(function (v) { return fromForm(v, shape.item); })
          .filter(function (v) { return v !== undefined; });
        return items.length ? items : undefined;
      case "dict":
        if (!Array.isArray(value)) return value;
        var obj = {};
        value.forEach(function (row) {
          if (isObject(row) && row.key !== undefined && String(row.key).trim() !== "") {
            obj[String(row.key).trim()] = fromForm(row.value, shape.value);
          }
        });
        return Object.keys(obj).length ? obj : undefined;
      case "either":
        return fromForm(value, shape.map);  // an empty group was pruned: the default word
      case "flag":
        // a yes/no that is no unless written (cms.py): an unticked box adds no line, and a
        // `false` a file says itself is unchanged, so kept as written (patch)
        return value === false ? undefined : value;
      default:
        return value;
    }
  }

  // Empty text, empty lists and groups with nothing in them are "not written".
  function prune(value) {
    if (value === null || value === undefined) return undefined;
    if (typeof value === "string") return value.trim() === "" ? undefined : value;
    if (typeof value === "number") return isFinite(value) ? value : undefined;
    if (Array.isArray(value)) {
      var items = value.map(prune).filter(function (v) { return v !== undefined; });
      return items.length ? items : undefined;
    }
    if (isObject(value)) {
      var out = {};
      Object.keys(value).forEach(function (k) {
        if (k === SOURCE) return;
        var v = prune(value[k]);
        if (v !== undefined) out[k] = v;
      });
      return Object.keys(out).length ? out : undefined;
    }
    return value;
  }

  function same(a, b) {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) {
      return a.length === b.length && a.every(function (v, i) { return same(v, b[i]); });
    }
    if (isObject(a) && isObject(b)) {
      var ka = Object.keys(a), kb = Object.keys(b);
      return ka.length === kb.length && ka.every(function (k) { return same(a[k], b[k]); });
    }
    return false;
  }

  // --- writing YAML in the house style ------------------------------------------------

  var RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

  function plainOk(s) {
    return s.length > 0 && s === s.trim() && !/[\n\r\t\u0000-\u001f\u007f]/.test(s) &&
      !/^[-?:,\[\]{}#&*!|>'"%@`]/.test(s) && !/: |:$| #/.test(s) && !RESERVED.test(s);
  }

  function quoted(s) { return JSON.stringify(s); }  // JSON strings are YAML double-quoted strings

  function keyText(k) { return /^[A-Za-z0-9_][A-Za-z0-9_ .\/-]*$/.test(k) && !/ $/.test(k) && !RESERVED.test(k) ? k : quoted(k); }

  function foldable(s) {
    return s.length > 0 && s === s.trim() && !/[\n\r\t\u0000-\u001f\u007f]/.test(s) && !/  /.test(s);
  }

  // `>-` block lines: words joined up to the width, broken only at single spaces.
  function fold(s, pad) {
    var width = Math.max(WIDTH - pad.length, 20), lines = [], line = "";
    s.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else line = line ? line + " " + word : word;
    });
    if (line) lines.push(line);
    return lines.map(function (l) { return pad + l; });
  }

  function literalOk(s) {
    var body = s.replace(/\n$/, "");
    return /\n/.test(body) && !/[\r\t\u0000-\u0009\u000b-\u001f\u007f]/.test(s) && !/^\s/.test(body) &&
      body.split("\n").every(function (l) { return l === l.replace(/\s+$/, ""); }) && !/\n\n$/.test(s);
  }

  function moneyText(v) {
    if (typeof v === "number") return String(v);
    if (typeof v === "string" && /^\d+(\.\d{1,2})?$/.test(v.trim())) return v.trim();
    return null;
  }

  // The text after `key:` for a single value; null when it needs lines of its own.
  function inline(value, shape, room) {
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return String(value);
    if (shape.t === "money") { var m = moneyText(value); if (m !== null) return m; }
    var s = String(value);
    if (plainOk(s) && (s.length <= room || s.indexOf(" ") < 0)) return s;  // a web address cannot fold
    if (!/\n/.test(s) && quoted(s).length <= room) return quoted(s);  // short, but with `: ` or the like
    return null;
  }

  function scalarBlock(value, pad) {
    var s = String(value);
    if (foldable(s)) return { head: ">-", lines: fold(s, pad) };
    if (literalOk(s)) {
      return { head: /\n$/.test(s) ? "|" : "|-", lines: s.replace(/\n$/, "").split("\n").map(function (l) { return l ? pad + l : ""; }) };
    }
    return { head: quoted(s), lines: [] };
  }

  function flowItem(v) {
    if (typeof v === "number") return String(v);
    if (typeof v === "string" && /^[A-Za-z0-9][A-Za-z0-9 ._\/-]*$/.test(v) && plainOk(v)) return v;
    return null;
  }

  function isScalar(v) { return !Array.isArray(v) && !isObject(v); }

  // Lines for `key: value` at an indentation of `indent` spaces. `was` is the value the
  // file held before, if any: its groups keep their key order.
  function entry(key, value, shape, indent, was) {
    var pad = " ".repeat(indent), head = pad + keyText(key) + ":";
    if (value === undefined) return [];
    if (Array.isArray(value)) {
      var flow = value.map(flowItem);
      if (flow.every(function (f) { return f !== null; })) {
        var line = head + " [" + flow.join(", ") + "]";
        if (line.length <= WIDTH) return [line];
      }
      var lines = [head], itemShape = shape.t === "list" ? shape.item : SCALAR;
      value.forEach(function (item, i) {
        lines.push.apply(lines, listItem(item, itemShape, indent + 2, Array.isArray(was) ? was[i] : undefined));
      });
      return lines;
    }
    if (isObject(value)) {
      return [head].concat(mapping(value, shape.t === "either" ? shape.map : shape, indent + 2, was));
    }
    var text = inline(value, shape, WIDTH - head.length - 1);
    if (text !== null) return [head + " " + text];
    var block = scalarBlock(value, pad + "  ");
    return [head + " " + block.head].concat(block.lines);
  }

  function listItem(item, shape, indent, was) {
    var pad = " ".repeat(indent);
    if (isObject(item)) {
      var lines = mapping(item, shape, indent + 2, was);
      if (!lines.length) return [pad + "- {}"];
      lines[0] = pad + "- " + lines[0].slice(indent + 2);
      return lines;
    }
    if (Array.isArray(item)) {  // not in the model; written plainly all the same
      return [pad + "- " + JSON.stringify(item)];
    }
    var text = inline(item, shape, WIDTH - indent - 2);
    if (text !== null) return [pad + "- " + text];
    var block = scalarBlock(item, pad + "    ");
    return [pad + "- " + block.head].concat(block.lines);
  }

  function rankIn(shape) {
    var order = (shape && shape.t === "map") ? shape.keys : [];
    return function (k) { var i = order.indexOf(k); return i < 0 ? Infinity : i; };
  }

  // The keys of a group: those it had before in their old order, new ones where the model puts them.
  function orderedKeys(value, shape, was) {
    var rank = rankIn(shape), keys = [];
    if (isObject(was)) {
      Object.keys(was).forEach(function (k) { if (Object.prototype.hasOwnProperty.call(value, k)) keys.push(k); });
    }
    var rest = Object.keys(value).filter(function (k) { return k !== SOURCE && keys.indexOf(k) < 0; });
    rest.sort(function (a, b) { return rank(a) - rank(b); });  // stable: unknown keys keep their order
    rest.forEach(function (k) {
      var at = keys.findIndex(function (o) { return rank(o) > rank(k); });
      if (at < 0 || rank(k) === Infinity) keys.push(k); else keys.splice(at, 0, k);
    });
    return keys;
  }

  function mapping(value, shape, indent, was) {
    var lines = [];
    orderedKeys(value, shape, was).forEach(function (k) {
      lines.push.apply(lines, entry(k, value[k], fieldShape(shape, k), indent, isObject(was) ? was[k] : undefined));
    });
    return lines;
  }

  // --- keeping the original text of what did not change -----------------------------------

  var KEY = '([A-Za-z0-9_][^:#]*?|"(?:[^"\\\\]|\\\\.)*"|\'[^\']*\')';

  // Lines of a block mapping cut into: lines before its first key, one segment per key
  // (with the comment and blank lines above it), and blank lines at the end.
  function segments(lines, indent) {
    var keyLine = new RegExp("^ {" + indent + "}" + KEY + ":(?:\\s|$)");
    var keyLines = [];
    lines.forEach(function (l, i) { if (keyLine.test(l)) keyLines.push(i); });
    if (!keyLines.length) return null;
    var segs = keyLines.map(function (start, n) {
      var from = start, floor = n === 0 ? start : keyLines[n - 1] + 1;
      while (from > floor && /^\s*(#.*)?$/.test(lines[from - 1])) from--;
      return { key: unquoteKey(keyLine.exec(lines[start])[1]), start: from, keyLine: start };
    });
    var end = lines.length;
    while (end > keyLines[keyLines.length - 1] + 1 && lines[end - 1].trim() === "") end--;
    segs.forEach(function (s, n) {
      var stop = n + 1 < segs.length ? segs[n + 1].start : end;
      s.prefix = lines.slice(s.start, s.keyLine);
      s.body = lines.slice(s.keyLine, stop);
    });
    return { header: lines.slice(0, keyLines[0]), segs: segs, tail: lines.slice(end) };
  }

  function unquoteKey(k) {
    k = k.trim();
    if (k[0] === '"') return JSON.parse(k);
    if (k[0] === "'") return k.slice(1, -1).replace(/''/g, "'");
    return k;
  }

  // A group's lines with what changed written anew and the rest as it was; null when the
  // lines are laid out in a way this cannot follow (then the caller writes the group anew).
  function patch(lines, indent, was, form, file, shape) {
    var cut = segments(lines, indent);
    if (!cut || !isObject(was) || cut.header.some(function (l) { return !/^\s*(#.*)?$/.test(l); })) return null;
    var keys = cut.segs.map(function (s) { return s.key; }), wasKeys = Object.keys(was);
    if (keys.length !== wasKeys.length || !keys.every(function (k) { return wasKeys.indexOf(k) >= 0; })) return null;
    var rank = rankIn(shape), out = [];
    cut.segs.forEach(function (seg) {
      var k = seg.key, fs = fieldShape(shape, k);
      var before = prune(toForm(was[k], fs)), after = prune(form[k]);
      if (same(before, after) || same(fromForm(before, fs), file[k])) {
        out.push({ key: k, lines: seg.prefix.concat(seg.body) });  // unchanged: as it was written
        return;
      }
      if (!Object.prototype.hasOwnProperty.call(file, k)) return;  // emptied: the field and its comments go
      var groupShape = fs.t === "either" ? fs.map : fs;
      var pad = " ".repeat(indent);
      if (groupShape.t === "map" && isObject(was[k]) && isObject(file[k]) && isObject(form[k]) &&
          seg.body[0].replace(/\s+$/, "") === pad + seg.body[0].trim() && /:$/.test(seg.body[0].trim())) {
        var inner = patch(seg.body.slice(1), indent + 2, was[k], form[k], file[k], groupShape);
        if (inner) { out.push({ key: k, lines: seg.prefix.concat([seg.body[0]], inner) }); return; }
      }
      out.push({ key: k, lines: seg.prefix.concat(entry(k, file[k], fs, indent, was[k])) });
    });
    orderedKeys(file, shape, was).forEach(function (k) {
      if (keys.indexOf(k) >= 0) return;
      var added = { key: k, lines: entry(k, file[k], fieldShape(shape, k), indent) };
      var at = out.findIndex(function (o) { return rank(o.key) > rank(k); });
      if (at < 0 || rank(k) === Infinity) out.push(added); else out.splice(at, 0, added);
    });
    var all = cut.header.slice();
    out.forEach(function (o) { all.push.apply(all, o.lines); });
    return all.concat(cut.tail);
  }

  function write(data, shape, schemaLine) {
    var source = data[SOURCE], form = {};
    Object.keys(data).forEach(function (k) { if (k !== SOURCE) form[k] = data[k]; });
    // The draft box (cms.py) is a flag: `draft: true` while ticked; unticked, no line.
    var file = fromForm(form, shape) || {};
    if (typeof source === "string") {
      var lines = source.replace(/\r\n/g, "\n").split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      var patched = patch(lines, 0, parse(source), form, file, shape);
      if (patched) return patched.join("\n") + "\n";
    }
    return [schemaLine].concat(mapping(file, shape, 0)).join("\n") + "\n";  // a new file
  }

  // YAML's core schema, but a number with a decimal point is read as its text: in the model
  // only money has one, and `1500.50` must reach the form as `1500.50`, not the float 1500.5.
  var SCHEMA = (function (y) {
    var floatAsText = new y.Type("tag:yaml.org,2002:float", {
      kind: "scalar", resolve: y.types.float.resolve, construct: function (data) { return data; }
    });
    return y.FAILSAFE_SCHEMA.extend({ implicit: [y.types.null, y.types.bool, y.types.int, floatAsText] });
  })(window.jsyaml);

  function parse(text) {
    var value = window.jsyaml.load(text, { schema: SCHEMA });  // dates stay text
    return value === undefined || value === null ? {} : value;
  }

  Object.keys(SHAPES).forEach(function (name) {
    var entryShape = SHAPES[name].shape, schemaLine = SHAPES[name].schema_line;
    window.CMS.registerCustomFormat("transparency-" + name, "yml", {
      fromFile: function (content) {
        var value = parse(content);
        if (!isObject(value)) throw new Error("This file does not hold a group of fields: fix it in the YAML first.");
        var data = toForm(value, entryShape);
        data[SOURCE] = content;
        return data;
      },
      toFile: function (data) { return write(data, entryShape, schemaLine); }
    });
  });

  // --- the build's checks, in the form -----------------------------------------------------
  // cms.py gives a field `checks` (patterns with the build's words, from money.py, orgids.py and
  // convert.py) and, for a field the rules require of some records only, `needed_when` (from
  // rules.REQUIREMENTS). Decap's string, text and group widgets are used with these checks
  // added: Decap calls `isValid` on every field when the form is saved, and saves nothing while
  // one fails.

  function plain(v) { return v && typeof v.toJS === "function" ? v.toJS() : v; }

  function blank(v) {
    v = prune(plain(v));
    return v === undefined;
  }

  // The first check `text` fails, as the build says it; null when it passes them all.
  function checkText(checks, value) {
    if (blank(value) || typeof plain(value) === "object") return null;
    var text = String(value).trim();
    for (var i = 0; i < (checks || []).length; i++) {
      var check = checks[i];
      if (!new RegExp(check.pattern, check.flags || "").test(text)) return check.message.split("{text}").join(text);
    }
    return null;
  }

  // Whether the record needs the field (its kind, status...), as the form holds it when saved.
  function needed(need, data) {
    if (need.fund_flag) return false;  // the form does not know the fund's flags: the build checks it
    var path = need.field.split(".");
    if (path.length > 1 && blank(data.getIn(path.slice(0, -1)))) return false;  // no group, nothing needed
    // a value, or a list of values any of which needs it (rules.Requirement.when)
    return need.values.every(function (kv) { return [].concat(kv[1]).indexOf(data.get(kv[0])) >= 0; });
  }

  // Decap checks each field on its own, so the fields some records need (a grant's purpose)
  // are checked here, just before saving: throwing stops the save and Decap shows the words.
  function checkNeeds(event) {
    var entry = event.entry, data = entry.get("data"), shapes = SHAPES[entry.get("collection")];
    var missing = ((shapes && shapes.needs) || []).filter(function (need) {
      return needed(need, data) && blank(data.getIn(need.field.split(".")));
    });
    if (missing.length) throw missing.map(function (need) { return need.field + ": " + need.message; }).join("; ");
    return data;
  }

  function checked(base) {
    var Base = window.CMS.getWidget(base).control;
    class Checked extends Base {
      // Decap's "is required" check cannot know the record's kind: it is told such a field is
      // filled in, and checkNeeds says whether it is needed.
      getValidateValue() {
        return this.props.field.get("needed_when") ? "needed_when" : undefined;
      }
      isValid() {
        var message = checkText(plain(this.props.field.get("checks")), this.props.value);
        if (message) return { error: { type: "CUSTOM", message: message } };
        return Base.prototype.isValid ? Base.prototype.isValid.call(this) : true;
      }
    }
    return Checked;
  }

  function registerChecks() {
    ["string", "text", "object", "datetime"].forEach(function (base) {  // cms.CHECKED_WIDGETS
      window.CMS.registerWidget("transparency-" + base, checked(base), window.CMS.getWidget(base).preview);
    });
    window.CMS.registerEventListener({ name: "preSave", handler: checkNeeds });
  }

  // --- what Decap leaves out for screen readers -------------------------------------------
  // Icon-only buttons get names (axe: button-name, aria-command-name), and each field's help
  // text and error messages are tied to it (aria-describedby, aria-invalid), so that they are
  // read out when the field is reached, not only seen.

  function describeFields() {
    document.querySelectorAll('[class*="ControlTopbar"] > label[for]').forEach(function (label) {
      var input = document.getElementById(label.htmlFor);
      var container = label.closest('[class*="ControlContainer"]');
      if (!input || !container || !/^(INPUT|TEXTAREA|SELECT)$/.test(input.tagName)) return;
      var errors = label.parentElement.querySelector('[class*="ControlErrorsList"]');
      var hint = container.querySelector(':scope > [class*="ControlHint"]');
      var ours = [];
      if (errors) { errors.id = input.id + "-errors"; ours.push(errors.id); }
      if (hint) { hint.id = input.id + "-hint"; ours.push(hint.id); }
      var others = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
        return id && !/-(errors|hint)$/.test(id);
      });
      var wanted = others.concat(ours).join(" ");
      if ((input.getAttribute("aria-describedby") || "") !== wanted) {
        if (wanted) input.setAttribute("aria-describedby", wanted); else input.removeAttribute("aria-describedby");
      }
      if (errors && input.getAttribute("aria-invalid") !== "true") input.setAttribute("aria-invalid", "true");
      if (!errors && input.hasAttribute("aria-invalid")) input.removeAttribute("aria-invalid");
    });
  }

  function nameControls() {
    describeFields();
    var wrapper = document.getElementById("editor"), root = document.getElementById("nc-root");
    if (wrapper && root) {
      var ownMain = root.querySelector("main, [role=main]");  // the collection pages have one
      if (ownMain && wrapper.getAttribute("role") === "main") wrapper.removeAttribute("role");
      if (!ownMain && wrapper.getAttribute("role") !== "main") wrapper.setAttribute("role", "main");
    }
    document.querySelectorAll('[class*="StyledListItemTopBar"]').forEach(function (bar) {
      var buttons = bar.querySelectorAll(':scope > button');
      if (buttons.length && !buttons[0].hasAttribute("aria-label")) buttons[0].setAttribute("aria-label", "Show or hide this item");
      if (buttons.length > 1 && !buttons[buttons.length - 1].hasAttribute("aria-label")) {
        buttons[buttons.length - 1].setAttribute("aria-label", "Remove this item");
      }
    });
    document.querySelectorAll('[aria-roledescription="sortable"]:not([aria-label])').forEach(function (handle) {
      handle.setAttribute("aria-label", "Move this item: press space, then the arrow keys");
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; nameControls(); });
  }).observe(document.getElementById("nc-root") || document.body, { childList: true, subtree: true });

  // --- words that say what really happens -------------------------------------------------
  // Decap's English says "Publish" and "Published". With the GitHub backend and the editorial
  // workflow, a save is a pull request that is published when it is merged; with the local
  // backend (`npx decap-server` on this computer, which Decap uses on localhost), saving only
  // writes the file in the data folder here, and nothing is public. EDITING.md, "Editing in the
  // web form", describes what staff see in each mode: keep the two in step.

  function isLocal() {  // the hosts on which Decap looks for decap-server (its own test)
    return !!window.location && ["localhost", "127.0.0.1"].indexOf(window.location.hostname) >= 0;
  }

  var WORDS = {  // in both modes
    collection: { collectionTop: { newButton: "New %{collectionLabel}" } },  // Debian's fonts have no "＋"
    editor: { editorToolbar: { changesSaved: "No unsaved changes" } },  // also said by a blank form
    ui: { toast: { onFailToPersist: "Not saved: %{details}" } }
  };
  var SAVED_HERE = "Saved in the data folder on this computer: not yet published. It is published when the " +
    "change is committed and merged into the site's repository.";
  var LOCAL_WORDS = {
    editor: { editorToolbar: {
      // "Save" is short enough for the top bar on a phone; the choice under it says where to
      publish: "Save", publishNow: "Save to this computer", publishing: "Saving...",
      published: "Saved here, not published", publishAndCreateNew: "Save and create new",
      publishAndDuplicate: "Save and duplicate", deployButtonLabel: "View on this computer's site"
    } },
    ui: { toast: { entrySaved: SAVED_HERE, entryPublished: SAVED_HERE } }
  };

  function merged(base, extra) {
    var out = {};
    Object.keys(base || {}).forEach(function (k) { out[k] = base[k]; });
    Object.keys(extra).forEach(function (k) { out[k] = isObject(extra[k]) ? merged(out[k], extra[k]) : extra[k]; });
    return out;
  }

  function registerWords() {
    var words = merged(window.CMS.getLocale("en"), WORDS);
    window.CMS.registerLocale("en", isLocal() ? merged(words, LOCAL_WORDS) : words);
  }

  // Locally, "View" opens the copy of the site this computer serves (`make serve`), which shows
  // what was saved, rather than the public address in organisation.yml.
  function localConfig() {
    var site = new URL("../", window.location.origin + window.location.pathname).href.replace(/\/$/, "");
    return { site_url: site, display_url: site };
  }

  window.transparencyFormat = { write: write, toForm: toForm, fromForm: fromForm, shapes: SHAPES };  // for tests
  if (window.CMS.registerWidget) {
    registerChecks();
    registerWords();
  }
  window.CMS.init(isLocal() ? { config: localConfig() } : undefined);
})();

/* After a save, the build's problems in the form.
 *
 * The form cannot check everything the build checks (a charity number's form, budgets across
 * files). With the local backend the preview (`make serve`) rebuilds after each save and
 * publishes its problems in problems.json, beside this page, with the time its build began.
 * After a save this asks for that file until a build that began after the save has answered,
 * and shows the saved file's problems in an alert over the foot of the form. Where there is no
 * problems.json (the published site, the GitHub backend: the pull request's checks report
 * there), nothing is shown.
 */
(function () {
  "use strict";
  // a minute, once a second: long enough for a rebuild of a large office's site (benchmarks/README.md)
  var TRIES = 60, EVERY = 1000;
  var savedAt = 0;

  function region() {
    var box = document.getElementById("build-problems");
    if (!box) {
      box = document.createElement("div");
      box.id = "build-problems";
      box.setAttribute("role", "alert");
      box.hidden = true;
      var editor = document.getElementById("editor");
      editor.insertBefore(box, editor.firstChild);
    }
    return box;
  }

  function show(path, found) {
    // a note says where a draft stands (problems.py): not a problem, said apart
    var problems = found.problems.filter(function (p) { return p.severity !== "note"; });
    var draft = found.problems.filter(function (p) { return p.severity === "note" && p.path === path; })[0];
    var box = region(), mine = problems.filter(function (p) { return p.path === path; });
    var others = problems.length - mine.length;
    box.textContent = "";
    var head = document.createElement("p");
    head.className = "build-problems-head";
    if (!mine.length && !others) {
      head.textContent = "Saved. The preview has rebuilt and found no problems.";
      box.className = "build-problems-ok";
    } else {
      head.textContent = mine.length
        ? "Saved, but the preview found " + mine.length + " problem" + (mine.length === 1 ? "" : "s") +
          " in " + path + ". Fix " + (mine.length === 1 ? "it" : "them") + " here and save again:"
        : "Saved. This file has no problems, but other files do.";
      box.className = "build-problems-found";
    }
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", function () { box.hidden = true; });
    box.appendChild(close);
    box.appendChild(head);
    if (draft) {
      var note = document.createElement("p");
      note.textContent = "This is a draft, so it is not on the site: " + draft.message + ".";
      box.appendChild(note);
    }
    if (mine.length) {
      var list = document.createElement("ul");
      mine.forEach(function (p) {
        var item = document.createElement("li");
        item.textContent = (p.line ? "Line " + p.line : "The whole file") +
          (p.field ? ", " + p.field : "") + ": " + (p.severity === "warning" ? "likely mistake: " : "") + p.message;
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (others) {
      var more = document.createElement("p");
      more.textContent = others + " more problem" + (others === 1 ? " is" : "s are") +
        " in other files: the preview lists every one.";
      box.appendChild(more);
    }
    box.hidden = false;
  }

  function ask(path, since, tries) {
    fetch("problems.json", { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (found) {
        if (!found) return;  // not a preview: nothing to show
        if (found.built >= since || tries <= 1) show(path, found);
        else window.setTimeout(function () { ask(path, since, tries - 1); }, EVERY);
      }, function () { if (tries > 1) window.setTimeout(function () { ask(path, since, tries - 1); }, EVERY); });
  }

  // `make serve` adds MkDocs' live reload to every page it serves, this one too: it reloaded the
  // editor at each rebuild, so a save's rebuild threw away this alert and any typing since the
  // save. Its script (added at the end of the page, after this one) starts with
  // `var livereload = function ...` and calls it: a fixed `livereload` here makes that call do nothing.
  Object.defineProperty(window, "livereload", { value: function () {}, writable: false });

  // Decap always has events; the file format's tests (tests/test_cms.py) load this file with a
  // stand-in CMS that only registers formats.
  if (typeof window.CMS.registerEventListener !== "function") return;
  // Handlers return nothing: a value returned from preSave would replace the entry's data.
  window.CMS.registerEventListener({ name: "preSave", handler: function () { savedAt = Date.now(); } });
  window.CMS.registerEventListener({ name: "postSave", handler: function (event) {
    var path = event.entry.get("path");
    if (path) ask(path, savedAt || Date.now(), TRIES);
  } });
})();
