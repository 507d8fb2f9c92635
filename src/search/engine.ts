/**
 * The search engine of the search page, without the page: it reads the index files the
 * indexer wrote (formats.ts) and finds exactly the records whose text contains a query (the
 * exactness model is in core.ts). No DOM access; its I/O — fetching files and loading
 * Pagefind's pagefind.js — is handed in, so that the browser (page.ts) and Node (the tests)
 * run the same code against the same files.
 *
 * A search: the query plan's words are looked up in the routing directory, which names the
 * parts holding all of them (less those a year filter rules out by their date range); those
 * parts are searched newest first, each with Pagefind (one instance per part) and, for a
 * positional plan, the positional join. Collection stops once more than a page of matches is
 * known and resumes where it stopped when more are wanted, so a date-sorted search of a
 * large archive opens only its newest parts.
 */
import {
  buildExcerpt, coveringParts, findOccurrences, joinPositional, normalizeQuery, parseShard, partsWithAll, planWords, queryPlan, shardOf,
  type DirectoryEntry, type Excerpt, type Postings, type QueryPlan,
} from "./core.ts";
import {
  FILTER_NAMES, INDEX_FORMAT, MANIFEST_PATH, cardBucketOf, cardBucketPath, readCardRow, shardPath, textBlockPath,
  type CardMeta, type CardRow, type FilterName, type Manifest, type PartEntry, type TextRow,
} from "./formats.ts";

/** What the engine reads of an HTTP response (the Fetch API's Response has it). */
export interface FetchResponse {
  ok: boolean;
  status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The part of Pagefind's JavaScript API (pagefind.js, 1.x) the engine uses. */
export interface PagefindModule {
  createInstance(options: { basePath: string }): PagefindInstance;
}

export interface PagefindInstance {
  search(term: string, options: { filters: Partial<Record<FilterName, string>>; sort: { date: "desc" } }): Promise<{ results: PagefindResult[] }>;
}

export interface PagefindResult {
  /** Pagefind's page id, the key of the record's card (formats.ts cardBucketOf). */
  id: string;
  /** Locations of the searched word in the record, in words from the start of its content. */
  words: number[];
}

export interface EngineIO {
  /** The site root, ending in "/": index files are fetched relative to it. */
  siteRoot: URL;
  fetch(url: URL): Promise<FetchResponse>;
  /** Loads part 0's pagefind.js (in the browser: a dynamic import() of the URL). */
  importPagefind(url: URL): Promise<PagefindModule>;
}

export type Filters = Partial<Record<FilterName, string>>;
export type Sort = "date" | "relevance";

/** A part a search will open, with its number. */
export interface CandidatePart extends PartEntry {
  n: number;
}

export interface Match {
  /** Pagefind page id within its part. */
  id: string;
  part: number;
  /** Occurrences of the query in the record (1 for a query of one character). */
  count: number;
}

export interface Card {
  /** The record's page URL as indexed, e.g. /letters/2020/ybh-2020-135/. */
  rawUrl: string;
  /** The same page's path on this site (the site may live under a path prefix). */
  url: string;
  meta: CardMeta;
  /** Where the record's text is: its part and text block. */
  part: number;
  block: number;
}

/**
 * One query with one set of filters: the parts that can hold matches and the matches found so
 * far, newest first. Resumable: collect() continues where the last call stopped, and calls
 * run one after another, so no part is searched twice.
 */
export class Search {
  readonly matches: Match[] = [];
  private next = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly query: string,
    readonly plan: QueryPlan,
    readonly filters: Filters,
    readonly parts: readonly CandidatePart[],
    private readonly searchPart: (part: number) => Promise<Match[]>,
  ) {}

  /** True once every candidate part has been searched. */
  get complete(): boolean {
    return this.next >= this.parts.length;
  }

  /** Candidate parts searched so far. */
  get searched(): number {
    return this.next;
  }

  /** Searches parts until more than `want` matches are known (Infinity: all parts). A part that fails is tried again next time. */
  collect(want: number): Promise<this> {
    const run = this.queue.catch(() => undefined).then(async () => {
      while (this.next < this.parts.length && this.matches.length <= want) {
        const found = await this.searchPart(this.parts[this.next]!.n);
        this.matches.push(...found);
        this.next++;
      }
      return this;
    });
    this.queue = run;
    return run;
  }

  /** The matches found so far: by date, newest first, or by occurrences, most first (then by date). */
  ordered(sort: Sort): Match[] {
    if (sort !== "relevance") return this.matches;
    return [...this.matches].sort((a, b) => b.count - a.count);
  }
}

/**
 * Candidates checked against their texts at most, in one part, per distinct character of the
 * query: a candidate costs its text block and its card bucket (about 9 kB), where Pagefind
 * costs an index chunk per character (about 22 kB). At 50,000 letters a 文号 checked as many
 * as 16 candidates in each part that holds its narrow words (430 kB of texts), when Pagefind
 * held pairs and cost less per part.
 */
const VERIFIED_PER_CHARACTER = 2;

export class SearchEngine {
  private readonly manifests = new Map<"manifest", Promise<Manifest>>();
  private readonly runtimes = new Map<"pagefind", Promise<PagefindModule>>();
  private readonly instances = new Map<number, PagefindInstance>();
  private readonly shards = new Map<number, Promise<Map<string, DirectoryEntry>>>();
  private readonly searches = new Map<string, Promise<Search>>();
  private readonly cardBuckets = new Map<string, Promise<Map<string, Card>>>();
  private readonly textBlocks = new Map<string, Promise<Map<string, string[]>>>();

  constructor(private readonly io: EngineIO) {}

  /** The manifest, once its format is checked. */
  manifest(): Promise<Manifest> {
    return memo(this.manifests, "manifest", async () => {
      const manifest = JSON.parse(new TextDecoder().decode(await this.fetchBytes(MANIFEST_PATH, "manifest"))) as Manifest;
      if (manifest.format !== INDEX_FORMAT) throw new Error("the search index was built by another version of this page; reload");
      return manifest;
    });
  }

  /**
   * The search for a query (normalized here) and filters, begun or continued: searches are
   * kept, so returning to a query resumes it. A query with no characters has no parts.
   */
  search(query: string, filters: Filters = {}): Promise<Search> {
    const normalized = normalizeQuery(query);
    const chosen: Filters = {};
    for (const name of FILTER_NAMES) if (filters[name]) chosen[name] = filters[name];
    const key = JSON.stringify([normalized, chosen]);
    return memo(this.searches, key, async () => {
      const plan = queryPlan(normalized);
      const entries = await this.directoryEntries(plan);
      const parts = await this.candidateParts(entries, chosen);
      return new Search(normalized, plan, chosen, parts, (n) => this.searchPart(n, normalized, plan, chosen, entries));
    });
  }

  /** The routing directory's entry of each word of a plan (none: the word is in no part). */
  private async directoryEntries(plan: QueryPlan): Promise<(DirectoryEntry | undefined)[]> {
    const manifest = await this.manifest();
    return Promise.all(planWords(plan).map(async (word) => (await this.shard(shardOf(word, manifest.directory.shards))).get(word)));
  }

  /**
   * Parts that can hold matches, newest first: those the routing directory lists for every
   * word of the plan, less those a year filter rules out by their date range.
   */
  private async candidateParts(entries: (DirectoryEntry | undefined)[], filters: Filters): Promise<CandidatePart[]> {
    const manifest = await this.manifest();
    const year = filters.year;
    return partsWithAll(entries.map((entry) => entry?.parts ?? []))
      .map((n) => ({ ...manifest.parts[n]!, n }))
      .filter((part) => !year || (part.oldest.slice(0, 4) <= year && part.newest.slice(0, 4) >= year));
  }

  /**
   * Exact matches in one part, newest first. When every word of the plan is rare in the part
   * and no filter is set, the directory's postings are joined and Pagefind is not opened;
   * otherwise Pagefind searches the part (its filters apply there).
   */
  private async searchPart(n: number, query: string, plan: QueryPlan, filters: Filters, entries: (DirectoryEntry | undefined)[]): Promise<Match[]> {
    if (plan.kind === "none") return [];
    const words = planWords(plan);
    const inline = new Map(entries.flatMap((entry, i) => {
      const postings = entry?.inline.get(n);
      return postings ? [[words[i]!, postings] as const] : [];
    }));
    if (Object.keys(filters).length === 0) {
      const joined = joinPostings(plan, inline);
      if (joined) return joined.map(({ id, count }) => ({ id, part: n, count }));
      // Some words are rare here (a name, a number, the narrow words of 教建议[2023]8号) and the
      // others are not: the records holding the rare ones where the query puts them are few,
      // their texts say exactly which hold the query, and Pagefind is not opened.
      const rare = [...plan.narrow, ...plan.cover].filter((part) => inline.has(part.word));
      if (rare.length) {
        const lists = rare.map((part) => inline.get(part.word)!);
        const candidates = joinPositional(rare, lists, lists[0]!.keys()).map((match) => match.id);
        if (candidates.length <= VERIFIED_PER_CHARACTER * new Set(plan.characters.map((part) => part.word)).size) return this.verified(n, query, candidates);
      }
    }
    const instance = await this.instance(n);
    const options = { filters, sort: { date: "desc" as const } };
    const characters = [...new Set(plan.characters.map((part) => part.word))];
    const found = new Map(await Promise.all(characters.map(async (word) => [word, await instance.search(word, options)] as const)));
    const locations = plan.characters.map((part) => new Map(found.get(part.word)!.results.map((result) => [result.id, result.words])));
    return joinPositional(plan.characters, locations, found.get(plan.characters[0]!.word)!.results.map((result) => result.id)).map(({ id, count }) => ({ id, part: n, count }));
  }

  /** The records (ids of part n) whose texts hold the normalized query, with their occurrences, in the order given. */
  private async verified(n: number, query: string, ids: string[]): Promise<Match[]> {
    const cards = await this.cardsFor(ids.map((id) => ({ id, part: n, count: 0 })));
    const counts = await Promise.all(cards.map(async (card) => (await this.text(card)).reduce((sum, paragraph) => sum + findOccurrences(paragraph, query).length, 0)));
    return ids.flatMap((id, i) => (counts[i] ? [{ id, part: n, count: counts[i]! }] : []));
  }

  /** Cards for a batch of matches, from the card buckets they fall in (each bucket fetched once). */
  async cardsFor(matches: readonly Match[]): Promise<Card[]> {
    const manifest = await this.manifest();
    return Promise.all(matches.map(async (match) => {
      const bucket = cardBucketOf(match.id, manifest.parts[match.part]!.cards);
      const card = (await this.cardBucket(match.part, bucket)).get(match.id);
      if (!card) throw new Error(`cards: no card ${match.id} in part ${match.part}`);
      return card;
    }));
  }

  /** A record's searchable paragraphs, from its text block. */
  async text(card: Card): Promise<string[]> {
    const paragraphs = (await this.textBlock(card.part, card.block)).get(card.rawUrl);
    if (!paragraphs) throw new Error(`text: ${card.rawUrl} is not in block ${card.block} of part ${card.part}`);
    return paragraphs;
  }

  /** The excerpt of a record around the first occurrence of a query, or undefined when its text lacks it. */
  async excerpt(card: Card, query: string): Promise<Excerpt | undefined> {
    return buildExcerpt(await this.text(card), normalizeQuery(query));
  }

  /** Text block t of part n: the paragraphs of its records by page URL as indexed. */
  textBlock(n: number, t: number): Promise<Map<string, string[]>> {
    return memo(this.textBlocks, `${n}/${t}`, async () => new Map(JSON.parse(await this.fetchText(textBlockPath(n, t), "text")) as TextRow[]));
  }

  private cardBucket(n: number, bucket: number): Promise<Map<string, Card>> {
    return memo(this.cardBuckets, `${n}/${bucket}`, async () => {
      const rows = JSON.parse(await this.fetchText(cardBucketPath(n, bucket), "cards")) as CardRow[];
      return new Map(rows.map((row) => {
        const { id, url, meta, block } = readCardRow(row);
        return [id, { rawUrl: url, url: new URL(url.replace(/^\/+/, ""), this.io.siteRoot).pathname, meta, part: n, block }];
      }));
    });
  }

  private shard(k: number): Promise<Map<string, DirectoryEntry>> {
    return memo(this.shards, k, async () => parseShard(await this.fetchText(shardPath(k), "directory")));
  }

  /** One Pagefind instance per part, created on first use; pagefind.js is loaded once, from part 0. */
  private async instance(n: number): Promise<PagefindInstance> {
    const manifest = await this.manifest();
    const part = manifest.parts[n];
    if (!part) throw new Error(`the manifest has no part ${n}`);
    const pagefind = await memo(this.runtimes, "pagefind", () => this.io.importPagefind(new URL(`${manifest.parts[0]!.path}pagefind.js`, this.io.siteRoot)));
    let instance = this.instances.get(n);
    if (!instance) {
      // An absolute URL: in the browser Pagefind strips the page's origin from it again.
      instance = pagefind.createInstance({ basePath: new URL(part.path, this.io.siteRoot).href });
      this.instances.set(n, instance);
    }
    return instance;
  }

  private async fetchBytes(path: string, what: string): Promise<Uint8Array<ArrayBuffer>> {
    const response = await this.io.fetch(new URL(path, this.io.siteRoot));
    if (!response.ok) throw new Error(`${what}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  private async fetchText(path: string, what: string): Promise<string> {
    return inflate(await this.fetchBytes(path, what));
  }
}

/**
 * The matches of a plan from the directory's postings of its words in one part (by word), in
 * the postings' record order (the part's, newest first); undefined when the postings at hand
 * do not cover the query (then Pagefind is searched).
 */
function joinPostings(plan: Extract<QueryPlan, { kind: "positional" }>, postings: ReadonlyMap<string, Postings>): { id: string; count: number }[] | undefined {
  const parts = coveringParts(plan, (word) => postings.has(word));
  if (!parts) return undefined;
  const lists = parts.map((part) => postings.get(part.word)!);
  return joinPositional(parts, lists, lists[0]!.keys());
}

/** Bytes of a .gz file as text; hosts that add Content-Encoding: gzip hand them over inflated. */
export async function inflate(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  }
  return new TextDecoder().decode(bytes);
}

/** The cached promise for a key, made on first use; a promise that fails is dropped, so the next call tries again. */
function memo<K, V>(cache: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> {
  let pending = cache.get(key);
  if (!pending) {
    pending = make();
    cache.set(key, pending);
    pending.catch(() => {
      if (cache.get(key) === pending) cache.delete(key);
    });
  }
  return pending;
}
