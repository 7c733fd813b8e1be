/* 站内搜索：查询引擎 — the site's search engine (the project's own code; no library).

   Reads the index that build_scripts/website/search/index.py writes under search/ and answers a
   query in the browser. The analyzer below is the twin of build_scripts/language/analyzer.py:
   it takes its rules (characters dropped, numbering labels, closing punctuation) and the
   policy words from search/head.json, so the index and the query are cut by one segmenter;
   tests/test_search_analyzer.py runs both on every plan text and requires the same tokens.

   How a query is answered (the index's docstring says what the files hold):
   1. It is folded (traditional characters to simplified ones too) and cut: bigrams of
      each whitespace-separated part, its policy words, its title key (a pasted title without
      numbering or closing punctuation) and, if it looks like one, an id (p12-8-5). A query that is a glossary form is also asked for every other
      form of its term and of its rename family (社保卡 → 社会保障卡; 电子政务专网 → 有线政务专网).
   2. The shards holding those tokens are fetched (only those), and the documents that hold
      every bigram of every part are the candidates; an id or a title key that matches
      puts its document first.
   3. The first candidates are read (their texts come in small chunks) to tell a phrase
      from bigrams that are merely all present; then results are ordered: exact matches,
      the phrase as typed, plan text before glossary before the rest, a match in the title,
      then a tf-idf score over bigrams and policy words.
   4. Nothing found, and the query is one character away from a glossary form: the results
      are that form's, with a suggestion (您是不是要找).

   Exposed as SiteSearchEngine (browser) or module.exports (Node: benchmarks/search). */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.SiteSearchEngine = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var FORMAT = 1; // build_scripts/website/search/index.py FORMAT
  var VERIFY = 10; // candidates read to tell a phrase from scattered bigrams (the snippets shown first)
  var PARTIAL = 2 / 3; // share of a part's bigrams a partial match holds
  var ID = /^[a-z][a-z0-9]*(?:-[0-9]+)*$/;
  var WHITESPACE = /[\s\u3000]+/;
  // Sentence punctuation at the ends of a part (folded: ，；：！？ are ASCII): a phrase copied
  // with its full stop (物联网。) is also asked for without it.
  var EDGES = /^[。.,;:!?、…]+|[。.,;:!?、…]+$/g;
  var LATIN = /^[\x21-\x7e]+$/; // a part of ASCII only (folded: digits, letters, %, -)
  var PLAN_TEXT = { task: 0, section: 0, term: 1, text: 3 }; // tiers; anything else 2
  var LAST_RESORT = "text"; // 原文 passages and excerpts: shown only when nothing else holds the query
  var LAST_RESORT_NS = "c"; // … their bigrams, in shards of their own (c/), read only then
  // Levels of a match, best first: the phrase as typed 2, not read yet UNREAD, each part (of a
  // query with spaces) 1, every bigram but not together SCATTERED, most bigrams PARTIAL_LEVEL.
  var UNREAD = 1.5, SCATTERED = 0.75, PARTIAL_LEVEL = 0.5;

  /* ------------------------------------------------------------------ analyzer */

  function Analyzer(spec, terms) {
    this.dropped = new RegExp("^" + spec.dropped + "$");
    this.dashes = new RegExp("^" + spec.dashes + "$");
    this.numbering = new RegExp(spec.numbering);
    this.closing = new RegExp(spec.closing);
    // traditional → simplified, for the characters the index holds (繁简 pairs, one string)
    this.simplified = Object.create(null);
    var pairs = Array.from(spec.traditional || "");
    for (var p = 0; p + 1 < pairs.length; p += 2) this.simplified[pairs[p]] = pairs[p + 1];
    this.cache = Object.create(null);
    this.forms = Object.create(null); // folded form → term number
    var lengths = {};
    for (var n = 0; n < (terms || []).length; n++) {
      var forms = terms[n][1];
      for (var f = 0; f < forms.length; f++) {
        var key = this.fold(forms[f]);
        if (key && !(key in this.forms)) {
          this.forms[key] = n;
          lengths[Array.from(key).length] = true;
        }
      }
    }
    this.lengths = Object.keys(lengths).map(Number).sort(function (a, b) { return b - a; });
  }

  Analyzer.prototype.foldChar = function (ch) {
    var hit = this.cache[ch];
    if (hit !== undefined) return hit;
    var out = ch;
    if (this.dropped.test(ch)) {
      out = "";
    } else {
      var folded = ch.normalize("NFKC").toLowerCase();
      if (Array.from(folded).length === 1 && !this.dropped.test(folded)) out = folded;
      if (this.dashes.test(out)) out = "-";
      else if (this.simplified[out]) out = this.simplified[out];
    }
    this.cache[ch] = out;
    return out;
  };

  /** The text as the index sees it: folded characters, whitespace dropped. */
  Analyzer.prototype.fold = function (text) {
    var out = "";
    for (var ch of String(text)) out += this.foldChar(ch);
    return out;
  };

  /** Folded text with, for each folded character, where it starts in the text (UTF-16). */
  Analyzer.prototype.foldWithMap = function (text) {
    var chars = [], at = [], position = 0;
    for (var ch of String(text)) {
      var folded = this.foldChar(ch);
      if (folded) { chars.push(folded); at.push(position); }
      position += ch.length;
    }
    at.push(position);
    return { chars: chars, at: at };
  };

  Analyzer.prototype.bigrams = function (folded) {
    var chars = Array.from(folded), out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  };

  Analyzer.prototype.titleKey = function (title) {
    var folded = this.fold(title);
    return folded.replace(this.numbering, "").replace(this.closing, "") || folded;
  };

  /** [position, form] of every policy word, leftmost-longest (analyzer.PolicyWords.words). */
  Analyzer.prototype.words = function (folded) {
    var chars = Array.from(folded), found = [], position = 0;
    while (position < chars.length) {
      var matched = false;
      for (var l = 0; l < this.lengths.length; l++) {
        var length = this.lengths[l];
        if (position + length > chars.length) continue;
        var form = chars.slice(position, position + length).join("");
        if (form in this.forms) {
          found.push([position, form]);
          position += length;
          matched = true;
          break;
        }
      }
      if (!matched) position += 1;
    }
    return found;
  };

  function fnv1a(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h = (h ^ text.charCodeAt(i)) >>> 0;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }

  /* ------------------------------------------------------------------ index files */

  function fetchJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  /* The number of the chunk holding document `doc`, from the chunks' first documents. */
  function chunkOf(starts, doc) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= doc) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /* The first document of each chunk, from how many each holds. */
  function starts(sizes) {
    var out = [], position = 0;
    for (var i = 0; i < sizes.length; i++) { out.push(position); position += sizes[i]; }
    return out;
  }

  function Index(base, load) {
    this.base = base; // URL of the search/ folder, ending in "/"
    this.load = load || fetchJSON;
    this.files = Object.create(null);
    this.head = null;
  }

  /* A file of the index, fetched once; a failed fetch is forgotten, so that the next search
     asks again (a phone that lost its signal for a moment must not need a reload). */
  Index.prototype.file = function (path) {
    var files = this.files;
    if (!(path in files)) {
      var loading = this.load(this.base + path);
      files[path] = loading;
      loading.catch(function () { if (files[path] === loading) delete files[path]; });
    }
    return files[path];
  };

  Index.prototype.open = function () {
    var self = this;
    if (!this.opened) {
      this.opened = this.file("head.json").then(function (head) {
        if (head.format !== FORMAT) throw new Error("search index format " + head.format + ", expected " + FORMAT);
        self.head = head;
        self.metaStarts = starts(head.meta);
        self.textStarts = starts(head.text);
        self.analyzer = new Analyzer(head.spec, head.terms);
        self.kinds = head.kinds.map(function (k) { return k[0]; });
        self.runStarts = head.runs.map(function (r) { return r[0]; });
        self.families = {};
        head.terms.forEach(function (term, n) {
          if (term[3] >= 0) (self.families[term[3]] = self.families[term[3]] || []).push(n);
        });
        return self;
      });
      this.opened.catch(function () { self.opened = null; }); // asked again at the next search
    }
    return this.opened;
  };

  Index.prototype.kindOf = function (doc) {
    return this.kinds[this.head.runs[chunkOf(this.runStarts, doc)][1]];
  };

  Index.prototype.planOf = function (doc) {
    var plan = this.head.runs[chunkOf(this.runStarts, doc)][2];
    return plan >= 0 ? this.head.plans[plan][0] : "";
  };

  Index.prototype.postings = function (ns, token) {
    var last = ns === LAST_RESORT_NS, shard = fnv1a(ns + token) % (last ? this.head.last_resort : this.head.shards);
    return this.file((last ? "c/" : "s/") + shard + ".json").then(function (data) {
      return (data[ns] && data[ns][token]) || null;
    });
  };

  /** The card of a document: {title, url (from the site root), crumbs}. */
  Index.prototype.card = function (doc) {
    var n = chunkOf(this.metaStarts, doc), first = this.metaStarts[n];
    return this.file("m/" + n + ".json").then(function (chunk) {
      var entry = chunk[doc - first];
      return { title: entry[0], url: entry[1], crumbs: entry[2] };
    });
  };

  Index.prototype.text = function (doc) {
    var n = chunkOf(this.textStarts, doc), first = this.textStarts[n];
    return this.file("x/" + n + ".json").then(function (chunk) { return chunk[doc - first]; });
  };

  /* Postings as {doc: weight}; ids and title keys have no weight (1). */
  function decode(values, weighted) {
    var out = new Map(), doc = 0;
    if (!values) return out;
    for (var i = 0; i < values.length; i += weighted ? 2 : 1) {
      doc += values[i];
      out.set(doc, weighted ? values[i + 1] : 1);
    }
    return out;
  }

  /* ------------------------------------------------------------------ query */

  /* What to look for: the query as typed, and one alternative per other form of its term. */
  Index.prototype.plan = function (query) {
    var a = this.analyzer;
    var parts = String(query).split(WHITESPACE).map(function (p) { return a.fold(p); }).filter(Boolean);
    var folded = parts.join("");
    var main = { form: folded, parts: parts, key: a.titleKey(query), relation: "" };
    var alternatives = [main];
    // the query without the punctuation at its ends: the query itself too (no relation), after it
    var bareParts = parts.map(function (p) { return p.replace(EDGES, ""); }).filter(Boolean);
    var bare = bareParts.join("");
    if (bare && bare !== folded) alternatives.push({ form: bare, parts: bareParts, key: "", relation: "" });
    var term = folded in a.forms ? a.forms[folded] : bare in a.forms ? a.forms[bare] : -1;
    if (term >= 0) this.relatives(term).forEach(function (other) {
      var key = a.fold(other.form);
      if (key !== folded && key !== bare) alternatives.push({ form: key, parts: [key], key: key, relation: other.relation, shown: other.form });
    });
    return {
      query: String(query),
      folded: folded,
      id: ID.test(folded) ? folded : ID.test(bare) ? bare : "",
      words: a.words(folded).map(function (w) { return w[1]; }),
      term: term,
      alternatives: alternatives,
    };
  };

  /* Every other form of a term (variant) and of its rename family (earlier, later names). */
  Index.prototype.relatives = function (term) {
    var terms = this.head.terms, out = [];
    terms[term][1].forEach(function (form) { out.push({ form: form, relation: "variant" }); });
    var family = terms[term][3];
    if (family >= 0) {
      var before = ancestors(terms, term);
      this.families[family].forEach(function (n) {
        if (n === term) return;
        var relation = before.indexOf(n) >= 0 ? "earlier" : "later";
        terms[n][1].forEach(function (form) { out.push({ form: form, relation: relation }); });
      });
    }
    return out;
  };

  function ancestors(terms, term) {
    var byMain = {}, out = [], stack = [term];
    terms.forEach(function (t, n) { byMain[t[0]] = n; });
    while (stack.length) {
      var here = stack.pop();
      (terms[here][4] || []).forEach(function (name) {
        var n = byMain[name];
        if (n !== undefined && out.indexOf(n) < 0) { out.push(n); stack.push(n); }
      });
    }
    return out;
  }

  function idf(docs, df) { return Math.log(1 + docs / Math.max(df, 1)); }

  /* Candidates of one alternative: the documents holding every bigram of every part (full), and,
     for the query as typed, those holding at least PARTIAL of the bigrams of each part of four or
     more characters, not all ASCII (partial: 政务网络 also finds 政务服务网络) → {doc: {score, title, partial}}. */
  Index.prototype.candidates = function (alt, partial, ns) {
    var self = this, docs = this.head.docs;
    var parts = alt.parts.filter(function (p) { return Array.from(p).length >= 2; });
    if (!parts.length) return Promise.resolve(new Map());
    return Promise.all(parts.map(function (part) {
      var grams = Array.from(new Set(self.analyzer.bigrams(part)));
      // a year, a figure or an acronym is whole or nothing: 2015 is not "partly" in 2016 (201)
      var need = partial && grams.length >= 3 && !LATIN.test(part) ? Math.ceil(grams.length * PARTIAL) : grams.length;
      return Promise.all(grams.map(function (g) { return self.postings(ns || "b", g); })).then(function (lists) {
        var counts = new Map();
        lists.forEach(function (list) {
          var map = decode(list, true), weight = idf(docs, map.size);
          map.forEach(function (w, doc) {
            var c = counts.get(doc) || { held: 0, score: 0, title: 0 };
            c.held += 1;
            c.score += weight * (1 + Math.log(Math.max(w >> 1, 1)));
            c.title += w & 1;
            counts.set(doc, c);
          });
        });
        var out = new Map();
        counts.forEach(function (c, doc) {
          if (c.held < need) return;
          var full = c.held === grams.length;
          out.set(doc, { score: c.score, title: c.title === grams.length, partial: !full });
        });
        return out;
      });
    })).then(function (perPart) {
      var out = perPart[0];
      for (var p = 1; p < perPart.length; p++) {
        var next = new Map();
        out.forEach(function (value, doc) {
          var other = perPart[p].get(doc);
          if (!other) return;
          next.set(doc, { score: value.score + other.score, title: value.title && other.title, partial: value.partial || other.partial });
        });
        out = next;
      }
      return out;
    });
  };

  Index.prototype.keyed = function (ns, token) {
    return token ? this.postings(ns, token).then(function (l) { return decode(l, false); }) : Promise.resolve(new Map());
  };

  Index.prototype.wordBonus = function (words) {
    var self = this, docs = this.head.docs;
    return Promise.all(words.map(function (w) { return self.postings("w", w); })).then(function (lists) {
      var bonus = new Map();
      lists.forEach(function (list) {
        var map = decode(list, true), weight = 2 * idf(docs, map.size);
        map.forEach(function (w, doc) { bonus.set(doc, (bonus.get(doc) || 0) + weight * (1 + Math.log(Math.max(w >> 1, 1)))); });
      });
      return bonus;
    });
  };

  function tier(kind) { return kind in PLAN_TEXT ? PLAN_TEXT[kind] : 2; }

  /* How fully a document holds an alternative: 2 the whole phrase, 1 each part, SCATTERED every
     bigram but not as typed. */
  Index.prototype.level = function (doc, alt) {
    return this.read(doc).then(function (hay) {
      if (hay.indexOf(alt.form) >= 0) return 2;
      return alt.parts.every(function (p) { return hay.indexOf(p) >= 0; }) ? 1 : SCATTERED;
    });
  };

  /* A candidate not read yet ranks as if it held the query as typed (most do): reading the
     first ones only moves those that do not below the rest. */
  function rankOf(level) { return level >= UNREAD ? 2 : level; }

  function compare(x, y) {
    return (y.exact - x.exact) || (rankOf(y.level) - rankOf(x.level)) || (y.cover - x.cover) || (x.alt - y.alt) || (x.tier - y.tier) ||
      ((y.title ? 1 : 0) - (x.title ? 1 : 0)) || (y.score - x.score) || (x.doc - y.doc);
  }

  /**
   * Search. options: {plan: plan id or "", kind: kind or ""}. Resolves to
   * {query, folded, state: "ok" | "short" | "none", suggestion: null | {form, term},
   *  hits: [{doc, kind, plan, exact, level, alt, relation, shown, held}], marks: [folded strings]}.
   * A hit below level 1 does not hold the query as typed; `held` then names the runs it holds
   * (`read`: known from its text; else empty until the card reads it, heldRuns).
   */
  Index.prototype.search = function (query, options) {
    var self = this;
    return this.open().then(function () { return self.answer(query, options || {}, true); });
  };

  Index.prototype.answer = function (query, options, suggest) {
    var self = this, q = this.plan(query);
    if (!q.folded) return Promise.resolve(result(q, "none", []));
    var jobs = q.alternatives.map(function (alt, n) {
      return Promise.all([
        self.candidates(alt, n === 0),
        self.keyed("t", alt.key),
        n === 0 ? self.keyed("i", q.id) : Promise.resolve(new Map()),
      ]);
    });
    return Promise.all([Promise.all(jobs), this.wordBonus(q.words)]).then(function (got) {
      var hits = new Map(), bonus = got[1];
      got[0].forEach(function (found, n) {
        var alt = q.alternatives[n];
        function add(doc, exact, value) {
          var kind = self.kindOf(doc), plan = self.planOf(doc);
          if (options.plan && plan !== options.plan) return;
          if (options.kind && kind !== options.kind) return;
          var hit = hits.get(doc);
          var fuller = hit && hit.level === PARTIAL_LEVEL && !hit.exact && (exact || (value && !value.partial));
          if (hit && !fuller) { // first found for an earlier alternative (the query as typed first): keep that, but not less exact
            hit.exact = Math.max(hit.exact, exact);
            if (exact) hit.level = 2;
            return;
          }
          // An id or a title key holds the query by itself; so does a two-character query's one bigram.
          var whole = exact || (value && !value.partial && alt.parts.length === 1 && Array.from(alt.parts[0]).length === 2);
          var level = whole ? 2 : value && value.partial ? PARTIAL_LEVEL : UNREAD;
          hits.set(doc, {
            doc: doc, kind: kind, plan: plan, exact: exact, alt: n, tier: tier(kind), level: level,
            title: value ? value.title : false, score: (value ? value.score : 0) + (bonus.get(doc) || 0),
            // a partial match's runs are read from its text (verify, or the card): none known yet
            relation: alt.relation, shown: alt.shown || "", held: level === PARTIAL_LEVEL ? [] : null,
            own: !alt.relation, cover: 0,
          });
        }
        found[0].forEach(function (value, doc) { add(doc, 0, value); });
        found[1].forEach(function (_, doc) { add(doc, n === 0 ? 2 : 1, found[0].get(doc)); });
        found[2].forEach(function (_, doc) { add(doc, 3, found[0].get(doc)); });
      });
      var list = Array.from(hits.values()).sort(compare);
      return self.verify(list, q, 0).then(function (list) {
        return list.some(holdsWhole) || options.kind ? list : self.lastResort(q, options, list);
      }).then(function (list) {
        var found = list.some(holds);
        var fix = suggest && !found && q.term < 0 ? self.suggestion(q.folded) : null;
        if (fix) {
          return self.answer(fix.form, options, false).then(function (other) {
            other.query = q.query;
            other.suggestion = fix;
            return other;
          });
        }
        var state = list.length ? "ok" : Array.from(q.folded).length < 2 ? "short" : "none";
        return result(q, state, list);
      });
    });
  };

  /* Known to hold the query as typed (read, or exact): not merely a candidate not read yet.
     The query without its end punctuation counts as the query (own). */
  function holds(hit) {
    return hit.own && (hit.exact > 0 || (hit.level >= 1 && hit.level !== UNREAD));
  }

  /* … and whole, spaces and all (a run pasted from a plan may hold the spaces between its
     paragraphs, which split it into parts). */
  function holdsWhole(hit) {
    return hit.own && (hit.exact > 0 || hit.level === 2);
  }

  /* Nothing holds the query whole: ask the last-resort documents (passages of the 原文 across
     paragraph breaks, tables of contents, excerpts) for it, whitespace dropped, and put those
     that hold it first. */
  Index.prototype.lastResort = function (q, options, list) {
    var self = this, alt = { form: q.folded, parts: [q.folded] };
    return this.candidates(alt, false, LAST_RESORT_NS).then(function (found) {
      var added = [];
      found.forEach(function (value, doc) {
        var plan = self.planOf(doc);
        if (options.plan && plan !== options.plan) return;
        added.push({
          doc: doc, kind: self.kindOf(doc), plan: plan, exact: 0, alt: 0, tier: tier(LAST_RESORT), level: UNREAD,
          title: false, score: value.score, relation: "", shown: "", held: null, own: true, cover: 0,
        });
      });
      added.sort(compare);
      return self.verify(added, { alternatives: [alt] }, 0).then(function (added) {
        return added.filter(function (h) { return h.level >= 1; }).concat(list).sort(compare);
      });
    });
  };

  /* Read the first results that are not read yet (their snippets are shown first anyway); one
     whose bigrams are all there but not as typed falls behind, and the next are read. A partial
     match read learns which runs of the query it really holds (its bigrams may be apart):
     those holding longer runs come first. */
  Index.prototype.verify = function (list, q, round) {
    var self = this, unread = [];
    for (var i = 0; i < Math.min(list.length, VERIFY); i++) {
      if (list[i].level === UNREAD || (list[i].level === PARTIAL_LEVEL && !list[i].read)) unread.push(list[i]);
    }
    if (!unread.length || round > 4) return Promise.resolve(list);
    return Promise.all(unread.map(function (hit) {
      var alt = q.alternatives[hit.alt];
      if (hit.level === PARTIAL_LEVEL) {
        return self.read(hit.doc).then(function (hay) {
          var runs = self.heldRuns(hay, alt.parts);
          hit.read = true;
          hit.held = runs;
          hit.cover = runs.reduce(function (n, r) { return n + Array.from(r).length; }, 0);
        });
      }
      return self.level(hit.doc, alt).then(function (level) { hit.level = level; });
    })).then(function () { return self.verify(list.sort(compare), q, round + 1); });
  };

  /* A document's title and text as a query meets them: folded, the title apart (hay). */
  Index.prototype.hay = function (title, text) {
    return this.analyzer.fold(title) + "\u0000" + this.analyzer.fold(text);
  };

  Index.prototype.read = function (doc) {
    var self = this;
    return Promise.all([this.card(doc), this.text(doc)]).then(function (got) { return self.hay(got[0].title, got[1]); });
  };

  /* Where a document (its hay) holds only part of the query: the runs of two or more characters
     of each part that occur as such, longest from the left, not overlapping (政务公幵 in a text
     with 政务公开 → 政务公; in one with 政务 and 服务公众 → 政务 only). */
  Index.prototype.heldRuns = function (hay, parts) {
    var out = [];
    parts.forEach(function (part) {
      var chars = Array.from(part);
      for (var i = 0; i + 1 < chars.length; ) {
        var j = i + 1;
        while (j < chars.length && hay.indexOf(chars.slice(i, j + 1).join("")) >= 0) j++;
        if (j > i + 1) { out.push(chars.slice(i, j).join("")); i = j; } else i++;
      }
    });
    return out;
  };

  /** What a result's page marks for a query (the snippets' marks). */
  Index.prototype.marks = function (query) {
    return result(this.plan(query), "ok", []).marks;
  };

  function result(q, state, hits) {
    var marks = []; // what a snippet marks: each form asked for, and each part of two or more characters
    q.alternatives.forEach(function (alt) {
      if (alt.form && marks.indexOf(alt.form) < 0) marks.push(alt.form);
      alt.parts.forEach(function (p) { if (Array.from(p).length >= 2 && marks.indexOf(p) < 0) marks.push(p); });
    });
    return { query: q.query, folded: q.folded, parts: q.alternatives[0].parts, state: state, suggestion: null, hits: hits, marks: marks };
  }

  /* A glossary form one edit (a character replaced, left out, added or two swapped) from the
     query; forms of three or more characters only (two-character words are too close to
     each other to guess). */
  Index.prototype.suggestion = function (folded) {
    var chars = Array.from(folded), best = null, terms = this.head.terms;
    if (chars.length < 2) return null;
    for (var form in this.analyzer.forms) {
      var other = Array.from(form);
      if (other.length < 3 || Math.abs(other.length - chars.length) > 1) continue;
      var cost = oneEdit(chars, other);
      if (cost && (!best || cost < best.cost)) {
        var term = this.analyzer.forms[form];
        best = { cost: cost, form: form, term: terms[term][0], shown: shownForm(terms[term][1], form, this.analyzer) };
      }
    }
    return best && { form: best.shown, term: best.term };
  };

  function shownForm(forms, folded, analyzer) {
    for (var i = 0; i < forms.length; i++) if (analyzer.fold(forms[i]) === folded) return forms[i];
    return folded;
  }

  /* 1 for a replaced or swapped character, 2 for one left out or added (a same-length
     correction is the likelier typing error); 0 when more than one edit apart. */
  function oneEdit(a, b) {
    if (a.length === b.length) {
      var diff = [];
      for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
      if (diff.length === 1) return 1;
      if (diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]]) return 1;
      return 0;
    }
    var long = a.length > b.length ? a : b, short = a.length > b.length ? b : a, skipped = false;
    for (var x = 0, y = 0; x < long.length; x++) {
      if (short[y] === long[x]) { y++; continue; }
      if (skipped) return 0;
      skipped = true;
    }
    return 2;
  }

  /* ------------------------------------------------------------------ snippets */

  /* Where `marks` (folded strings) occur in the folded characters: [from, to) spans that do not
     overlap, the longest mark's places taken first; each mark's own places in order, so that
     the first span is the longest mark's first place. */
  function foldedSpans(folded, marks) {
    var spans = [], sorted = marks.slice().sort(function (x, y) { return y.length - x.length; });
    sorted.forEach(function (mark) {
      var m = Array.from(mark);
      if (m.length < 1) return;
      var before = spans.length;
      for (var i = 0; i + m.length <= folded.length; i++) {
        var ok = true;
        for (var j = 0; j < m.length && ok; j++) ok = folded[i + j] === m[j];
        if (ok && !spans.some(function (s) { return i < s[1] && s[0] < i + m.length; })) spans.push([i, i + m.length]);
      }
      var own = spans.splice(before).sort(function (x, y) { return x[0] - y[0]; });
      spans.push.apply(spans, own);
    });
    return spans;
  }

  /**
   * The places of `marks` (folded strings, longest first) in `text`, as [start, end) offsets
   * into the text as printed, in reading order: from a mark's first character to its last
   * (what folding skips around a mark stays outside it).
   */
  Index.prototype.places = function (text, marks) {
    var map = this.analyzer.foldWithMap(text), value = String(text);
    return foldedSpans(map.chars, marks)
      .sort(function (x, y) { return x[0] - y[0]; })
      .map(function (s) {
        var last = map.at[s[1] - 1];
        return [map.at[s[0]], last + (value.codePointAt(last) > 0xffff ? 2 : 1)];
      });
  };

  /**
   * A snippet of `text` around the first place it holds one of `marks` (folded strings,
   * longest first), as pieces [{text, mark}] of the text as printed, about `width`
   * characters long; null if it holds none.
   */
  Index.prototype.snippet = function (text, marks, width) {
    var a = this.analyzer, map = a.foldWithMap(text), folded = map.chars;
    var spans = foldedSpans(folded, marks);
    if (!spans.length) return null;
    var first = spans[0][0]; // the first place of the longest mark found: the snippet is about it
    spans.sort(function (x, y) { return x[0] - y[0]; });
    var from = Math.max(0, first - Math.floor(width / 3)), to = Math.min(folded.length, from + width);
    from = Math.max(0, Math.min(from, to - width));
    var pieces = [], at = from;
    spans.forEach(function (s) {
      if (s[0] < from || s[1] > to) return;
      if (s[0] > at) pieces.push({ text: text.slice(map.at[at], map.at[s[0]]), mark: false });
      pieces.push({ text: text.slice(map.at[s[0]], map.at[s[1]]), mark: true });
      at = s[1];
    });
    if (to > at) pieces.push({ text: text.slice(map.at[at], map.at[to]), mark: false });
    return { pieces: pieces, before: from > 0, after: to < folded.length };
  };

  return { Analyzer: Analyzer, Index: Index, fnv1a: fnv1a, FORMAT: FORMAT };
});
