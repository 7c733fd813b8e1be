/* Comparisons made on demand. A policy-line page shows open the comparisons of its task
   with the tasks a link joins to it directly; the tasks its line reaches only through others
   are folded (details.compare-more), each with the addresses of both tasks' compare data
   (lineage/compare/<task id>.json: words, terms, figures; build_scripts/website/pages/lineage.py).
   When the reader opens one, this script loads the two files and builds the same view the
   build renders for a direct pair (_compare_block.md.j2), without evidence: no link joins
   them. It is a port of build_scripts/website/lineage_views/compare.py; the browser tests
   compare its output with Python's for every folded pair of the site, and its word
   alignment with difflib's. Text goes into the page as text nodes, never as markup. */
(function () {
  "use strict";

  /* ------------------------------------------------------------ word alignment */

  /* difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks(), without the
     final (len(a), len(b), 0): [[i, j, n], …] in order. */
  function matchingBlocks(a, b) {
    var b2j = new Map();
    for (var j = 0; j < b.length; j++) {
      var list = b2j.get(b[j]);
      if (!list) b2j.set(b[j], (list = []));
      list.push(j);
    }
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var next = new Map(), js = b2j.get(a[i]) || [];
        for (var n = 0; n < js.length; n++) {
          var jj = js[n];
          if (jj < blo) continue;
          if (jj >= bhi) break;
          var k = (j2len.get(jj - 1) || 0) + 1;
          next.set(jj, k);
          if (k > bestsize) { besti = i - k + 1; bestj = jj - k + 1; bestsize = k; }
        }
        j2len = next;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti--; bestj--; bestsize++; }
      while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
      return [besti, bestj, bestsize];
    }
    var queue = [[0, a.length, 0, b.length]], blocks = [];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        blocks.push(m);
        if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]]);
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]);
      }
    }
    blocks.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
    var out = [], i1 = 0, j1 = 0, k1 = 0;
    blocks.forEach(function (m) {
      if (i1 + k1 === m[0] && j1 + k1 === m[1]) { k1 += m[2]; return; }
      if (k1) out.push([i1, j1, k1]);
      i1 = m[0]; j1 = m[1]; k1 = m[2];
    });
    if (k1) out.push([i1, j1, k1]);
    return out;
  }

  /* ------------------------------------------------------------ marks per character */

  /* Offsets count code points (as Python's do): a text is an array of them. */
  function chars(text) { return Array.from(text); }

  function starts(words) {
    var out = [0];
    words.forEach(function (w) { out.push(out[out.length - 1] + chars(w).length); });
    return out;
  }

  /* changed_masks: for each character of both texts, is it in a word the alignment drops? */
  function changedMasks(a, b) {
    var sa = starts(a), sb = starts(b);
    var maskA = new Array(sa[sa.length - 1]).fill(true), maskB = new Array(sb[sb.length - 1]).fill(true);
    matchingBlocks(a, b).forEach(function (m) {
      maskA.fill(false, sa[m[0]], sa[m[0] + m[2]]);
      maskB.fill(false, sb[m[1]], sb[m[1] + m[2]]);
    });
    return [maskA, maskB];
  }

  function spanMask(length, spans) {
    var mask = new Array(length).fill(false);
    spans.forEach(function (s) {
      var start = Math.max(s[0], 0), end = Math.min(s[1], length);
      if (start < end) mask.fill(true, start, end);
    });
    return mask;
  }

  /* Python's str.isspace. */
  var SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

  /* kept_share: the share of the non-whitespace characters that are kept. */
  function keptShare(text, changed) {
    var counted = 0, kept = 0;
    text.forEach(function (c, i) {
      if (SPACE.test(c)) return;
      counted++;
      if (!changed[i]) kept++;
    });
    return counted ? kept / counted : 0;
  }

  /* paragraph_runs without evidence: paragraphs (cut at line breaks) of runs with equal marks. */
  function paragraphs(text, changed, renamed) {
    var out = [], paragraph = [], run = null;
    text.forEach(function (c, i) {
      if (c === "\n") { out.push(paragraph); paragraph = []; run = null; return; }
      if (run && run.changed === changed[i] && run.renamed === renamed[i]) { run.text += c; return; }
      run = { text: c, changed: changed[i], renamed: renamed[i] };
      paragraph.push(run);
    });
    out.push(paragraph);
    return out;
  }

  /* "%.0f" of a percentage, as Python formats it (a tie goes to the even number). */
  function percent(share) {
    var x = share * 100, r = Math.round(x);
    if (x - Math.floor(x) === 0.5 && r % 2) r -= 1;
    return String(r);
  }

  /* ------------------------------------------------------------ the comparison */

  function termMap(record) {
    var map = new Map();
    record.terms.forEach(function (t) { map.set(t.id, t); });
    return map;
  }

  function termSpans(record, ids) {
    var out = [];
    record.terms.forEach(function (t) { if (ids.has(t.id)) out = out.concat(t.spans); });
    return out;
  }

  /* compare(earlier, later, cut) with no links: what the view shows. */
  function compare(earlier, later) {
    var a = termMap(earlier), b = termMap(later), renamed = [];
    a.forEach(function (ta, ka) {
      if (b.has(ka)) return;
      b.forEach(function (tb, kb) {
        if (!a.has(kb) && kb !== ka && ta.family === tb.family) renamed.push([ta, tb]);
      });
    });
    var old = new Set(renamed.map(function (p) { return p[0].id; }));
    var now = new Set(renamed.map(function (p) { return p[1].id; }));
    var masks = changedMasks(earlier.words, later.words);
    function side(record, changed, ids) {
      var text = chars(record.words.join(""));
      var kept = spanMask(text.length, termSpans(record, ids));
      changed = changed.map(function (c, i) { return c && !kept[i]; });
      return { record: record, paragraphs: paragraphs(text, changed, kept), share: keptShare(text, changed) };
    }
    var rows = new Map();
    [earlier, later].forEach(function (record, i) {
      record.figures.forEach(function (f) {
        if (!rows.has(f.id)) rows.set(f.id, { name: f.name, sides: [[], []] });
        rows.get(f.id).sides[i] = rows.get(f.id).sides[i].concat(f.links);
      });
    });
    return {
      earlier: side(earlier, masks[0], old),
      later: side(later, masks[1], now),
      newTerms: later.terms.filter(function (t) { return !a.has(t.id) && !now.has(t.id); }),
      droppedTerms: earlier.terms.filter(function (t) { return !b.has(t.id) && !old.has(t.id); }),
      renamed: renamed,
      figures: Array.from(rows.values())
    };
  }

  /* ------------------------------------------------------------ rendering (as _compare_block.md.j2) */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  /* Items with a separator between them, or the text for none. */
  function joined(items, separator, none) {
    if (!items.length) return [none];
    var out = [];
    items.forEach(function (item, i) { if (i) out.push(separator); out.push(item); });
    return out;
  }

  function termLink(t) { return el("a", { class: "term", href: t.href }, [t.term]); }

  function figureLink(f) { return el("a", { class: "figure", href: f.href, title: f.title }, [f.figure]); }

  function label(text) { return el("span", { class: "changes-label" }, [text]); }

  function changes(c) {
    var out = [
      el("p", {}, [label("新出现的术语：")].concat(joined(c.newTerms.map(termLink), "、", "无"))),
      el("p", {}, [label("不再出现的术语：")].concat(joined(c.droppedTerms.map(termLink), "、", "无")))
    ];
    if (c.renamed.length) {
      var renamed = c.renamed.map(function (p) {
        return [termLink(p[0]), " → ", termLink(p[1]), "（同一政策，名称改变）"];
      });
      out.push(el("p", {}, [label("改称的术语：")].concat([].concat.apply([], joined(renamed, ["、"], [])))));
    }
    var rows = c.figures.map(function (row) {
      var parts = [row.name + " "];
      row.sides.forEach(function (links, i) {
        parts = parts.concat(joined(links.map(figureLink), "、", "（无）"));
        if (i === 0) parts.push(" → ");
      });
      return el("span", { class: "figure-row" }, parts);
    });
    out.push(el("p", {}, [label("数字：")].concat(joined(rows, "；", "两者都没有"))));
    return el("div", { class: "compare-changes" }, out);
  }

  function run(r, kind) {
    var node = document.createTextNode(r.text);
    if (r.renamed) node = el("span", { class: "renamed-term", title: "改称：同一政策用了新名称" }, [node]);
    if (r.changed) node = el(kind, {}, [node]);
    return node;
  }

  function column(side, first) {
    var kind = first ? "del" : "ins", record = side.record;
    return el("div", { class: "compare-col compare-" + (first ? "earlier" : "later") }, [
      el("p", { class: "compare-label" }, [
        (first ? "较早" : "较晚") + " · " + record.plan + " · ",
        el("a", { href: record.href }, [el("code", {}, [record.id])])
      ]),
      el("div", { class: "compare-text" }, side.paragraphs.map(function (runs) {
        return el("p", {}, runs.map(function (r) { return run(r, kind); }));
      }))
    ]);
  }

  /* The view's elements: meta line, changes, both texts. */
  function render(c) {
    return [
      el("div", { class: "compare-meta" }, [
        el("span", { class: "compare-indirect" }, ["间接承接"]),
        " · 保留的词语占较早任务文字 " + percent(c.earlier.share) + "%、较晚任务文字 " + percent(c.later.share) + "%"
      ]),
      changes(c),
      el("div", { class: "compare" }, [column(c.earlier, true), column(c.later, false)])
    ];
  }

  /* ------------------------------------------------------------ on the page */

  var loaded = new Map();
  function load(href) {
    var url = new URL(href, location.href).href;
    if (!loaded.has(url)) {
      loaded.set(url, fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      }));
    }
    return loaded.get(url);
  }

  function open(details) {
    var slot = details.querySelector(".compare-lazy");
    if (!slot || slot.dataset.state) return;
    slot.dataset.state = "loading";
    slot.setAttribute("aria-busy", "true");
    // A screen reader hears that the comparison is there, not the whole of it read out at once.
    var status = details.querySelector(".compare-status");
    function say(text) { if (status) status.textContent = text; }
    Promise.all([load(details.dataset.earlier), load(details.dataset.later)]).then(function (records) {
      slot.replaceChildren.apply(slot, render(compare(records[0], records[1])));
      slot.dataset.state = "done";
      say("对照已载入。");
    }, function () {
      slot.replaceChildren(el("p", { class: "compare-loading" }, ["对照数据未能载入，请刷新页面后重试。"]));
      delete slot.dataset.state;
      say("对照数据未能载入，请刷新页面后重试。");
    }).then(function () { slot.removeAttribute("aria-busy"); });
  }

  /* toggle does not bubble: listen while it is captured. */
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.matches && details.matches("details.compare-more") && details.open) open(details);
  }, true);

  window.CompareView = { matchingBlocks: matchingBlocks, compare: compare, render: render, open: open };
})();
