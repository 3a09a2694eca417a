(function () {
  "use strict";
  // The viewer: overview, documents with findings highlighted in place, filters, keys.
  // review.js plugs the editor's decisions into it through `Z.on(event, fn)`.
  // All article text reaches the page through textContent / createTextNode /
  // setAttribute: never through innerHTML, so markup in an article stays text.
  var DATA = JSON.parse(document.getElementById("zhcheck-data").textContent);
  var CATS = ["duplicate", "garbled", "ocr", "layout", "typography"];
  var CAT_LABEL = { duplicate: "重复", garbled: "乱码与残留", ocr: "OCR 错字", layout: "版式", typography: "标点排版" };
  var SEVS = ["error", "warning", "info"];
  var SEV_LABEL = { error: "错误", warning: "警告", info: "提示" };
  var RULES = DATA.rules;
  var files = DATA.files;
  var all = [];
  var byPath = new Map(files.map(function (f, i) { return [f.path, i]; }));
  files.forEach(function (f, fi) { f.index = fi; f.units = unitMap(f.text || ""); });
  files.forEach(function (f, fi) {
    f.findings.forEach(function (x) {
      x.file = fi;
      x.id = all.length;
      x.cat = RULES[x.rule] ? RULES[x.rule].category : "garbled";
      // offsets arrive in code points (as zhcheck counts); the page works in UTF-16 units.
      // `cp` keeps the originals for what is exported (decisions).
      x.cp = { s: x.s, e: x.e, edits: x.fix ? x.fix.edits : [] };
      x.s = toUnit(f, x.s); x.e = toUnit(f, x.e);
      if (x.fix) x.fix.edits = x.fix.edits.map(function (ed) { return [toUnit(f, ed[0]), toUnit(f, ed[1]), ed[2]]; });
      (x.rel || []).forEach(function (r) {
        var t = r.path !== undefined && r.path !== null ? files[byPath.get(r.path)] : f;
        if (!t) return;
        r.s = toUnit(t, r.s); r.e = toUnit(t, r.e);
        if (r.ms !== undefined) { r.ms = toUnit(t, r.ms); r.me = toUnit(t, r.me); }
      });
      all.push(x);
    });
    if (f.md) f.md.spans = f.md.spans.map(function (m) { return [toUnit(f, m[0]), toUnit(f, m[1]), m[2]]; });
  });
  var state = {
    cats: new Set(CATS), sevs: new Set(SEVS), rules: new Set(Object.keys(RULES)),
    file: null, sel: null, sort: { key: "editor", dir: -1 }, query: "", openGroups: new Set()
  };
  var view = { segs: [], lineStarts: [], userStarts: null };
  var handlers = {};

  // a code-point -> UTF-16 map, only for texts with characters outside the BMP
  function unitMap(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return null;
    var map = [], u = 0;
    for (var i = 0; i < text.length; i++) {
      map.push(u);
      var c = text.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length) { u += 2; i++; } else u += 1;
    }
    map.push(u);
    return map;
  }
  function toUnit(f, cp) { return f.units ? f.units[Math.min(cp, f.units.length - 1)] : cp; }

  function on(ev, fn) { (handlers[ev] = handlers[ev] || []).push(fn); }
  function emit(ev) {
    var args = Array.prototype.slice.call(arguments, 1);
    (handlers[ev] || []).forEach(function (fn) { fn.apply(null, args); });
  }
  function active(x) { return state.cats.has(x.cat) && state.sevs.has(x.severity) && state.rules.has(x.rule); }
  function $(id) { return document.getElementById(id); }
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "class") el.className = v;
        else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? "" : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) { c.forEach(function (k) { append(el, k); }); return; }
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  // invisible characters get a visible badge (the character itself stays in the text)
  var INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
  function appendText(el, s) {
    if (!INVISIBLE.test(s)) { el.appendChild(document.createTextNode(s)); return; }
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      if (INVISIBLE.test(c)) {
        var code = c.charCodeAt(0).toString(16).toUpperCase();
        el.appendChild(h("span", { class: "zw", "data-u": "U+" + ("000" + code).slice(-4), title: "看不见的字符" }, c));
      } else {
        var j = i;
        while (j < s.length && !INVISIBLE.test(s.charAt(j))) j++;
        el.appendChild(document.createTextNode(s.slice(i, j)));
        i = j - 1;
      }
    }
  }
  function clip(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function visible(s) { return s.replace(/\r?\n/g, "↵").replace(/\t/g, "⇥"); }
  function title(f) { return f.title || f.path; }

  // --- counts and the overview ------------------------------------------------
  function fileCounts(f) {
    var c = { total: 0, editor: 0 };
    CATS.forEach(function (k) { c[k] = 0; });
    SEVS.forEach(function (k) { c[k] = 0; });
    f.findings.forEach(function (x) {
      if (!active(x)) return;
      c.total++; c[x.cat]++; c[x.severity]++;
      if (x.cat !== "typography") c.editor++;
    });
    return c;
  }

  function renderTotals() {
    var n = 0, editor = 0, chars = 0, sev = { error: 0, warning: 0, info: 0 };
    all.forEach(function (x) {
      if (!active(x)) return;
      n++;
      if (x.cat !== "typography") { editor++; sev[x.severity]++; }
    });
    files.forEach(function (f) { chars += f.chars || 0; });
    var el = $("totals");
    el.textContent = "";
    append(el, [h("b", null, files.length), " 篇 · ", h("b", null, chars.toLocaleString("zh-CN")), " 字 · 需编辑处理 ",
      h("b", null, editor), " 处（"]);
    SEVS.forEach(function (s, i) {
      append(el, [i ? "，" : "", h("span", { class: "sev-" + s }, SEV_LABEL[s] + " " + sev[s])]);
    });
    append(el, ["）· 标点排版 ", h("b", null, n - editor), " 处"]);
    var errs = files.filter(function (f) { return f.error; }).length;
    if (errs) append(el, [" · ", h("span", { class: "sev-error" }, errs + " 个文件无法读取")]);
  }

  function renderChart() {
    var counts = {};
    CATS.forEach(function (k) { counts[k] = 0; });
    all.forEach(function (x) { if (active(x)) counts[x.cat]++; });
    var max = Math.max.apply(null, CATS.map(function (k) { return counts[k]; }).concat([1]));
    var NS = "http://www.w3.org/2000/svg", rowH = 26, labelW = 96, barW = 520;
    var svg = document.createElementNS(NS, "svg");
    // scales down in a narrow window instead of overflowing its box
    svg.setAttribute("viewBox", "0 0 " + (labelW + barW + 70) + " " + CATS.length * rowH);
    svg.setAttribute("width", "100%");
    svg.style.maxWidth = labelW + barW + 70 + "px";
    svg.setAttribute("role", "img");
    CATS.forEach(function (k, i) {
      var y = i * rowH;
      var g = document.createElementNS(NS, "g");
      g.setAttribute("class", "cat-" + k);
      var t = document.createElementNS(NS, "text");
      t.setAttribute("x", 0); t.setAttribute("y", y + 17); t.textContent = CAT_LABEL[k];
      var r = document.createElementNS(NS, "rect");
      var w = counts[k] ? Math.max(2, Math.round(barW * counts[k] / max)) : 0;
      r.setAttribute("x", labelW); r.setAttribute("y", y + 5); r.setAttribute("height", 16); r.setAttribute("rx", 3);
      r.setAttribute("width", w); r.setAttribute("fill", "var(--" + k + ")");
      var n = document.createElementNS(NS, "text");
      n.setAttribute("x", labelW + w + 8); n.setAttribute("y", y + 18); n.setAttribute("class", "n");
      n.textContent = counts[k];
      g.appendChild(t); g.appendChild(r); g.appendChild(n);
      svg.appendChild(g);
    });
    var el = $("chart");
    el.textContent = "";
    append(el, [h("h2", null, "按类别统计"), svg]);
  }

  var COLS = [["path", "文章"], ["chars", "字数"], ["editor", "需编辑"]].concat(
    CATS.map(function (k) { return [k, CAT_LABEL[k]]; }),
    SEVS.map(function (k) { return [k, SEV_LABEL[k]]; }),
    [["total", "合计"]]);

  function renderTable() {
    var thead = $("files").tHead;
    thead.textContent = "";
    var tr = h("tr");
    COLS.forEach(function (c) {
      var sorted = state.sort.key === c[0];
      var sw = CATS.indexOf(c[0]) >= 0 ? h("span", { class: "sw", style: "background:var(--" + c[0] + ")" }) : null;
      tr.appendChild(h("th", {
        "data-key": c[0], class: sorted ? "sorted" + (state.sort.dir > 0 ? " asc" : "") : null,
        onclick: function () { sortBy(c[0]); }
      }, sw, sw ? " " : "", c[1]));
    });
    emit("tableHead", tr);
    thead.appendChild(tr);
    var q = state.query.toLowerCase();
    var rows = files.filter(function (f) {
      return !q || f.path.toLowerCase().indexOf(q) >= 0 || (f.title || "").toLowerCase().indexOf(q) >= 0;
    }).map(function (f) { return { f: f, c: fileCounts(f) }; });
    var key = state.sort.key, dir = state.sort.dir;
    function value(r) {
      if (key === "path") return title(r.f);
      if (key === "chars") return r.f.chars;
      return r.c[key] !== undefined ? r.c[key] : (r.f.sortKeys || {})[key];
    }
    rows.sort(function (a, b) {
      var va = value(a), vb = value(b);
      if (va < vb) return -dir;
      if (va > vb) return dir;
      return a.f.index - b.f.index;
    });
    var tbody = document.createElement("tbody");
    rows.forEach(function (r) {
      var row = h("tr", { "data-file": r.f.index, onclick: function () { openFile(r.f.index); } },
        h("td", null, h("a", { href: "#file=" + r.f.index, class: "headline" }, title(r.f)),
          r.f.title ? h("div", { class: "fpath" }, r.f.path) : null));
      if (r.f.error) {
        row.appendChild(h("td", { class: "err", colspan: COLS.length - 1 }, "无法读取：" + r.f.error));
      } else {
        row.appendChild(h("td", null, (r.f.chars || 0).toLocaleString("zh-CN")));
        COLS.slice(2).forEach(function (c) {
          var v = r.c[c[0]];
          row.appendChild(h("td", { class: (v ? "" : "zero") + (c[0] === "total" || c[0] === "editor" ? " tot" : "") }, v));
        });
        emit("tableRow", row, r.f);
      }
      tbody.appendChild(row);
    });
    $("files").replaceChild(tbody, $("files").tBodies[0]);
    $("shown").textContent = rows.length === files.length ? "" : "显示 " + rows.length + " / " + files.length + " 篇";
  }

  function sortBy(key) {
    if (state.sort.key === key) state.sort.dir = -state.sort.dir;
    else state.sort = { key: key, dir: key === "path" ? 1 : -1 };
    renderTable();
  }

  // --- filters ------------------------------------------------------------------
  function renderFilters() {
    var el = $("filters");
    el.textContent = "";
    var catN = {}, sevN = {}, ruleN = {};
    all.forEach(function (x) {
      catN[x.cat] = (catN[x.cat] || 0) + 1;
      sevN[x.severity] = (sevN[x.severity] || 0) + 1;
      ruleN[x.rule] = (ruleN[x.rule] || 0) + 1;
    });
    function chip(set, key, label, n, swatch) {
      var on = set.has(key);
      var box = h("input", { type: "checkbox", "data-filter": key });
      box.checked = on;
      box.addEventListener("change", function () {
        if (box.checked) set.add(key); else set.delete(key);
        refresh();
      });
      return h("label", { class: "chip" + (on ? "" : " off") }, box,
        swatch ? h("span", { class: "sw", style: "background:var(--" + key + ")" }) : null,
        label, h("span", { class: "n" }, n || 0));
    }
    append(el, h("div", { class: "fgroup", id: "f-cat" }, h("span", { class: "lbl" }, "类别"),
      CATS.map(function (k) { return chip(state.cats, k, CAT_LABEL[k], catN[k], true); })));
    append(el, h("div", { class: "fgroup", id: "f-sev" }, h("span", { class: "lbl" }, "级别"),
      SEVS.map(function (k) { return chip(state.sevs, k, SEV_LABEL[k], sevN[k], false); })));
    var codes = Object.keys(RULES).filter(function (c) { return ruleN[c]; }).sort();
    var menu = h("div", { class: "menu" },
      h("div", { class: "acts" },
        h("a", { onclick: function () { codes.forEach(function (c) { state.rules.add(c); }); refresh(); } }, "全选"),
        h("a", { onclick: function () { codes.forEach(function (c) { state.rules.delete(c); }); refresh(); } }, "全不选")),
      codes.map(function (c) {
        var box = h("input", { type: "checkbox", "data-filter": c });
        box.checked = state.rules.has(c);
        box.addEventListener("change", function () {
          if (box.checked) state.rules.add(c); else state.rules.delete(c);
          refresh();
        });
        return h("label", { title: RULES[c].title || null }, box, h("span", { class: "sw", style: "background:var(--" + RULES[c].category + ")" }),
          h("span", { class: "code" }, c), RULES[c].name, h("span", { class: "n" }, ruleN[c]));
      }));
    var off = codes.filter(function (c) { return !state.rules.has(c); }).length;
    var det = h("details", { class: "rules", id: "f-rule" },
      h("summary", null, "规则" + (off ? "（已隐藏 " + off + " 条）" : "（全部 " + codes.length + " 条）")), menu);
    if (renderFilters.open) det.open = true;
    det.addEventListener("toggle", function () { renderFilters.open = det.open; });
    append(el, h("div", { class: "fgroup" }, det));
  }

  function refresh() {
    renderFilters();
    renderTotals();
    renderChart();
    renderTable();
    emit("refresh");
    if (state.file !== null) {
      var y = window.scrollY;
      var keep = state.sel !== null && active(all[state.sel]) ? state.sel : null;
      renderDoc(state.file);
      if (keep !== null) select(keep, false); else clearSel();
      window.scrollTo(0, y);
    }
  }

  // --- one document ---------------------------------------------------------------
  var refIndex = null;
  function refsFor(fi) {
    if (!refIndex) {
      refIndex = new Map();
      all.forEach(function (x) {
        (x.rel || []).forEach(function (r) {
          var target = r.path !== undefined && r.path !== null ? byPath.get(r.path) : x.file;
          if (target === undefined) return;
          if (!refIndex.has(target)) refIndex.set(target, []);
          refIndex.get(target).push({ s: r.s, e: r.e, x: x });
        });
      });
    }
    return (refIndex.get(fi) || []).filter(function (r) { return active(r.x); });
  }

  // a Word document's "lines" are its paragraphs (f.lines: where each starts, when a
  // paragraph holds a line break); the unit names them in labels
  function unitOf(f) { return (f && f.unit) || "行"; }
  function lineOf(offset) {
    var ls = view.userStarts || view.lineStarts, lo = 0, hi = ls.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (ls[mid] <= offset) lo = mid; else hi = mid - 1; }
    return lo + 1;
  }

  function buildDoc(f) {
    var text = f.text || "";
    var fs = f.findings.filter(active);
    var refs = refsFor(f.index);
    var n = text.length;
    var starts = new Map(), ends = new Map(), pts = new Map(), inserts = new Map();
    var bounds = new Set([0, n]);
    var lineCls = f.md ? f.md.lines : {};
    function at(map, k, v) { if (!map.has(k)) map.set(k, []); map.get(k).push(v); }
    function range(s, e, item) {
      s = Math.max(0, Math.min(n, s)); e = Math.max(s, Math.min(n, e));
      bounds.add(s); bounds.add(e);
      at(starts, s, item); at(ends, e, item);
    }
    fs.forEach(function (x) {
      if (x.s === x.e) { bounds.add(x.s); at(pts, x.s, x); } else range(x.s, x.e, { kind: "f", x: x });
      if (x.fix) {
        x.fix.edits.forEach(function (ed) {
          if (ed[1] > ed[0]) {
            var gone = text.slice(ed[0], ed[1]);
            range(ed[0], ed[1], { kind: "d", x: x, join: !ed[2] && /\n/.test(gone) && !/\S/.test(gone) });
          }
          if (ed[2]) { bounds.add(ed[1]); at(inserts, ed[1], { x: x, t: ed[2], join: ed[1] === ed[0] && /\n/.test(text.slice(ed[0] - 1, ed[0])) }); }
        });
      }
    });
    refs.forEach(function (r) { if (r.e > r.s) range(r.s, r.e, { kind: "r", x: r.x }); });
    if (f.md) f.md.spans.forEach(function (m) { if (m[1] > m[0]) range(m[0], m[1], { kind: "m", cls: m[2] }); });
    view.lineStarts = [0];
    view.userStarts = f.lines || null;
    for (var i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
      bounds.add(i); bounds.add(i + 1); view.lineStarts.push(i + 1);
    }
    var cuts = Array.from(bounds).sort(function (a, b) { return a - b; });
    var open = new Set();
    var frag = document.createDocumentFragment();
    var lineNo = 1, line = null, tx = null, rowStart = 0, lastNo = 0;
    view.segs = [];
    function newLine() {
      var no = view.userStarts ? lineOf(rowStart) : lineNo;
      tx = h("span", { class: "tx" });
      line = h("div", { class: "ln" + (lineCls[lineNo] ? " " + lineCls[lineNo] : ""), "data-line": no },
        h("span", { class: "no" }, no === lastNo ? "" : no), tx);
      lastNo = no;
      frag.appendChild(line);
    }
    function markers(pos) {
      (pts.get(pos) || []).forEach(function (x) {
        var m = h("span", { class: "pt c-" + x.cat, "data-f": x.id, "data-s": pos });
        tx.appendChild(m);
        view.segs.push({ s: pos, e: pos, el: m });
      });
      (inserts.get(pos) || []).forEach(function (ins) {
        tx.appendChild(h("span", { class: "ins" + (ins.join ? " join" : ""), "data-e": ins.x.id, "data-t": visible(ins.t) }));
      });
    }
    newLine();
    for (var k = 0; k < cuts.length; k++) {
      var a = cuts[k];
      (ends.get(a) || []).forEach(function (it) { open.delete(it); });
      (starts.get(a) || []).forEach(function (it) { open.add(it); });
      markers(a);
      if (k + 1 >= cuts.length) break;
      var b = cuts[k + 1];
      var cov = [], dels = [], rf = [], md = [], joins = false;
      open.forEach(function (it) {
        if (it.kind === "f") cov.push(it.x);
        else if (it.kind === "d") { dels.push(it.x.id); joins = joins || it.join; }
        else if (it.kind === "m") md.push(it.cls);
        else rf.push(it.x.id);
      });
      var piece = text.slice(a, b);
      if (piece === "\n") {
        if (cov.length || dels.length) {
          var nl = h("span", { class: "nl" + (cov.length ? " c-" + inner(cov).cat : "") + (joins ? " join" : ""), "data-s": a });
          if (cov.length) nl.setAttribute("data-f", ids(cov));
          if (dels.length) nl.setAttribute("data-d", dels.join(" "));
          tx.appendChild(nl);
          view.segs.push({ s: a, e: b, el: nl });
        }
        if (!tx.firstChild) line.classList.add("blank");
        lineNo++;
        rowStart = b;
        newLine();
        continue;
      }
      piece = piece.replace(/\r$/, "");
      if (!cov.length && !dels.length && !rf.length) {
        if (md.length) { var sp = h("span", { class: md.join(" ") }); appendText(sp, piece); tx.appendChild(sp); }
        else appendText(tx, piece);
        continue;
      }
      var m = h("mark", { "data-s": a });
      appendText(m, piece);
      if (cov.length) {
        cov.sort(function (p, q) { return (p.e - p.s) - (q.e - q.s) || p.id - q.id; });
        m.className = "c-" + cov[0].cat;
        m.setAttribute("data-f", ids(cov));
        m.style.boxShadow = cov.slice(0, 4).map(function (x, j) {
          return "inset 0 -" + (2 * j + 2) + "px 0 var(--" + x.cat + ")";
        }).join(", ");
      } else if (rf.length) {
        m.className = "ref";
      }
      if (md.length) m.className += " " + md.join(" ");
      if (dels.length) m.setAttribute("data-d", dels.join(" "));
      if (rf.length) m.setAttribute("data-r", rf.join(" "));
      tx.appendChild(m);
      view.segs.push({ s: a, e: b, el: m });
    }
    if (!tx.firstChild) line.classList.add("blank");
    return frag;
  }
  function inner(cov) { return cov.slice().sort(function (p, q) { return (p.e - p.s) - (q.e - q.s); })[0]; }
  function ids(cov) { return cov.map(function (x) { return x.id; }).join(" "); }

  // a sentence an editor reads first: what needs them, and what is only punctuation
  function summaryLine(f) {
    var c = fileCounts(f), parts = [];
    CATS.forEach(function (k) { if (k !== "typography" && c[k]) parts.push(CAT_LABEL[k] + " " + c[k]); });
    var out = [];
    if (c.editor) {
      var sev = { error: 0, warning: 0, info: 0 };
      f.findings.forEach(function (x) { if (active(x) && x.cat !== "typography") sev[x.severity]++; });
      out.push(h("b", null, "需编辑处理 " + c.editor + " 处"), "（" + parts.join("、") + "）");
      if (sev.error) out.push("，其中 ", h("span", { class: "sev-error" }, "错误 " + sev.error + " 处"));
    } else {
      out.push(h("b", null, "没有需要编辑处理的问题"));
    }
    out.push("；标点排版 " + c.typography + " 处。");
    return out;
  }

  function renderDoc(fi) {
    var f = files[fi];
    var doc = $("doc");
    doc.textContent = "";
    if (f.error) append(doc, h("p", { class: "error" }, "无法读取：" + f.error));
    else doc.appendChild(buildDoc(f));
    var crumbs = $("crumbs");
    crumbs.textContent = "";
    append(crumbs, [h("a", { href: "#" }, "← 总览"),
      fi > 0 ? h("a", { href: "#file=" + (fi - 1) }, "‹ 上一篇") : null,
      fi + 1 < files.length ? h("a", { href: "#file=" + (fi + 1) }, "下一篇 ›") : null]);
    var head = $("dochead");
    head.textContent = "";
    append(head, [h("h2", { class: "headline" }, title(f)),
      h("div", { class: "meta" }, h("span", { class: "path" }, f.path), " · " + (f.encoding || "") + " · " +
        (f.chars || 0).toLocaleString("zh-CN") + " 字"),
      h("p", { class: "summary" }, summaryLine(f)),
      h("div", { id: "toolbar" })]);
    renderList(f);
    $("detail").textContent = "";
    emit("doc", f);
  }

  // the side list: what needs an editor first, in order; typography folded per rule at the end
  function listOrder(f) {
    var fs = f.findings.filter(active);
    var editor = fs.filter(function (x) { return x.cat !== "typography"; });
    var groups = new Map();
    fs.forEach(function (x) {
      if (x.cat !== "typography") return;
      if (!groups.has(x.rule)) groups.set(x.rule, []);
      groups.get(x.rule).push(x);
    });
    return { editor: editor, groups: groups };
  }

  // findings in the order j/k visit them: the side list's visible items
  function visitOrder(f) {
    var o = listOrder(f), out = o.editor.slice();
    o.groups.forEach(function (xs, rule) { if (state.openGroups.has(rule)) out = out.concat(xs); });
    return out;
  }

  function listItem(x) {
    var li = h("li", { "data-id": x.id, onclick: function () { select(x.id, true); } },
      h("span", { class: "where" }, x.line + ":" + x.col),
      h("span", { class: "badge c-" + x.cat, title: CAT_LABEL[x.cat] }, x.rule),
      h("span", { class: "m", title: x.msg }, x.msg));
    emit("listItem", li, x);
    return li;
  }

  function renderList(f) {
    var list = $("flist");
    list.textContent = "";
    var o = listOrder(f), n = o.editor.length;
    o.groups.forEach(function (xs) { n += xs.length; });
    $("listhead").textContent = "本文 " + n + " 处问题";
    o.editor.forEach(function (x) { list.appendChild(listItem(x)); });
    o.groups.forEach(function (xs, rule) {
      var r = RULES[rule] || { title: rule };
      var body = h("ol", { class: "group-items" });
      var det = h("details", { class: "group", "data-rule": rule },
        h("summary", null, h("span", { class: "badge c-typography" }, rule), " " + (r.title || r.name) + " ",
          h("span", { class: "n" }, "×" + xs.length)), body);
      det.open = state.openGroups.has(rule);
      function fill() { if (!body.firstChild) xs.forEach(function (x) { body.appendChild(listItem(x)); }); }
      if (det.open) fill();
      det.addEventListener("toggle", function () {
        if (det.open) { state.openGroups.add(rule); fill(); } else state.openGroups.delete(rule);
      });
      emit("listGroup", det, rule, xs);
      list.appendChild(h("li", { class: "grouprow" }, det));
    });
  }

  // scroll the side list (only the list: not the window, not the detail card) to show `li`
  function revealInList(li) {
    var list = $("flist");
    var top = li.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop;
    var bottom = top + li.offsetHeight;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight;
  }

  // --- finding cards, selection, navigation -----------------------------------------
  function describeEdit(text, ed) {
    var s = ed[0], e = ed[1], rep = ed[2], old = text.slice(s, e);
    var where = "第 " + lineOf(s) + " " + unitOf(files[state.file]);
    if (!rep && /^\s*\n\s*$/.test(old) && old.length) return [where + "末：与下一段接排（删除换行）"];
    if (!rep) return [where + "：删除", h("q", null, clip(visible(old), 60))];
    if (s === e) return [where + "：插入", h("q", null, clip(visible(rep), 60))];
    return [where + "：将", h("q", null, clip(visible(old), 40)), "改为", h("q", null, clip(visible(rep), 40))];
  }

  function excerpt(sp) {
    if (!sp.text) return null;
    if (!sp.hl) return h("q", null, clip(visible(sp.text), 50));
    var t = sp.text;
    return h("q", null, visible(t.slice(0, sp.hl[0])), h("b", { class: "same" }, visible(t.slice(sp.hl[0], sp.hl[1]))),
      visible(t.slice(sp.hl[1])));
  }

  function card(x, withLinks) {
    var r = RULES[x.rule] || { name: x.rule, title: "" };
    var f = files[x.file];
    var el = h("div", { class: "card", "data-id": x.id },
      h("div", { class: "head" }, h("span", { class: "badge c-" + x.cat }, CAT_LABEL[x.cat]),
        h("b", { class: "code" }, x.rule), h("span", { class: "name" }, r.name),
        h("span", { class: "sev-" + x.severity }, SEV_LABEL[x.severity]),
        h("span", { class: "name" }, "第 " + x.line + " " + unitOf(f) + "第 " + x.col + " 列")),
      h("div", { class: "msg" }, x.msg));
    if (x.sug !== null && x.sug !== undefined) {
      append(el, h("div", { class: "sug" }, "建议：", x.sug === "" ? "删除" : x.sug));
    }
    if (withLinks && x.fix && x.fix.edits.length) {
      var moves = x.fix.edits.slice(0, 8).map(function (ed) { return h("li", null, describeEdit(f.text || "", ed)); });
      if (x.fix.edits.length > 8) moves.push(h("li", null, "……共 " + x.fix.edits.length + " 处修改"));
      append(el, h("div", { class: "fix" }, (x.fix.applicability === "safe" ? "可自动修复" : "需人工确认的修复") +
        (x.fix.desc ? "：" + x.fix.desc : ""), h("ul", null, moves)));
    }
    if (withLinks && x.rel && x.rel.length) {
      append(el, h("div", { class: "rel" }, x.cat === "duplicate" ? "首次出现：" : "相关位置：",
        h("ul", null, x.rel.map(function (sp) {
          var fi = sp.path !== undefined && sp.path !== null ? byPath.get(sp.path) : x.file;
          var label = (sp.path ? sp.path + " " : "") + "第 " + sp.line + " " + unitOf(fi === undefined ? null : files[fi]);
          var s = sp.ms !== undefined ? sp.ms : sp.s, e = sp.ms !== undefined ? sp.me : sp.e;
          var link = fi === undefined ? h("span", null, label) :
            h("a", { class: "goto", onclick: function () { goTo(fi, s, e); } }, label);
          return h("li", null, link, sp.text ? [" ", excerpt(sp)] : null);
        }))));
    }
    if (withLinks && r.title) append(el, h("div", { class: "sum" }, "规则：" + r.title));
    emit("card", el, x, withLinks);
    return el;
  }

  function clearSel() {
    document.querySelectorAll(".sel, .seldel, .ins.show").forEach(function (e) { e.classList.remove("sel", "seldel", "show"); });
    state.sel = null;
    $("detail").textContent = "";
  }

  function select(id, scroll) {
    var x = all[id];
    if (state.file !== x.file) openFile(x.file, true);
    clearSel();
    state.sel = id;
    if (x.cat === "typography" && !state.openGroups.has(x.rule)) {
      var det = document.querySelector('#flist details.group[data-rule="' + x.rule + '"]');
      if (det) det.open = true;
      state.openGroups.add(x.rule);
      if (det && !det.querySelector("li")) det.dispatchEvent(new Event("toggle"));
    }
    var marks = document.querySelectorAll('#doc [data-f~="' + id + '"]');
    marks.forEach(function (e) { e.classList.add("sel"); });
    document.querySelectorAll('#doc [data-d~="' + id + '"]').forEach(function (e) { e.classList.add("seldel"); });
    document.querySelectorAll('#doc .ins[data-e~="' + id + '"]').forEach(function (e) { e.classList.add("show"); });
    var d = $("detail");
    d.textContent = "";
    d.appendChild(card(x, true));
    d.scrollTop = 0;
    // after the card: it takes its room first, the list scrolls in what is left
    var li = document.querySelector('#flist li[data-id="' + id + '"]');
    if (li) { li.classList.add("sel"); revealInList(li); }
    if (scroll && marks.length) marks[0].scrollIntoView({ block: "center" });
    history.replaceState(null, "", "#file=" + x.file + "&f=" + id);
  }

  function goTo(fi, s, e) {
    if (state.file !== fi) openFile(fi, true);
    var hit = view.segs.filter(function (g) { return g.s < e && g.e > s || (g.s === s && s === e); });
    if (!hit.length) {
      var ln = document.querySelector('#doc .ln[data-line="' + lineOf(s) + '"]');
      if (ln) { ln.scrollIntoView({ block: "center" }); ln.classList.remove("flash"); void ln.offsetWidth; ln.classList.add("flash"); }
      return;
    }
    hit[0].el.scrollIntoView({ block: "center" });
    hit.forEach(function (g) { g.el.classList.remove("flash"); void g.el.offsetWidth; g.el.classList.add("flash"); });
  }

  function openFile(fi, quiet) {
    state.file = fi;
    state.sel = null;
    $("overview").hidden = true;
    $("docview").hidden = false;
    renderDoc(fi);
    if (!quiet) { window.scrollTo(0, 0); history.replaceState(null, "", "#file=" + fi); }
  }

  function showOverview() {
    state.file = null;
    state.sel = null;
    $("docview").hidden = true;
    $("overview").hidden = false;
    history.replaceState(null, "", "#");
    renderTable();
  }

  function step(dir) {
    // next/previous finding in this file (as the side list shows them), then in the next/previous file
    if (state.file !== null) {
      var cur = visitOrder(files[state.file]);
      var pos = state.sel === null ? -1 : cur.findIndex(function (x) { return x.id === state.sel; });
      var nxt = pos < 0 ? (dir > 0 ? 0 : cur.length - 1) : pos + dir;
      if (nxt >= 0 && nxt < cur.length) { select(cur[nxt].id, true); return; }
    }
    for (var j = 1; j <= files.length; j++) {
      var base = state.file === null ? (dir > 0 ? -1 : 0) : state.file;
      var fi = ((base + dir * j) % files.length + files.length) % files.length;
      var fs = visitOrder(files[fi]);
      if (fs.length) { openFile(fi, true); select(fs[dir > 0 ? 0 : fs.length - 1].id, true); return; }
    }
  }

  // --- hover and click on the text ----------------------------------------------------
  var tip = $("tip");
  function findingsAt(el) {
    var v = el.getAttribute("data-f");
    return v ? v.split(" ").map(function (i) { return all[+i]; }) : [];
  }
  document.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest && ev.target.closest("#doc [data-f], #doc mark.ref");
    if (!el) { tip.hidden = true; return; }
    tip.textContent = "";
    var fs = findingsAt(el);
    if (fs.length) fs.forEach(function (x) { tip.appendChild(card(x, false)); });
    else append(tip, h("div", { class: "card" }, "此段被 " + el.getAttribute("data-r").split(" ").length + " 处问题引用（点击查看）"));
    tip.hidden = false;
    var r = el.getBoundingClientRect();
    var top = r.bottom + 8;
    if (top + tip.offsetHeight > window.innerHeight) top = Math.max(8, r.top - tip.offsetHeight - 8);
    tip.style.top = top + "px";
    tip.style.left = Math.max(8, Math.min(r.left, window.innerWidth - tip.offsetWidth - 8)) + "px";
  });
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest && ev.target.closest("#doc [data-f], #doc mark.ref");
    if (!el) return;
    var fs = findingsAt(el);
    if (fs.length) {
      var k = fs.findIndex(function (x) { return x.id === state.sel; });
      select(fs[(k + 1) % fs.length].id, false);
      return;
    }
    var d = $("detail");
    d.textContent = "";
    append(d, h("div", { class: "card" }, h("div", { class: "msg" }, "这段文字在别处被重复或引用："),
      h("ul", null, el.getAttribute("data-r").split(" ").map(function (i) {
        var x = all[+i];
        return h("li", null, h("a", { onclick: function () { select(x.id, true); } },
          (x.file !== state.file ? title(files[x.file]) + " " : "") + x.rule + " 第 " + x.line + " " + unitOf(files[x.file])));
      }))));
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t && (t.tagName === "INPUT" && t.type !== "checkbox" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    if (ev.key === "j" || ev.key === "n") { step(1); ev.preventDefault(); }
    else if (ev.key === "k" || ev.key === "p") { step(-1); ev.preventDefault(); }
    else if (ev.key === "Escape") { clearSel(); tip.hidden = true; }
    else if (ev.key === "g") { showOverview(); }
  });
  $("q").addEventListener("input", function () { state.query = $("q").value; renderTable(); });

  function route() {
    var m = /^#file=(\d+)(?:&f=(\d+))?/.exec(location.hash);
    if (m && files[+m[1]]) {
      if (state.file !== +m[1]) openFile(+m[1], true);
      if (m[2] !== undefined && all[+m[2]] && all[+m[2]].file === +m[1]) select(+m[2], true);
      else window.scrollTo(0, 0);
    } else if (state.file !== null || !location.hash || location.hash === "#") {
      showOverview();
    }
  }
  // the header wraps onto more lines in a narrow window: sticky elements below it follow its height
  function syncHeader() { document.documentElement.style.setProperty("--head", $("top").offsetHeight + "px"); }

  var Z = window.zhcheckReport = {
    data: DATA, findings: all, files: files, rules: RULES, state: state, cats: CATS, catLabel: CAT_LABEL,
    h: h, append: append, clip: clip, active: active, title: title, on: on, emit: emit,
    select: select, openFile: openFile, refresh: refresh, step: step, visitOrder: visitOrder, card: card,
    fileCounts: fileCounts,
    start: function () {
      window.addEventListener("hashchange", route);
      if (window.ResizeObserver) new ResizeObserver(syncHeader).observe($("top"));
      else window.addEventListener("resize", syncHeader);
      refresh();
      syncHeader();
      route();
      Z.ready = true;
    },
    ready: false
  };
})();
