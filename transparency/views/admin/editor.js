/* The web editor's file format: how a form is read from and written to a data file.
 *
 * Decap CMS's own YAML writer drops every comment and rewrites the whole file.
 * This format keeps the file as staff wrote it instead:
 *   - a top-level field whose value did not change keeps its exact text, with the
 *     comment lines and blank lines above it;
 *   - a changed field is written in the layout the example files use (long text in
 *     `>-` blocks folded at 80 columns, short lists of ids as `[a, b]`), in place;
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
    if (plainOk(s) && s.length <= room) return s;
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

  // Lines for `key: value` at an indentation of `indent` spaces.
  function entry(key, value, shape, indent) {
    var pad = " ".repeat(indent), head = pad + keyText(key) + ":";
    if (value === undefined) return [];
    if (Array.isArray(value)) {
      var flow = value.map(flowItem);
      if (flow.every(function (f) { return f !== null; })) {
        var line = head + " [" + flow.join(", ") + "]";
        if (line.length <= WIDTH) return [line];
      }
      var lines = [head];
      value.forEach(function (item) { lines.push.apply(lines, listItem(item, shape.t === "list" ? shape.item : SCALAR, indent + 2)); });
      return lines;
    }
    if (isObject(value)) {
      return [head].concat(mapping(value, shape.t === "either" ? shape.map : shape, indent + 2));
    }
    var text = inline(value, shape, WIDTH - head.length - 1);
    if (text !== null) return [head + " " + text];
    var block = scalarBlock(value, pad + "  ");
    return [head + " " + block.head].concat(block.lines);
  }

  function listItem(item, shape, indent) {
    var pad = " ".repeat(indent);
    if (isObject(item)) {
      var lines = mapping(item, shape, indent + 2);
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

  function orderedKeys(value, shape) {
    var known = (shape && shape.t === "map") ? shape.keys : [];
    var keys = known.filter(function (k) { return Object.prototype.hasOwnProperty.call(value, k); });
    Object.keys(value).forEach(function (k) { if (keys.indexOf(k) < 0 && k !== SOURCE) keys.push(k); });
    return keys;
  }

  function mapping(value, shape, indent) {
    var lines = [];
    orderedKeys(value, shape).forEach(function (k) {
      lines.push.apply(lines, entry(k, value[k], fieldShape(shape, k), indent));
    });
    return lines;
  }

  // --- keeping the original text of what did not change -----------------------------------

  var TOP_KEY = /^([A-Za-z0-9_][^:#]*?|"(?:[^"\\]|\\.)*"|'[^']*'):(?:\s|$)/;

  // The original file cut into: header lines, one segment per top-level key, tail lines.
  function segments(text) {
    var lines = text.replace(/\r\n/g, "\n").split("\n");
    if (lines.length && lines[lines.length - 1] === "") lines.pop();
    var keyLines = [];
    lines.forEach(function (l, i) { if (TOP_KEY.test(l)) keyLines.push(i); });
    if (!keyLines.length) return null;
    var segs = [], prefixStart;
    keyLines.forEach(function (start, n) {
      prefixStart = start;
      var floor = n === 0 ? 0 : keyLines[n - 1] + 1;
      while (prefixStart > floor && /^(#.*)?$/.test(lines[prefixStart - 1])) prefixStart--;
      segs.push({ key: unquoteKey(TOP_KEY.exec(lines[start])[1]), start: prefixStart, keyLine: start });
    });
    // the first segment's comments belong to the file (the schema line...), not to its key
    var header = lines.slice(0, keyLines[0]);
    segs[0].start = keyLines[0];
    var end = lines.length;
    while (end > keyLines[keyLines.length - 1] + 1 && lines[end - 1] === "") end--;
    segs.forEach(function (s, n) {
      var stop = n + 1 < segs.length ? segs[n + 1].start : end;
      s.prefix = lines.slice(s.start, s.keyLine);
      s.body = lines.slice(s.keyLine, stop);
    });
    return { header: header, segs: segs, tail: lines.slice(end) };
  }

  function unquoteKey(k) {
    k = k.trim();
    if (k[0] === '"') return JSON.parse(k);
    if (k[0] === "'") return k.slice(1, -1).replace(/''/g, "'");
    return k;
  }

  function fresh(file, shape, schemaLine, header) {
    var lines = header || [schemaLine];
    return lines.concat(mapping(file, shape, 0)).join("\n") + "\n";
  }

  function write(data, shape, schemaLine) {
    var source = data[SOURCE];
    var formData = {};
    Object.keys(data).forEach(function (k) { if (k !== SOURCE) formData[k] = data[k]; });
    var file = fromForm(formData, shape) || {};
    if (typeof source !== "string") return fresh(file, shape, schemaLine);

    var original = parse(source), cut = segments(source);
    var keys = cut && cut.segs.map(function (s) { return s.key; });
    var parsedKeys = isObject(original) ? Object.keys(original) : [];
    if (!cut || keys.length !== parsedKeys.length || !keys.every(function (k) { return parsedKeys.indexOf(k) >= 0; })) {
      return fresh(file, shape, schemaLine, cut ? cut.header : undefined);  // a layout we cannot follow
    }
    var order = shape.keys;
    var rank = function (k) { var i = order.indexOf(k); return i < 0 ? Infinity : i; };
    var out = [];  // [{key, lines}]
    cut.segs.forEach(function (seg) {
      var fs = fieldShape(shape, seg.key);
      var before = prune(toForm(original[seg.key], fs)), after = prune(formData[seg.key]);
      if (same(before, after) || same(fromForm(before, fs), file[seg.key])) {
        out.push({ key: seg.key, lines: seg.prefix.concat(seg.body) });  // unchanged: as it was written
      } else if (!Object.prototype.hasOwnProperty.call(file, seg.key)) {
        return;  // emptied in the form: the field (and the comments above it) go
      } else {
        out.push({ key: seg.key, lines: seg.prefix.concat(entry(seg.key, file[seg.key], fs, 0)) });
      }
    });
    orderedKeys(file, shape).forEach(function (k) {
      if (keys.indexOf(k) >= 0) return;
      var lines = entry(k, file[k], fieldShape(shape, k), 0);
      var at = out.findIndex(function (o) { return rank(o.key) > rank(k); });
      if (at < 0) out.push({ key: k, lines: lines }); else out.splice(at, 0, { key: k, lines: lines });
    });
    var all = cut.header.slice();
    out.forEach(function (o) { all.push.apply(all, o.lines); });
    return all.concat(cut.tail).join("\n") + "\n";
  }

  function parse(text) {
    var value = window.jsyaml.load(text, { schema: window.jsyaml.CORE_SCHEMA });  // dates stay text
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

  window.transparencyFormat = { write: write, toForm: toForm, fromForm: fromForm, shapes: SHAPES };  // for tests
  window.CMS.init();
})();
