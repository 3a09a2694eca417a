(function () {
  "use strict";
  // The editor's review: accept or reject each finding (or a rule's, a category's at once);
  // the corrected text (accepted fixes applied) and a patch to download per document; the
  // decisions exported as a file `zhcheck check --baseline` and `zhcheck fix --decisions`
  // read. Decisions are kept in the browser's storage under this report's id, so they
  // survive a reload. Fixes are chosen as zhcheck chooses them (zhcheck.app.decisions).
  var Z = window.zhcheckReport, h = Z.h, append = Z.append;
  var DATA = Z.data, files = Z.files, all = Z.findings;
  var STORE = "zhcheck-review:" + DATA.report;
  var LABEL = { accept: "已采纳", reject: "误报" };
  var dec = load();

  // a finding's key: its file, its fingerprint and which occurrence of that fingerprint it is
  files.forEach(function (f) {
    var seen = {};
    f.findings.forEach(function (x) {
      var n = seen[x.fp] = (seen[x.fp] || 0) + 1;
      x.key = f.path + "\n" + x.fp + "\n" + n;
    });
  });

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { return {}; }
  }
  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(dec)); } catch (e) { /* storage off: decisions last this visit */ }
  }
  function decision(x) { return dec[x.key] || null; }
  function decide(xs, choice) {
    xs.forEach(function (x) { if (choice) dec[x.key] = choice; else delete dec[x.key]; });
    save();
    repaint();
  }
  function fixable(x) { return x.fix && x.fix.edits.length; }

  // --- choosing and applying the accepted fixes (zhcheck.app.decisions.choose_fixes) ---
  function collide(a, b) {
    if (a[0] < b[1] && b[0] < a[1]) return true;
    if (a[0] === a[1] || b[0] === b[1]) return a[0] === b[0] || a[0] === b[1] || a[1] === b[0] || a[1] === b[1];
    return false;
  }
  function coherent(edits) {
    for (var i = 0; i < edits.length; i++) {
      if (edits[i][0] < 0 || edits[i][1] < edits[i][0]) return false;
      for (var j = i + 1; j < edits.length; j++) if (collide(edits[i], edits[j])) return false;
    }
    return true;
  }
  function firstEdit(x) { return Math.min.apply(null, x.fix.edits.map(function (e) { return e[0]; })); }
  function chooseFixes(xs) {
    var cand = xs.filter(function (x) { return fixable(x) && coherent(x.fix.edits); });
    cand.sort(function (a, b) {
      return firstEdit(a) - firstEdit(b) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || a.s - b.s || a.e - b.e;
    });
    var taken = [], edits = [];
    cand.forEach(function (x) {
      if (x.fix.edits.some(function (a) { return edits.some(function (b) { return collide(a, b); }); })) return;
      taken.push(x);
      edits = edits.concat(x.fix.edits);
    });
    return taken;
  }
  function applyEdits(text, edits) {
    var out = [], pos = 0;
    edits.slice().sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; }).forEach(function (e) {
      out.push(text.slice(pos, e[0]), e[2]);
      pos = e[1];
    });
    out.push(text.slice(pos));
    return out.join("");
  }
  function accepted(f) { return f.findings.filter(function (x) { return decision(x) === "accept"; }); }
  function corrected(f) {
    var chosen = chooseFixes(accepted(f));
    var edits = [];
    chosen.forEach(function (x) { edits = edits.concat(x.fix.edits); });
    return { text: applyEdits(f.text || "", edits), chosen: chosen, edits: edits };
  }

  // --- a unified diff from the edits (hunks around the changed lines, 3 lines of context) ---
  function splitLines(text) {
    var out = [], i = 0;
    while (i < text.length) {
      var j = text.indexOf("\n", i);
      if (j < 0) { out.push(text.slice(i)); break; }
      out.push(text.slice(i, j + 1));
      i = j + 1;
    }
    return out;
  }
  function patch(f) {
    var text = f.text || "", fix = corrected(f), lines = splitLines(text), starts = [], pos = 0;
    if (!fix.edits.length) return "";
    lines.forEach(function (l) { starts.push(pos); pos += l.length; });
    function lineAt(o) {  // 0-based line holding offset o (the last line for the end of the text)
      var lo = 0, hi = lines.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= o) lo = mid; else hi = mid - 1; }
      return lo;
    }
    // changed line ranges [a, b] (0-based, inclusive), merged when they touch
    var where = fix.edits.map(function (e) {
      var a = lineAt(e[0]), b = lineAt(Math.max(e[0], e[1] - 1));
      // an edit that removes or replaces a line break joins the next line: it changes too
      if (e[1] > e[0] && e[1] === starts[b] + lines[b].length && /\n$/.test(lines[b]) && b + 1 < lines.length) b++;
      return [a, b];
    });
    var ranges = where.slice().sort(function (p, q) { return p[0] - q[0]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]); else merged.push(r.slice());
    });
    // hunks: changed ranges with context, merged when their context overlaps
    var C = 3, hunks = [];
    merged.forEach(function (r) {
      var last = hunks[hunks.length - 1];
      if (last && r[0] - C <= last.changes[last.changes.length - 1][1] + C + 1) last.changes.push(r);
      else hunks.push({ changes: [r] });
    });
    function eol(l) { return /\n$/.test(l) ? [l] : [l + "\n", "\\ No newline at end of file\n"]; }
    function editsIn(a, b) {
      var lo = starts[a];
      return fix.edits.filter(function (e, i) { return where[i][0] >= a && where[i][1] <= b; })
        .map(function (e) { return [e[0] - lo, e[1] - lo, e[2]]; });
    }
    var out = ["--- a/" + f.path + "\n", "+++ b/" + f.path + "\n"], delta = 0;
    hunks.forEach(function (hk) {
      var first = Math.max(0, hk.changes[0][0] - C);
      var lastLine = Math.min(lines.length - 1, hk.changes[hk.changes.length - 1][1] + C);
      var body = [], oldN = 0, newN = 0, at = first;
      hk.changes.forEach(function (r) {
        for (; at < r[0]; at++) { body.push(" " + lines[at]); oldN++; newN++; }
        var old = lines.slice(r[0], r[1] + 1);
        var now = splitLines(applyEdits(old.join(""), editsIn(r[0], r[1])));
        old.forEach(function (l) { body = body.concat(eol("-" + l)); oldN++; });
        now.forEach(function (l) { body = body.concat(eol("+" + l)); newN++; });
        at = r[1] + 1;
      });
      for (; at <= lastLine; at++) { body.push(" " + lines[at]); oldN++; newN++; }
      body = body.reduce(function (acc, l) { return acc.concat(/\n$/.test(l) ? [l] : eol(l)); }, []);
      var oldStart = oldN ? first + 1 : first, newStart = (newN ? first + 1 : first) + delta;
      out.push("@@ -" + oldStart + "," + oldN + " +" + newStart + "," + newN + " @@\n");
      out = out.concat(body);
      delta += newN - oldN;
    });
    return out.join("");
  }

  // --- files to take away -------------------------------------------------------------
  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: (type || "text/plain") + ";charset=utf-8" }));
    var a = h("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }
  function baseName(path) { return path.split(/[\\/]/).pop(); }
  function withSuffix(path, suffix) {
    var b = baseName(path), i = b.lastIndexOf(".");
    return i > 0 ? b.slice(0, i) + suffix + b.slice(i) : b + suffix;
  }
  function decisionsFile() {
    var rows = [], used = [];
    files.forEach(function (f) {
      var any = false;
      f.findings.forEach(function (x) {
        var d = decision(x);
        if (!d) return;
        any = true;
        var row = { path: f.path, rule: x.rule, fingerprint: x.fp, decision: d, start: x.cp.s, end: x.cp.e,
          text: (f.text || "").slice(x.s, x.e) };
        if (d === "accept" && fixable(x)) row.edits = x.cp.edits;
        rows.push(row);
      });
      if (any) used.push({ path: f.path, sha1: f.sha1 });
    });
    return JSON.stringify({ version: 1, tool: "zhcheck", kind: "decisions", zhcheck: DATA.tool.version,
      report: DATA.report, base: DATA.base, files: used, decisions: rows }, null, 1) + "\n";
  }
  // false alarms on names and terms (OCR, garbled): a word list for the `words` config key
  function wordList() {
    var words = [];
    all.forEach(function (x) {
      if (decision(x) !== "reject" || (x.cat !== "ocr" && x.cat !== "garbled")) return;
      var t = (files[x.file].text || "").slice(x.s, x.e).trim();
      if (t.length >= 2 && t.length <= 12 && !/[\s，。、；：？！“”‘’（）《》,.;:?!()]/.test(t) && words.indexOf(t) < 0) words.push(t);
    });
    return "# zhcheck：审校时标为误报的词语（报告 " + DATA.report + "）。\n# 在 zhcheck.toml 中用 words = [\"本文件\"] 引用，这些词不再报告。\n" +
      words.join("\n") + (words.length ? "\n" : "");
  }

  // --- painting the decisions -----------------------------------------------------------
  function counts(xs) {
    var c = { accept: 0, reject: 0, open: 0 };
    xs.forEach(function (x) { c[decision(x) || "open"]++; });
    return c;
  }
  function progress(xs) {
    var c = counts(xs);
    return "已采纳 " + c.accept + " · 误报 " + c.reject + " · 未处理 " + c.open;
  }
  function paintDoc() {
    var f = Z.state.file === null ? null : files[Z.state.file];
    if (!f) return;
    var doc = document.getElementById("doc");
    doc.querySelectorAll(".acc, .rej, .accdel, .accins").forEach(function (e) {
      e.classList.remove("acc", "rej", "accdel", "accins");
    });
    var fix = corrected(f), chosen = new Set(fix.chosen.map(function (x) { return x.id; }));
    f.findings.forEach(function (x) {
      var d = decision(x);
      if (!d) return;
      doc.querySelectorAll('[data-f~="' + x.id + '"]').forEach(function (e) { e.classList.add(d === "accept" ? "acc" : "rej"); });
      if (chosen.has(x.id)) {
        doc.querySelectorAll('[data-d~="' + x.id + '"]').forEach(function (e) { e.classList.add("accdel"); });
        doc.querySelectorAll('.ins[data-e~="' + x.id + '"]').forEach(function (e) { e.classList.add("accins"); });
      }
    });
    document.querySelectorAll("#flist li[data-id]").forEach(function (li) { paintItem(li, all[+li.getAttribute("data-id")]); });
    document.querySelectorAll("#flist details.group").forEach(function (det) { paintGroup(det); });
    var p = document.getElementById("progress");
    var left = accepted(f).filter(fixable).length - fix.chosen.length;
    if (p) p.textContent = progress(f.findings.filter(Z.active)) + (left ? "（" + left + " 处采纳的修改与其他修改重叠，未应用）" : "");
    var t = document.getElementById("acc-typo");
    if (t) t.textContent = "采纳全部标点修改（" + typoFixes(f).length + "）";
  }
  function paintItem(li, x) {
    var d = decision(x);
    li.classList.toggle("acc", d === "accept");
    li.classList.toggle("rej", d === "reject");
    var mark = li.querySelector(".dec");
    if (!mark) { mark = h("span", { class: "dec" }); li.appendChild(mark); }
    mark.textContent = d === "accept" ? "✓" : d === "reject" ? "✗" : "";
    mark.title = d ? LABEL[d] : "";
  }
  function paintGroup(det) {
    var rule = det.getAttribute("data-rule"), f = files[Z.state.file];
    var xs = f.findings.filter(function (x) { return x.rule === rule && Z.active(x); });
    var c = counts(xs), el = det.querySelector(".gprog");
    if (el) el.textContent = c.accept + c.reject ? "（✓" + c.accept + " ✗" + c.reject + "）" : "";
  }
  function repaint() {
    if (Z.state.file === null) { Z.refresh(); return; }  // the overview: counts, table, review panel
    paintDoc();
    var sel = Z.state.sel;
    if (sel !== null) {
      var d = document.getElementById("detail");
      d.textContent = "";
      d.appendChild(Z.card(all[sel], true));
    }
    renderGlobal();
  }

  // --- controls -------------------------------------------------------------------------
  function typoFixes(f) {
    return f.findings.filter(function (x) { return x.cat === "typography" && fixable(x) && Z.active(x); });
  }
  function button(label, fn, attrs) {
    // (inside a <summary> a click would also open or close the group)
    return h("button", Object.assign({ type: "button", onclick: function (ev) { ev.preventDefault(); ev.stopPropagation(); fn(); } },
      attrs || {}), label);
  }
  function bulkMenu(xs, where) {
    // per category and per rule: accept all, mark all as false alarms, clear
    var cats = {}, rules = {};
    xs.forEach(function (x) { (cats[x.cat] = cats[x.cat] || []).push(x); (rules[x.rule] = rules[x.rule] || []).push(x); });
    function row(label, group, attrs) {
      return h("div", { class: "bulkrow" }, h("span", { class: "lbl" }, label, h("span", { class: "n" }, group.length)),
        button("全部采纳", function () { decide(group, "accept"); }, Object.assign({ class: "acc" }, attrs("accept"))),
        button("全部误报", function () { decide(group, "reject"); }, Object.assign({ class: "rej" }, attrs("reject"))),
        button("清除", function () { decide(group, null); }, attrs("clear")));
    }
    var menu = h("div", { class: "menu" }, h("div", { class: "mhead" }, "按类别"),
      Z.cats.filter(function (k) { return cats[k]; }).map(function (k) {
        return row(Z.catLabel[k], cats[k], function (a) { return { "data-bulk": a, "data-cat": k }; });
      }),
      h("div", { class: "mhead" }, "按规则"),
      Object.keys(rules).sort().map(function (r) {
        var t = Z.rules[r] ? Z.rules[r].title || Z.rules[r].name : r;
        return row(r + " " + t, rules[r], function (a) { return { "data-bulk": a, "data-rule": r }; });
      }));
    return h("details", { class: "bulk", id: "bulk-" + where }, h("summary", null, "批量处理"), menu);
  }
  function renderToolbar(f) {
    var bar = document.getElementById("toolbar");
    if (!bar || f.error) return;
    bar.textContent = "";
    var xs = f.findings.filter(Z.active);
    append(bar, [
      button("采纳全部标点修改（" + typoFixes(f).length + "）", function () { decide(typoFixes(f), "accept"); },
        { id: "acc-typo", class: "acc" }),
      bulkMenu(xs, "doc"),
      button("下载修改后全文", function () { download(withSuffix(f.path, ".zhcheck"), corrected(f).text); }, { id: "dl-text" }),
      button("下载补丁", function () { download(withSuffix(f.path, "") + ".patch", patch(f), "text/x-diff"); }, { id: "dl-patch" }),
      h("span", { id: "progress", class: "progress" })]);
  }
  function renderGlobal() {
    var el = document.getElementById("review-all");
    el.textContent = "";
    var xs = all.filter(Z.active), typo = xs.filter(function (x) { return x.cat === "typography" && fixable(x); });
    append(el, [h("h2", null, "审校"), h("p", { class: "progress" }, progress(xs)),
      h("div", { class: "tools" },
        button("所有文章：采纳全部标点修改（" + typo.length + "）", function () { decide(typo, "accept"); },
          { id: "acc-typo-all", class: "acc" }),
        bulkMenu(xs, "all")),
      h("div", { class: "tools" },
        button("导出审校决定", function () { download("zhcheck-decisions.json", decisionsFile(), "application/json"); },
          { id: "dl-decisions" }),
        button("导出误报词表", function () { download("zhcheck-words.txt", wordList()); }, { id: "dl-words" }),
        button("清除全部决定", function () { if (window.confirm("清除本报告的全部采纳和误报标记？")) decide(all, null); },
          { id: "clear-all" })),
      h("p", { class: "hint" }, "导出的决定文件：", h("code", null, "zhcheck fix --decisions zhcheck-decisions.json"),
        " 应用采纳的修改；", h("code", null, "zhcheck check --baseline zhcheck-decisions.json"), " 不再报告标为误报的问题。")]);
  }

  Z.on("card", function (el, x, full) {
    var d = decision(x);
    if (d) el.classList.add(d === "accept" ? "acc" : "rej");
    if (!full) {
      if (d) append(el.querySelector(".head"), h("span", { class: "dec" }, LABEL[d]));
      return;
    }
    var f = files[x.file];
    var fix = fixable(x);
    var row = h("div", { class: "decide" },
      button(fix ? "采纳修改" : "确认问题", function () { decide([x], "accept"); },
        { class: "acc" + (d === "accept" ? " on" : ""), "data-act": "accept", title: "快捷键 a" }),
      button("误报", function () { decide([x], "reject"); },
        { class: "rej" + (d === "reject" ? " on" : ""), "data-act": "reject", title: "快捷键 x" }),
      d ? button("撤销", function () { decide([x], null); }, { "data-act": "undo", title: "快捷键 u" }) : null);
    if (d === "accept" && fix && corrected(f).chosen.indexOf(x) < 0) {
      append(row, h("span", { class: "warn" }, "与另一处已采纳的修改重叠，未应用"));
    }
    var same = f.findings.filter(function (y) { return y.rule === x.rule && Z.active(y); });
    if (same.length > 1) {
      append(row, h("span", { class: "same-rule" }, "本文 " + x.rule + " 共 " + same.length + " 处：",
        button("全部采纳", function () { decide(same, "accept"); }, { "data-act": "accept-rule" }),
        button("全部误报", function () { decide(same, "reject"); }, { "data-act": "reject-rule" })));
    }
    el.insertBefore(row, el.children[2] || null);
  });
  Z.on("listItem", paintItem);
  Z.on("listGroup", function (det, rule, xs) {
    var sum = det.querySelector("summary");
    append(sum, [h("span", { class: "gprog" }), " ",
      button("全部采纳", function () { decide(xs.filter(fixable), "accept"); }, { class: "acc small", "data-act": "accept-group" })]);
  });
  Z.on("doc", function (f) { renderToolbar(f); paintDoc(); });
  Z.on("refresh", renderGlobal);
  Z.on("tableHead", function (tr) { tr.appendChild(h("th", { "data-key": "reviewed" }, "已审")); });
  Z.on("tableRow", function (row, f) {
    var xs = f.findings.filter(Z.active), c = counts(xs);
    f.sortKeys = { reviewed: c.accept + c.reject };
    row.appendChild(h("td", { class: "rev" + (c.open ? "" : " done") }, xs.length ? c.accept + c.reject + "/" + xs.length : "–"));
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || Z.state.sel === null) return;
    var t = ev.target;
    if (t && (t.tagName === "INPUT" && t.type !== "checkbox" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    var x = all[Z.state.sel];
    if (ev.key === "a") { decide([x], "accept"); Z.step(1); ev.preventDefault(); }
    else if (ev.key === "x") { decide([x], "reject"); Z.step(1); ev.preventDefault(); }
    else if (ev.key === "u") { decide([x], null); ev.preventDefault(); }
  });
  window.addEventListener("storage", function (ev) { if (ev.key === STORE) { dec = load(); repaint(); } });

  Z.review = { decision: decision, decide: decide, corrected: corrected, patch: patch, decisionsFile: decisionsFile,
    wordList: wordList, chooseFixes: chooseFixes, store: STORE };
  Z.start();
})();
