// The libraries considered for the site's search, measured on the site's own documents and query
// sets (written by run.py into the folder given as the first argument), each given the site's
// analyzer (docs/javascripts/search-engine.js) as its tokenizer, so that what is compared is the
// library: its index, its matching and ranking, its size, its speed. Also the site's own engine,
// reading the index files that the site build writes. Prints one JSON object.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const work = process.argv[2];
const docs = JSON.parse(readFileSync(join(work, "docs.json"), "utf8"));
const queries = JSON.parse(readFileSync(join(work, "queries.json"), "utf8"));
const head = JSON.parse(readFileSync(join(work, "site", "search", "head.json"), "utf8"));
const engine = require(join(here, "..", "..", "docs", "javascripts", "search-engine.js"));
const analyzer = new engine.Analyzer(head.spec, head.terms);

const gz = (text) => gzipSync(Buffer.from(text), { level: 6 }).length;
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function tokens(text) {
  const folded = analyzer.fold(text);
  const out = analyzer.bigrams(folded);
  for (const [, word] of analyzer.words(folded)) out.push("w:" + word);
  return out.length ? out : folded ? [folded] : [];
}
const queryTokens = (text) => Array.from(new Set(analyzer.bigrams(analyzer.fold(text))));
const holds = (doc, text) => {
  const key = analyzer.fold(text);
  return analyzer.fold(doc.title).includes(key) || analyzer.fold(doc.text).includes(key);
};

// What a query class needs of a ranked list of documents (numbers into docs).
function passed(query, ranked) {
  const urls = ranked.map((n) => docs[n].url);
  if (["title", "numbered title", "id", "plan"].includes(query.kind)) return urls[0] === query.expect[0];
  if (["variant", "family"].includes(query.kind)) {
    const top = urls.slice(0, Math.max(3, query.expect.length));
    return query.expect.every((u) => top.includes(u));
  }
  if (query.kind === "typo") return ranked.slice(0, 3).some((n) => holds(docs[n], query.form));
  return ranked.some((n) => holds(docs[n], query.text));
}

function score(name, search, build, size, code) {
  const started = performance.now();
  const built = build();
  const buildMs = performance.now() - started;
  const byKind = {};
  const times = [];
  for (const q of queries) {
    const t0 = performance.now();
    const ranked = search(built, q);
    times.push(performance.now() - t0);
    const k = (byKind[q.kind] ||= { queries: 0, passed: 0 });
    k.queries += 1;
    k.passed += passed(q, ranked) ? 1 : 0;
  }
  return { name, build_ms: Math.round(buildMs), ...size(built), code_gzip: code, query_ms_median: +median(times).toFixed(2), query_ms_max: +Math.max(...times).toFixed(1), by_kind: byKind };
}

const codeSize = (path) => gz(readFileSync(join(here, "node_modules", path), "utf8"));
const rows = [];

// MiniSearch 7: an inverted index (radix tree) in memory, serialised whole (JSON).
{
  const MiniSearch = require("minisearch");
  const options = { fields: ["title", "text"], idField: "n", tokenize: tokens, processTerm: (t) => t };
  rows.push(score(
    "minisearch 7.2.0",
    (ms, q) => ms.search(q.text, { combineWith: "AND", boost: { title: 3 }, tokenize: queryTokens, processTerm: (t) => t, fuzzy: q.kind === "typo" ? 1 : false }).map((r) => r.id),
    () => { const ms = new MiniSearch(options); ms.addAll(docs.map((d, n) => ({ ...d, n }))); return ms; },
    (ms) => { const json = JSON.stringify(ms); return { index_bytes: Buffer.byteLength(json), index_gzip: gz(json), files: 1 }; },
    codeSize("minisearch/dist/umd/index.js"),
  ));
}

// FlexSearch 0.8: Document index with the analyzer as its encoder; export() writes keyed parts,
// import() needs them all back before the first query.
{
  const { Document } = require("flexsearch");
  const make = () => new Document({ document: { id: "n", index: ["title", "text"] }, tokenize: "strict", encode: tokens });
  rows.push(score(
    "flexsearch 0.8.212",
    (index, q) => {
      const results = index.search(q.text, { limit: 1000, suggest: q.kind === "typo", encode: queryTokens });
      const seen = [];
      for (const field of results) for (const id of field.result) if (!seen.includes(id)) seen.push(id);
      return seen;
    },
    () => { const index = make(); docs.forEach((d, n) => index.add({ ...d, n })); return index; },
    (index) => {
      const parts = [];
      index.export((key, data) => { parts.push(data || ""); });
      const all = parts.join("");
      return { index_bytes: Buffer.byteLength(all), index_gzip: parts.reduce((s, p) => s + gz(p), 0), files: parts.length };
    },
    codeSize("flexsearch/dist/flexsearch.bundle.min.js"),
  ));
}

// lunr 2.3.9 (last release 2020): every query token required (+token), the analyzer as tokenizer.
{
  const lunr = require("lunr");
  const build = () => lunr(function () {
    this.ref("n");
    this.field("title", { boost: 3 });
    this.field("text");
    this.pipeline.reset();
    this.searchPipeline.reset();
    this.tokenizer = (obj) => (obj == null ? [] : tokens(String(obj)).map((t) => new lunr.Token(t, {})));
    docs.forEach((d, n) => this.add({ ...d, n }));
  });
  rows.push(score(
    "lunr 2.3.9",
    (idx, q) => {
      const grams = queryTokens(q.text);
      if (!grams.length) return [];
      return idx.query((query) => grams.forEach((g) => query.term(g, { presence: lunr.Query.presence.REQUIRED, editDistance: q.kind === "typo" ? 1 : 0 }))).map((r) => Number(r.ref));
    },
    build,
    (idx) => { const json = JSON.stringify(idx); return { index_bytes: Buffer.byteLength(json), index_gzip: gz(json), files: 1 }; },
    codeSize("lunr/lunr.min.js"),
  ));
}

// The site's own engine: the index files the site build writes, read as the browser reads them.
{
  const root = join(work, "site", "search");
  const files = [];
  const walk = (dir) => readdirSync(dir).forEach((f) => { const p = join(dir, f); statSync(p).isDirectory() ? walk(p) : files.push(p); });
  walk(root);
  const load = (url) => Promise.resolve(JSON.parse(readFileSync(url, "utf8")));
  const index = new engine.Index(root + "/", load);
  await index.open();
  const started = performance.now();
  const byKind = {};
  const times = [];
  for (const q of queries) {
    const t0 = performance.now();
    const result = await index.search(q.text, {});
    times.push(performance.now() - t0);
    const ranked = result.hits.map((h) => h.doc);
    const ok = q.kind === "typo" ? (result.suggestion && analyzer.fold(result.suggestion.form) === q.form) : passed(q, ranked);
    const k = (byKind[q.kind] ||= { queries: 0, passed: 0 });
    k.queries += 1;
    k.passed += ok ? 1 : 0;
  }
  rows.push({
    name: "the site's own (search-engine.js)",
    build_ms: null,
    index_bytes: files.reduce((s, f) => s + statSync(f).size, 0),
    index_gzip: files.reduce((s, f) => s + gz(readFileSync(f)), 0),
    files: files.length,
    code_gzip: gz(readFileSync(join(here, "..", "..", "docs", "javascripts", "search-engine.js"), "utf8")),
    query_ms_median: +median(times).toFixed(2),
    query_ms_max: +Math.max(...times).toFixed(1),
    total_ms: Math.round(performance.now() - started),
    by_kind: byKind,
  });
}

console.log(JSON.stringify({ docs: docs.length, queries: queries.length, rows }));
