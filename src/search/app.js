// The search page's script (/search/). Loads Pagefind only once the reader types or submits,
// or when the address already holds ?q=. Finds exactly the records whose text contains the
// query (see core.js), lists them in <ol id="results">, and keeps query and filters in the URL.
import {
  INDEX_FORMAT, buildExcerpt, joinPositional, normalizeQuery, parseShard, partsWithAll, planWords, queryPlan, shardOf,
} from "./core.js";

const PAGE = 100;
const DEBOUNCE_MS = 300;
const FILTERS = ["type", "session", "year", "agency"];
const siteRoot = new URL("../", import.meta.url);

const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const results = document.getElementById("results");
const status = document.getElementById("search-status");
const controls = document.getElementById("search-controls");
const moreButton = document.getElementById("search-more");

let manifestPromise;
let enginePromise;
const searchCache = new Map();
let generation = 0;
let current; // { key, matches, complete, shown, resume }

function readState() {
  const params = new URLSearchParams(location.search);
  const state = { q: params.get("q") ?? "", sort: params.get("sort") === "relevance" ? "relevance" : "date", all: params.get("all") === "1" };
  for (const name of FILTERS) state[name] = params.get(name) ?? "";
  return state;
}

function writeState(state, push) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of FILTERS) if (state[name]) params.set(name, state[name]);
  if (state.sort !== "date") params.set("sort", state.sort);
  if (state.all) params.set("all", "1");
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ""}`;
  if (url !== `${location.pathname}${location.search}`) history[push ? "pushState" : "replaceState"](null, "", url);
}

function loadManifest() {
  manifestPromise ??= fetch(new URL("search/manifest.json", siteRoot)).then(async (response) => {
    if (!response.ok) throw new Error(`manifest: HTTP ${response.status}`);
    const manifest = await response.json();
    if (manifest.format !== INDEX_FORMAT) throw new Error("the search index was built by another version of this page; reload");
    return manifest;
  });
  return manifestPromise;
}

/** One Pagefind instance per part, created on first use; pagefind.js is imported once. */
function loadEngine() {
  enginePromise ??= loadManifest().then(async (manifest) => {
    const pagefind = await import(new URL(`${manifest.parts[0].path}pagefind.js`, siteRoot).href);
    const instances = new Map();
    const instance = (n) => {
      if (!instances.has(n)) {
        const basePath = new URL(manifest.parts[n].path, siteRoot).pathname;
        instances.set(n, pagefind.createInstance({ basePath }));
      }
      return instances.get(n);
    };
    return { manifest, instance };
  });
  return enginePromise;
}

function pagefindFilters(state) {
  const filters = {};
  for (const name of FILTERS) if (state[name]) filters[name] = state[name];
  return filters;
}

const shardCache = new Map();
function loadShard(manifest, k) {
  if (!shardCache.has(k)) {
    shardCache.set(k, fetch(new URL(`search/dir/${k}.gz`, siteRoot)).then(async (response) => {
      if (!response.ok) throw new Error(`directory: HTTP ${response.status}`);
      return parseShard(await inflate(new Uint8Array(await response.arrayBuffer())));
    }));
  }
  return shardCache.get(k);
}

/**
 * Parts that can hold matches, newest first: those the routing directory lists for every word
 * of the plan, less those a year filter rules out by their date range.
 */
async function candidateParts(manifest, plan, state) {
  const words = planWords(plan);
  const holders = await Promise.all(words.map(async (word) => {
    const shard = await loadShard(manifest, shardOf(word, manifest.directory.shards));
    return shard.get(word) ?? [];
  }));
  return partsWithAll(holders)
    .map((n) => ({ ...manifest.parts[n], n }))
    .filter((part) => !state.year || (part.oldest.slice(0, 4) <= state.year && part.newest.slice(0, 4) >= state.year));
}

/** Bytes of a .gz file as text; hosts that add Content-Encoding: gzip hand them over inflated. */
async function inflate(bytes) {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  }
  return new TextDecoder().decode(bytes);
}

/** Exact matches in one part, newest first: [{ id, count, result }]. */
async function searchPart(instance, plan, filters) {
  const options = { filters, sort: { date: "desc" } };
  if (plan.kind === "set") {
    const found = await instance.search(`"${plan.word}"`, options);
    return found.results.map((result) => ({ id: result.id, count: 1, result }));
  }
  const lists = await Promise.all(plan.parts.map((part) => instance.search(part.word, options)));
  const byId = new Map(lists[0].results.map((result) => [result.id, result]));
  const locations = lists.map((found) => new Map(found.results.map((result) => [result.id, result.words])));
  return joinPositional(plan.parts, locations, byId.keys()).map(({ id, count }) => ({ id, count, result: byId.get(id) }));
}

/**
 * Searches parts newest first until more than `want` matches are known (or all parts when
 * want is Infinity). The search state is resumable, so "more" continues where it stopped, and
 * calls on one search run one after another, so that no part is searched twice.
 */
function collect(search, want) {
  search.queue = (search.queue ?? Promise.resolve()).catch(() => undefined).then(() => collectNow(search, want));
  return search.queue;
}

async function collectNow(search, want) {
  while (search.next < search.parts.length && search.matches.length <= want) {
    const part = search.parts[search.next];
    const engine = await loadEngine();
    const instance = engine.instance(part.n);
    const found = await searchPart(instance, search.plan, search.filters);
    for (const match of found) match.part = part.n;
    search.matches.push(...found);
    search.next++;
  }
  search.complete = search.next >= search.parts.length;
  return search;
}

function ordered(search, sort) {
  if (sort !== "relevance") return search.matches;
  return [...search.matches].sort((a, b) => b.count - a.count);
}

/** Listing this many results of one part at once loads the part's card table instead of one file per result. */
const CARD_TABLE_FROM = 24;
const cardCache = new Map();
const tableCache = new Map();

function loadCardTable(part) {
  if (!tableCache.has(part)) {
    tableCache.set(part, fetch(new URL(`search/cards/${part}.gz`, siteRoot)).then(async (response) => {
      if (!response.ok) throw new Error(`cards: HTTP ${response.status}`);
      const rows = JSON.parse(await inflate(new Uint8Array(await response.arrayBuffer())));
      return new Map(rows.map(([id, url, title, ref, session, date, type]) => [id, {
        raw_url: url, url: new URL(url.replace(/^\/+/, ""), siteRoot).pathname, meta: { title, ref, session, date, type },
      }]));
    }));
  }
  return tableCache.get(part);
}

function cardOf(match, fromTable) {
  const key = `${match.part}:${match.id}`;
  if (!cardCache.has(key)) {
    cardCache.set(key, fromTable ? loadCardTable(match.part).then((table) => table.get(match.id)) : match.result.data());
  }
  return cardCache.get(key);
}

/** Cards for a batch of matches: per part, one table file when many are listed, else one file each. */
function cardsFor(matches) {
  const perPart = new Map();
  for (const match of matches) perPart.set(match.part, (perPart.get(match.part) ?? 0) + 1);
  return Promise.all(matches.map((match) => cardOf(match, perPart.get(match.part) >= CARD_TABLE_FROM)));
}

function chineseDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

const textCache = new Map();
function loadText(rawUrl) {
  const key = rawUrl.replace(/^\/+|\/+$/g, "");
  if (!textCache.has(key)) {
    textCache.set(key, fetch(new URL(`search/text/${key}.gz`, siteRoot)).then(async (response) => {
      if (!response.ok) throw new Error(`text: HTTP ${response.status}`);
      return (await inflate(new Uint8Array(await response.arrayBuffer()))).split("\n");
    }));
  }
  return textCache.get(key);
}

function renderExcerpt(target, paragraphs, query) {
  const excerpt = buildExcerpt(paragraphs, query);
  if (!excerpt) return;
  target.replaceChildren(...excerpt.segments.map((segment) => {
    if (!segment.match) return document.createTextNode(segment.text);
    const mark = document.createElement("mark");
    mark.textContent = segment.text;
    return mark;
  }));
  if (excerpt.occurrences > 1) {
    const more = document.createElement("span");
    more.className = "result-count";
    more.textContent = `（全文共 ${excerpt.occurrences} 处）`;
    target.append(more);
  }
}

const excerptObserver = "IntersectionObserver" in window
  ? new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      excerptObserver.unobserve(entry.target);
      fillExcerpt(entry.target);
    }
  }, { rootMargin: "400px" })
  : null;

function fillExcerpt(item) {
  const target = item.querySelector(".result-excerpt");
  loadText(item.dataset.raw).then((paragraphs) => renderExcerpt(target, paragraphs, item.dataset.query)).catch(() => {
    target.textContent = "";
  });
}

function renderItem(card, query) {
  const item = document.createElement("li");
  item.className = "result";
  item.dataset.raw = card.raw_url;
  item.dataset.query = query;
  const link = document.createElement("a");
  link.href = card.url;
  link.className = "result-title";
  link.textContent = card.meta.title;
  const meta = document.createElement("p");
  meta.className = "result-meta";
  meta.textContent = [card.meta.ref, card.meta.session, card.meta.date && chineseDate(card.meta.date), card.meta.type]
    .filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.className = "result-excerpt";
  item.append(link, meta, excerpt);
  return item;
}

function setStatus(text) {
  status.textContent = text;
}

async function showMore(search, state, gen) {
  const want = state.all ? Infinity : search.shown + PAGE;
  results.setAttribute("aria-busy", "true");
  moreButton.hidden = true;
  await collect(search, want);
  if (gen !== generation) return;
  const list = ordered(search, state.sort);
  const slice = list.slice(search.shown, want);
  const cards = await cardsFor(slice);
  if (gen !== generation) return;
  const items = cards.map((card) => renderItem(card, search.query));
  results.append(...items);
  search.shown += items.length;
  for (const item of items) {
    if (excerptObserver) excerptObserver.observe(item);
    else fillExcerpt(item);
  }
  const total = list.length;
  if (search.complete) setStatus(total === 0 ? `没有找到包含“${search.query}”的答复或文件。` : `共 ${total} 条结果，显示 ${search.shown} 条。`);
  else setStatus(`已找到 ${total} 条以上结果，显示 ${search.shown} 条；更早的结果按需加载。`);
  moreButton.hidden = !(search.shown < total || !search.complete);
  results.setAttribute("aria-busy", "false");
}

async function run(state) {
  const gen = ++generation;
  const query = normalizeQuery(state.q);
  results.replaceChildren();
  moreButton.hidden = true;
  if (!query) {
    results.setAttribute("aria-busy", "false");
    setStatus("");
    return;
  }
  results.setAttribute("aria-busy", "true");
  setStatus("正在搜索…");
  const filters = pagefindFilters(state);
  const key = JSON.stringify([query, filters]);
  try {
    const manifest = await loadManifest();
    let search = searchCache.get(key);
    if (!search) {
      const plan = queryPlan(query);
      search = { query, filters, plan, matches: [], next: 0, complete: false, parts: await candidateParts(manifest, plan, state) };
      searchCache.set(key, search);
    }
    if (gen !== generation) return;
    search.shown = 0;
    // Relevance ranks across every part, so it needs them all.
    if (state.sort === "relevance") await collect(search, Infinity);
    current = { search, state, gen };
    await showMore(search, state, gen);
  } catch (error) {
    // A failed search (a file that did not load) is tried afresh next time.
    searchCache.delete(key);
    if (gen !== generation) return;
    setStatus(`搜索出错：${error instanceof Error ? error.message : String(error)}`);
    results.setAttribute("aria-busy", "false");
  }
}

function formState() {
  const state = { q: input.value.trim(), sort: "date", all: readState().all };
  for (const name of FILTERS) state[name] = controls.querySelector(`[name="${name}"]`)?.value ?? "";
  state.sort = controls.querySelector('[name="sort"]')?.value === "relevance" ? "relevance" : "date";
  return state;
}

function syncForm(state) {
  input.value = state.q;
  for (const name of [...FILTERS, "sort"]) {
    const select = controls.querySelector(`[name="${name}"]`);
    if (select) select.value = state[name];
  }
}

async function buildControls() {
  const manifest = await loadManifest();
  const field = (name, label, options) => {
    const wrap = document.createElement("label");
    wrap.className = "search-control";
    wrap.append(`${label} `);
    const select = document.createElement("select");
    select.name = name;
    select.setAttribute("form", "search-form");
    for (const [value, text] of options) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = text;
      select.append(option);
    }
    wrap.append(select);
    return wrap;
  };
  for (const facet of manifest.facets) {
    if (facet.values.length === 0) continue;
    controls.append(field(facet.name, facet.label, [["", "全部"], ...facet.values.map((v) => [v.value, `${v.value}（${v.count}）`])]));
  }
  controls.append(field("sort", "排序", [["date", "按日期（新→旧）"], ["relevance", "按相关度"]]));
  controls.hidden = false;
  controls.addEventListener("change", () => {
    const state = formState();
    writeState(state, true);
    run(state);
  });
}

let debounce;
input.addEventListener("input", () => {
  clearTimeout(debounce);
  debounce = setTimeout(() => {
    const state = formState();
    writeState(state, false);
    run(state);
  }, DEBOUNCE_MS);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(debounce);
  const state = formState();
  writeState(state, true);
  run(state);
});
moreButton.addEventListener("click", () => {
  if (current && current.gen === generation) showMore(current.search, current.state, current.gen);
});
window.addEventListener("popstate", () => {
  const state = readState();
  syncForm(state);
  run(state);
});

document.documentElement.classList.add("search-ready");
const initial = readState();
input.value = initial.q;
buildControls()
  .then(() => syncForm(initial))
  .catch((error) => setStatus(`搜索不可用：${error.message}`))
  .finally(() => {
    if (initial.q) run(initial);
    else results.setAttribute("aria-busy", "false");
  });
