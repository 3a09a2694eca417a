(function () {
  "use strict";
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
  files.forEach(function (f, fi) {
    f.index = fi;
    f.findings.forEach(function (x) {
      x.file = fi;
      x.id = all.length;
      x.cat = RULES[x.rule] ? RULES[x.rule].category : "garbled";
      all.push(x);
    });
  });
  var byPath = new Map(files.map(function (f) { return [f.path, f.index]; }));
  var state = {
    cats: new Set(CATS), sevs: new Set(SEVS), rules: new Set(Object.keys(RULES)),
    file: null, sel: null, sort: { key: "total", dir: -1 }, query: ""
  };
  var view = { segs: [], lineStarts: [], userStarts: null };

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
  function clip(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function visible(s) { return s.replace(/\r?\n/g, "↵").replace(/\t/g, "⇥"); }

  // --- counts and the overview ------------------------------------------------
  function fileCounts(f) {
    var c = { total: 0 };
    CATS.forEach(function (k) { c[k] = 0; });
    SEVS.forEach(function (k) { c[k] = 0; });
    f.findings.forEach(function (x) {
      if (!active(x)) return;
      c.total++; c[x.cat]++; c[x.severity]++;
    });
    return c;
  }

  function renderTotals() {
    var n = 0, chars = 0, sev = { error: 0, warning: 0, info: 0 };
    all.forEach(function (x) { if (active(x)) { n++; sev[x.severity]++; } });
    files.forEach(function (f) { chars += f.chars || 0; });
    var el = $("totals");
    el.textContent = "";
    append(el, [h("b", null, files.length), " 个文件 · ", h("b", null, chars.toLocaleString("zh-CN")), " 字 · ",
      h("b", null, n), " 处问题（"]);
    SEVS.forEach(function (s, i) {
      append(el, [i ? "，" : "", h("span", { class: "sev-" + s }, SEV_LABEL[s] + " " + sev[s])]);
    });
    append(el, "）");
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

  var COLS = [["path", "文件"], ["chars", "字数"]].concat(
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
    thead.appendChild(tr);
    var q = state.query.toLowerCase();
    var rows = files.filter(function (f) { return !q || f.path.toLowerCase().indexOf(q) >= 0; })
      .map(function (f) { return { f: f, c: fileCounts(f) }; });
    var key = state.sort.key, dir = state.sort.dir;
    rows.sort(function (a, b) {
      var va = key === "path" ? a.f.path : key === "chars" ? a.f.chars : a.c[key];
      var vb = key === "path" ? b.f.path : key === "chars" ? b.f.chars : b.c[key];
      if (va < vb) return -dir;
      if (va > vb) return dir;
      return a.f.index - b.f.index;
    });
    var tbody = document.createElement("tbody");
    rows.forEach(function (r) {
      var row = h("tr", { "data-file": r.f.index, onclick: function () { openFile(r.f.index); } },
        h("td", null, h("a", { href: "#file=" + r.f.index }, r.f.path)));
      if (r.f.error) {
        row.appendChild(h("td", { class: "err", colspan: COLS.length - 1 }, "无法读取：" + r.f.error));
      } else {
        row.appendChild(h("td", null, (r.f.chars || 0).toLocaleString("zh-CN")));
        COLS.slice(2).forEach(function (c) {
          var v = r.c[c[0]];
          row.appendChild(h("td", { class: (v ? "" : "zero") + (c[0] === "total" ? " tot" : "") }, v));
        });
      }
      tbody.appendChild(row);
    });
    $("files").replaceChild(tbody, $("files").tBodies[0]);
    $("shown").textContent = rows.length === files.length ? "" : "显示 " + rows.length + " / " + files.length + " 个文件";
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
      line = h("div", { class: "ln", "data-line": no }, h("span", { class: "no" }, no === lastNo ? "" : no), tx);
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
      var cov = [], dels = [], rf = [], joins = false;
      open.forEach(function (it) {
        if (it.kind === "f") cov.push(it.x);
        else if (it.kind === "d") { dels.push(it.x.id); joins = joins || it.join; }
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
      if (!cov.length && !dels.length && !rf.length) { tx.appendChild(document.createTextNode(piece)); continue; }
      var m = h("mark", { "data-s": a }, piece);
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

  function renderDoc(fi) {
    var f = files[fi];
    var doc = $("doc");
    doc.textContent = "";
    if (f.error) append(doc, h("p", { class: "error" }, "无法读取：" + f.error));
    else doc.appendChild(buildDoc(f));
    var crumbs = $("crumbs");
    crumbs.textContent = "";
    var c = fileCounts(f);
    append(crumbs, [h("a", { href: "#" }, "← 总览"), h("span", { class: "path" }, f.path),
      h("span", { class: "meta" }, (f.encoding || "") + " · " + (f.chars || 0) + " 字 · " + c.total + " 处问题"),
      fi > 0 ? h("a", { href: "#file=" + (fi - 1) }, "‹ 上一文件") : null,
      fi + 1 < files.length ? h("a", { href: "#file=" + (fi + 1) }, "下一文件 ›") : null]);
    renderList(f);
    $("detail").textContent = "";
  }

  function renderList(f) {
    var list = $("flist");
    list.textContent = "";
    var fs = f.findings.filter(active);
    $("listhead").textContent = "本文 " + fs.length + " 处问题";
    fs.forEach(function (x) {
      list.appendChild(h("li", { "data-id": x.id, onclick: function () { select(x.id, true); } },
        h("span", { class: "where" }, x.line + ":" + x.col),
        h("span", { class: "badge c-" + x.cat, title: CAT_LABEL[x.cat] }, x.rule),
        h("span", { class: "m", title: x.msg }, x.msg)));
    });
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
      append(el, h("div", { class: "rel" }, x.rule.charAt(0) === "D" ? "首次出现：" : "相关位置：",
        h("ul", null, x.rel.map(function (sp) {
          var fi = sp.path !== undefined && sp.path !== null ? byPath.get(sp.path) : x.file;
          var label = (sp.path ? sp.path + " " : "") + "第 " + sp.line + " " + unitOf(fi === undefined ? null : files[fi]);
          var link = fi === undefined ? h("span", null, label) :
            h("a", { class: "goto", onclick: function () { goTo(fi, sp.s, sp.e); } }, label);
          return h("li", null, link, sp.text ? [" ", h("q", null, clip(visible(sp.text), 50))] : null);
        }))));
    }
    if (withLinks && r.title) append(el, h("div", { class: "sum" }, "规则：" + r.title));
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
    var marks = document.querySelectorAll('#doc [data-f~="' + id + '"]');
    marks.forEach(function (e) { e.classList.add("sel"); });
    document.querySelectorAll('#doc [data-d~="' + id + '"]').forEach(function (e) { e.classList.add("seldel"); });
    document.querySelectorAll('#doc .ins[data-e~="' + id + '"]').forEach(function (e) { e.classList.add("show"); });
    var li = document.querySelector('#flist li[data-id="' + id + '"]');
    if (li) { li.classList.add("sel"); li.scrollIntoView({ block: "nearest" }); }
    var d = $("detail");
    d.textContent = "";
    d.appendChild(card(x, true));
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
  }

  function step(dir) {
    // next/previous finding in this file, then in the next/previous file that has any
    if (state.file !== null) {
      var cur = files[state.file].findings.filter(active);
      var pos = state.sel === null ? -1 : cur.findIndex(function (x) { return x.id === state.sel; });
      var nxt = state.sel === null ? (dir > 0 ? 0 : cur.length - 1) : pos + dir;
      if (nxt >= 0 && nxt < cur.length) { select(cur[nxt].id, true); return; }
    }
    for (var j = 1; j <= files.length; j++) {
      var base = state.file === null ? (dir > 0 ? -1 : 0) : state.file;
      var fi = ((base + dir * j) % files.length + files.length) % files.length;
      var fs = files[fi].findings.filter(active);
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
          (x.file !== state.file ? files[x.file].path + " " : "") + x.rule + " 第 " + x.line + " " + unitOf(files[x.file])));
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
  window.addEventListener("hashchange", route);
  // the header wraps onto more lines in a narrow window: sticky elements below it follow its height
  function syncHeader() { document.documentElement.style.setProperty("--head", $("top").offsetHeight + "px"); }
  if (window.ResizeObserver) new ResizeObserver(syncHeader).observe($("top"));
  else window.addEventListener("resize", syncHeader);
  refresh();
  syncHeader();
  route();
  window.zhcheckReport = { findings: all, files: files, state: state, select: select, openFile: openFile, refresh: refresh, ready: true };
})();
