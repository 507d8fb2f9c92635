/**
 * The search page's script (/search/): the page layer over engine.ts. Bundled by the search
 * step (index.ts) into <site>/search/app.js, which search.njk loads as a module. Pagefind is
 * loaded only once the reader types or submits, or when the address already holds ?q=. Lists
 * the records whose text contains the query in <ol id="results">, twenty first and then a
 * hundred at a time, and
 * keeps the query, filters and sort in the URL.
 */
import { formatChineseDate } from "../model/dates.ts";
import { normalizeQuery, type Excerpt } from "./core.ts";
import { SearchEngine, type Card, type Filters, type PagefindModule, type Search, type Sort } from "./engine.ts";
import { FILTER_NAMES } from "./formats.ts";

/**
 * Results listed first, then on each "more": a date-sorted search opens parts newest first
 * until it has more than it lists, so a short first list opens few parts (a number such as
 * 490号 matches in every part of a large archive; twenty opened 3 of 10 parts at 10,000 letters).
 */
const FIRST_PAGE = 20;
const PAGE = 100;
const DEBOUNCE_MS = 300;

interface State {
  q: string;
  filters: Filters;
  sort: Sort;
  /** ?all=1: list every result at once. */
  all: boolean;
}

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the search page has no #${id}`);
  return found;
}

const form = element("search-form", HTMLFormElement);
const input = element("search-input", HTMLInputElement);
const results = element("results", HTMLOListElement);
const status = element("search-status", HTMLElement);
const controls = element("search-controls", HTMLElement);
const moreButton = element("search-more", HTMLButtonElement);

const engine = new SearchEngine({
  siteRoot: new URL("../", import.meta.url),
  fetch: (url) => fetch(url),
  // Pagefind's runtime is loaded from the site at run time, never bundled.
  importPagefind: (url) => import(url.href) as Promise<PagefindModule>,
});

let generation = 0;
/** Results name their issuer only when the archive has more than one (set from the manifest's facets). */
let showIssuer = false;
let current: { search: Search; state: State; gen: number; shown: number } | undefined;

function readState(): State {
  const params = new URLSearchParams(location.search);
  const filters: Filters = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return { q: params.get("q") ?? "", filters, sort: params.get("sort") === "relevance" ? "relevance" : "date", all: params.get("all") === "1" };
}

function writeState(state: State, push: boolean): void {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of FILTER_NAMES) {
    const value = state.filters[name];
    if (value) params.set(name, value);
  }
  if (state.sort !== "date") params.set("sort", state.sort);
  if (state.all) params.set("all", "1");
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ""}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

function select(name: string): HTMLSelectElement | null {
  return controls.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
}

function formState(): State {
  const filters: Filters = {};
  for (const name of FILTER_NAMES) {
    const value = select(name)?.value;
    if (value) filters[name] = value;
  }
  return { q: input.value.trim(), filters, sort: select("sort")?.value === "relevance" ? "relevance" : "date", all: readState().all };
}

function syncForm(state: State): void {
  input.value = state.q;
  for (const name of FILTER_NAMES) {
    const field = select(name);
    if (field) field.value = state.filters[name] ?? "";
  }
  const sort = select("sort");
  if (sort) sort.value = state.sort;
}

function setStatus(text: string): void {
  status.textContent = text;
}

function renderExcerpt(target: HTMLElement, excerpt: Excerpt | undefined): void {
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

/** The card each listed result shows, for its excerpt. */
const cardOfItem = new WeakMap<Element, Card>();

function fillExcerpt(item: HTMLElement): void {
  const target = item.querySelector<HTMLElement>(".result-excerpt");
  const card = cardOfItem.get(item);
  const { query } = item.dataset;
  if (!target || !card || query === undefined) return;
  engine.excerpt(card, query).then((excerpt) => renderExcerpt(target, excerpt)).catch(() => {
    target.textContent = "";
  });
}

/** Excerpts are loaded for results in or near the viewport. */
const excerptObserver = "IntersectionObserver" in window
  ? new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      excerptObserver?.unobserve(entry.target);
      fillExcerpt(entry.target as HTMLElement);
    }
  }, { rootMargin: "400px" })
  : null;

function renderItem(card: Card, query: string): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "result";
  cardOfItem.set(item, card);
  item.dataset.query = query;
  const link = document.createElement("a");
  link.href = card.url;
  link.className = "result-title";
  link.textContent = card.meta.title;
  const meta = document.createElement("p");
  meta.className = "result-meta";
  meta.textContent = [showIssuer ? card.meta.issuer : "", card.meta.ref, card.meta.session, card.meta.date && formatChineseDate(card.meta.date), card.meta.type]
    .filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.className = "result-excerpt";
  item.append(link, meta, excerpt);
  return item;
}

/** Lists the next page of results (or all of them with ?all=1), collecting more parts as needed. */
async function showMore(view: NonNullable<typeof current>): Promise<void> {
  const { search, state, gen } = view;
  const want = state.all ? Infinity : view.shown + (view.shown ? PAGE : FIRST_PAGE);
  results.setAttribute("aria-busy", "true");
  moreButton.hidden = true;
  await search.collect(want);
  if (gen !== generation) return;
  const list = search.ordered(state.sort);
  const cards = await engine.cardsFor(list.slice(view.shown, want));
  if (gen !== generation) return;
  const items = cards.map((card) => renderItem(card, search.query));
  results.append(...items);
  view.shown += items.length;
  for (const item of items) {
    if (excerptObserver) excerptObserver.observe(item);
    else fillExcerpt(item);
  }
  const total = list.length;
  if (search.complete) setStatus(total === 0 ? `没有找到包含“${search.query}”的答复或文件。` : `共 ${total} 条结果，显示 ${view.shown} 条。`);
  else setStatus(`已找到 ${total} 条以上结果，显示 ${view.shown} 条；更早的结果按需加载。`);
  moreButton.hidden = !(view.shown < total || !search.complete);
  results.setAttribute("aria-busy", "false");
}

async function run(state: State): Promise<void> {
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
  try {
    const search = await engine.search(query, state.filters);
    if (gen !== generation) return;
    // Relevance ranks across every part, so it needs them all.
    if (state.sort === "relevance") await search.collect(Infinity);
    current = { search, state, gen, shown: 0 };
    await showMore(current);
  } catch (error) {
    // The engine drops what failed to load, so the next search tries it afresh.
    if (gen !== generation) return;
    setStatus(`搜索出错：${error instanceof Error ? error.message : String(error)}`);
    results.setAttribute("aria-busy", "false");
  }
}

function field(name: string, label: string, options: [value: string, text: string][]): HTMLLabelElement {
  const wrap = document.createElement("label");
  wrap.className = "search-control";
  wrap.append(`${label} `);
  const choice = document.createElement("select");
  choice.name = name;
  choice.setAttribute("form", "search-form");
  for (const [value, text] of options) {
    const option = document.createElement("option");
    option.value = value;
    option.textContent = text;
    choice.append(option);
  }
  wrap.append(choice);
  return wrap;
}

async function buildControls(): Promise<void> {
  const manifest = await engine.manifest();
  showIssuer = (manifest.facets.find((facet) => facet.name === "issuer")?.values.length ?? 0) > 1;
  for (const facet of manifest.facets) {
    if (facet.values.length === 0) continue;
    controls.append(field(facet.name, facet.label, [["", "全部"], ...facet.values.map((v): [string, string] => [v.value, `${v.value}（${v.count}）`])]));
  }
  controls.append(field("sort", "排序", [["date", "按日期（新→旧）"], ["relevance", "按相关度"]]));
  controls.hidden = false;
  controls.addEventListener("change", () => {
    const state = formState();
    writeState(state, true);
    void run(state);
  });
}

let debounce: ReturnType<typeof setTimeout> | undefined;
input.addEventListener("input", () => {
  clearTimeout(debounce);
  debounce = setTimeout(() => {
    const state = formState();
    writeState(state, false);
    void run(state);
  }, DEBOUNCE_MS);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(debounce);
  const state = formState();
  writeState(state, true);
  void run(state);
});
moreButton.addEventListener("click", () => {
  if (current && current.gen === generation) void showMore(current);
});
window.addEventListener("popstate", () => {
  const state = readState();
  syncForm(state);
  void run(state);
});

document.documentElement.classList.add("search-ready");
const initial = readState();
input.value = initial.q;
buildControls()
  .then(() => syncForm(initial))
  .catch((error: unknown) => setStatus(`搜索不可用：${error instanceof Error ? error.message : String(error)}`))
  .finally(() => {
    if (initial.q) void run(initial);
    else results.setAttribute("aria-busy", "false");
  });
