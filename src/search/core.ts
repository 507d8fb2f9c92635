/**
 * Fuwen search core: the one definition of how text and queries are normalized and turned
 * into index tokens. No dependencies and no I/O, so the indexer (Node) and the search page
 * (bundled for the browser) run the same code. Pure: strings and values in, values out.
 *
 * Exactness model. A record's text is a list of paragraphs of normalized characters, each
 * character at a location: its offset within the paragraph plus a per-paragraph base, the
 * paragraphs SEPARATOR_RUN unindexed locations apart (see layout). Three kinds of words:
 *   - character words "c" + code(c), at every location: the only words Pagefind holds
 *     (indexContent);
 *   - pair words "p" + code(c1) + code(c2), at the location of their first character;
 *   - narrow words "t" + three codes: every trigram with two or more ASCII letters, digits or
 *     文号 brackets, at the location of its first character.
 * Pairs and narrow words are the routing directory's only (directoryWords): they say which
 * parts hold a query, and where they are rare in a part their postings answer it there. A
 * query matches where every word of a plan sits at its offset from the first (joinPositional):
 * its characters in Pagefind, or a cover of it by pairs and narrow words in the directory.
 * That is substring matching, neither more nor less. Characters rather than pairs in
 * Pagefind: its work follows the distinct (word, record) pairs, a quarter as many, and it
 * indexes two parts of 250 letters in 1.8 s instead of 4.1–4.6 s (2 cores). Digits make only
 * a hundred pairs, all in every part, so a number such as 490号 was routed to every part; its
 * trigrams are rare.
 */

/**
 * Bumped whenever tokens, normalization or the files of formats.ts change, so an old index is
 * never read by a new client (2: cards carry the issuer; 3: positional pairs; 4: narrow words;
 * 5: 文号 brackets in narrow words; 6: characters in Pagefind, pairs in the directory).
 */
export const INDEX_FORMAT = 6;

/** Unindexed locations between paragraphs: no plan's words, at most NARROW apart, join across two of them. */
export const SEPARATOR_RUN = 2;
const SEPARATOR_WORD = "-";

/** One word of a positional plan and its offset in the query, in code points. */
export interface PlanPart {
  word: string;
  offset: number;
}

export type QueryPlan =
  | { kind: "none" }
  /**
   * characters: one word at every offset (what Pagefind holds); cover: pairs at offsets 0, 2,
   * 4, … and length − 2, or the character of a one-character query; narrow: its narrow words.
   * The directory holds cover and narrow.
   */
  | { kind: "positional"; length: number; characters: PlanPart[]; cover: PlanPart[]; narrow: PlanPart[] };

export interface ExcerptSegment {
  text: string;
  match: boolean;
}

export interface Excerpt {
  segments: ExcerptSegment[];
  /** Occurrences in the whole paragraph, not only in the window. */
  occurrences: number;
}

/**
 * Folds one code point the way readers expect search to: full-width ASCII forms to ASCII
 * (１月 = 1月, ［ = [), the ideographic space to a space, 〔〕 to [] (文号 bracket variants),
 * ASCII letters to lower case, and any white space to a plain space. One code point in, one
 * out, so offsets in normalized text are offsets in the original.
 */
export function foldCodePoint(cp: number): number {
  if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
  else if (cp === 0x3014) cp = 0x5b; // 〔
  else if (cp === 0x3015) cp = 0x5d; // 〕
  else if (cp === 0x3000 || cp === 0xa0 || cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x0c || cp === 0x0b ||
    cp === 0x2002 || cp === 0x2003 || cp === 0x2009 || cp === 0x200a || cp === 0x202f || cp === 0x205f) cp = 0x20;
  if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
  return cp;
}

/** Code points of text, each folded. */
export function foldedCodePoints(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(foldCodePoint(ch.codePointAt(0)!));
  return out;
}

/** Normalized form of a text: same length in code points as the input. */
export function normalizeText(text: string): string {
  let out = "";
  for (const ch of text) out += String.fromCodePoint(foldCodePoint(ch.codePointAt(0)!));
  return out;
}

/** A reader's query, normalized: folded, runs of white space to one space, trimmed. */
export function normalizeQuery(query: string): string {
  return normalizeText(query).replace(/ {2,}/g, " ").trim();
}

/**
 * The searchable paragraphs of a record from its display lines: white space collapsed
 * within each, empty ones dropped. The same paragraphs are stored for excerpts.
 */
export function searchableParagraphs(lines: Iterable<string>): string[] {
  const paragraphs: string[] = [];
  for (const line of lines) {
    for (const part of String(line).split(/\n/)) {
      const collapsed = part.replace(/[\s\u3000]+/g, " ").trim();
      if (collapsed) paragraphs.push(collapsed);
    }
  }
  return paragraphs;
}

/**
 * A short ASCII code per code point, prefix-free so that words split back into characters:
 * three base-36 digits below 45360 (all of ASCII, CJK punctuation and the CJK Unified block),
 * otherwise "z" and four digits. Lower-case ASCII letters and digits only, which Pagefind
 * indexes as one word and the browser's word segmenter leaves whole.
 */
export function codeOf(cp: number): string {
  let code = codes.get(cp);
  if (code === undefined) codes.set(cp, (code = cp < 45360 ? cp.toString(36).padStart(3, "0") : "z" + cp.toString(36).padStart(4, "0")));
  return code;
}

/** Codes made so far: an archive has a few thousand distinct characters and millions of them. */
const codes = new Map<number, string>();

export function characterWord(cp: number): string {
  return "c" + codeOf(cp);
}

export function pairWord(codePoints: readonly number[]): string {
  return "p" + codePoints.map(codeOf).join("");
}

export function narrowWord(codePoints: readonly number[]): string {
  return "t" + codePoints.map(codeOf).join("");
}

export function isNarrowWord(word: string): boolean {
  return word.startsWith("t");
}

/** Length of the pair words and of the narrow words. */
const PAIR = 2;
const NARROW = 3;

/** Characters a word of a plan covers: 1, 2 for a pair, 3 for a narrow word. */
export function wordSpan(word: string): number {
  return isNarrowWord(word) ? NARROW : word.startsWith("p") ? PAIR : 1;
}

/** ASCII letters and digits (folded), and the brackets of a 文号: [2023]8号 ends in ]8号, rare where 8号 is not. */
const isNumberMark = (cp: number): boolean => (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5b || cp === 0x5d;

/** True for a trigram (folded) that is a narrow word: two or more of its characters ASCII letters, digits or 文号 brackets. */
export function isNarrow(cps: readonly number[]): boolean {
  return cps.filter(isNumberMark).length >= 2;
}

/** The narrow words of folded text, each with its offset there. */
function narrowAt(cps: readonly number[]): PlanPart[] {
  const found: PlanPart[] = [];
  for (let i = 0; i + NARROW <= cps.length; i++) {
    const trigram = cps.slice(i, i + NARROW);
    if (isNarrow(trigram)) found.push({ word: narrowWord(trigram), offset: i });
  }
  return found;
}

/**
 * The content string of a record for Pagefind: space-separated words, each paragraph's
 * character words after SEPARATOR_RUN separators, so that a word's position is its location.
 */
export function indexContent(paragraphs: readonly string[]): string {
  const words: string[] = [];
  for (const cps of paragraphs.map(foldedCodePoints)) {
    for (let s = 0; s < SEPARATOR_RUN; s++) words.push(SEPARATOR_WORD);
    for (const cp of cps) words.push(characterWord(cp));
  }
  return words.join(" ");
}

/** A record's pair and narrow words (the routing directory's only), each at the location of its first character in indexContent. */
export function directoryWords(paragraphs: readonly string[]): [word: string, location: number][] {
  const found: [string, number][] = [];
  for (const { cps, base } of layout(paragraphs)) {
    for (let i = 0; i + PAIR <= cps.length; i++) found.push([pairWord(cps.slice(i, i + PAIR)), base + i]);
    for (const { word, offset } of narrowAt(cps)) found.push([word, base + offset]);
  }
  return found;
}

/** Where indexContent puts each paragraph: its folded characters and the location of the first. */
function layout(paragraphs: readonly string[]): { cps: number[]; base: number }[] {
  let next = 0;
  return paragraphs.map(foldedCodePoints).map((cps) => {
    const base = next + SEPARATOR_RUN;
    next = base + cps.length;
    return { cps, base };
  });
}

/** True for the unindexed words between paragraphs of a content string. */
export function isSeparator(word: string): boolean {
  return word === SEPARATOR_WORD;
}

/**
 * How to find a normalized query: { kind: "none" } when empty; otherwise its characters, the
 * cover of its pairs at offsets 0, 2, 4, … and length − 2 (consecutive ones at most 2 apart),
 * or its one character, and its narrow words.
 */
export function queryPlan(normalizedQuery: string): QueryPlan {
  const cps = foldedCodePoints(normalizedQuery);
  if (cps.length === 0) return { kind: "none" };
  const characters = cps.map((cp, offset) => ({ word: characterWord(cp), offset }));
  const offsets: number[] = [];
  for (let o = 0; o + PAIR <= cps.length; o += PAIR) offsets.push(o);
  const last = cps.length - PAIR;
  if (last > 0 && offsets[offsets.length - 1] !== last) offsets.push(last);
  const cover = cps.length < PAIR ? characters : offsets.map((offset) => ({ word: pairWord(cps.slice(offset, offset + PAIR)), offset }));
  // Every narrow word of the query: which of them is rare differs from part to part (in the
  // parts of 2023, 23] is in every 文号 of the year and ]80 is not), and a part joins those it
  // has postings for. Three apart, 国科建议[2023]80号 left out ]80 and opened Pagefind in every
  // part of 2023 (100,000 letters: 2,342 kB).
  return { kind: "positional", length: cps.length, characters, cover, narrow: narrowAt(cps) };
}

/**
 * Records where every part of a positional plan sits at its offset from the first part.
 * lists[i] maps a record id to the sorted locations of parts[i]'s word in that record; the
 * result follows the order of `order` (ids of lists[0] in the order wanted) and counts matches.
 */
export function joinPositional<Id>(
  parts: readonly PlanPart[],
  lists: readonly ReadonlyMap<Id, readonly number[]>[],
  order: Iterable<Id>,
): { id: Id; count: number }[] {
  const matches: { id: Id; count: number }[] = [];
  const head = parts[0];
  const firstList = lists[0];
  if (!head || !firstList) return matches;
  for (const id of order) {
    const first = firstList.get(id);
    if (!first) continue;
    const others: Set<number>[] = [];
    let complete = true;
    for (let i = 1; i < parts.length; i++) {
      const locs = lists[i]?.get(id);
      if (!locs) {
        complete = false;
        break;
      }
      others.push(new Set(locs));
    }
    if (!complete) continue;
    let count = 0;
    for (const start of first) {
      let ok = true;
      for (let i = 1; i < parts.length; i++) {
        if (!others[i - 1]!.has(start + parts[i]!.offset - head.offset)) {
          ok = false;
          break;
        }
      }
      if (ok) count++;
    }
    if (count > 0) matches.push({ id, count });
  }
  return matches;
}

/** The words a plan looks up in the routing directory: its cover, then its narrow words. */
export function planWords(plan: QueryPlan): string[] {
  if (plan.kind === "positional") return [...new Set([...plan.cover, ...plan.narrow].map((part) => part.word))];
  return [];
}

/**
 * Words of a plan that cover the query from its first character to its last, from those
 * whose postings are at hand (`usable`): the cover when all of it is, else the narrow words
 * with the cover's words that fill their gaps; undefined when no such cover exists.
 */
export function coveringParts(plan: Extract<QueryPlan, { kind: "positional" }>, usable: (word: string) => boolean): PlanPart[] | undefined {
  if (plan.cover.every((part) => usable(part.word))) return plan.cover;
  const chosen = [...plan.narrow, ...plan.cover].filter((part) => usable(part.word));
  const covered = new Array<boolean>(plan.length).fill(false);
  for (const part of chosen) for (let i = part.offset; i < part.offset + wordSpan(part.word); i++) covered[i] = true;
  return covered.every(Boolean) ? chosen.sort((a, b) => a.offset - b.offset) : undefined;
}

/**
 * The routing directory says, for every index word, which parts hold it, so that a search
 * opens only those parts. It is split into shards by a hash of the word (FNV-1a, 32 bits).
 */
export function shardOf(word: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    hash ^= word.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

/** Ascending part numbers → "0-3,5,8-9". */
export function encodeParts(parts: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let j = i;
    while (j + 1 < parts.length && parts[j + 1] === parts[j]! + 1) j++;
    out.push(j > i ? `${parts[i]}-${parts[j]}` : String(parts[i]));
    i = j;
  }
  return out.join(",");
}

export function decodeParts(text: string): number[] {
  const parts: number[] = [];
  for (const item of text.split(",")) {
    const [from = NaN, to = from] = item.split("-").map(Number);
    for (let n = from; n <= to; n++) parts.push(n);
  }
  return parts;
}

/**
 * A word's locations in one part, when it is rare there: Pagefind page id → the word's
 * positions among the words of the record's content (indexContent), separators counted.
 */
export type Postings = Map<string, number[]>;

/** A routing directory entry: the parts holding the word, and its postings in the parts where it is rare. */
export interface DirectoryEntry {
  parts: number[];
  inline: Map<number, Postings>;
}

/** "id:3,17;id2:5" ↔ postings, records in the order given. */
export function encodePostings(postings: Postings): string {
  return [...postings].map(([id, locations]) => `${id}:${locations.join(",")}`).join(";");
}

export function decodePostings(text: string): Postings {
  const postings: Postings = new Map();
  for (const item of text.split(";")) {
    const colon = item.lastIndexOf(":");
    postings.set(item.slice(0, colon), item.slice(colon + 1).split(",").map(Number));
  }
  return postings;
}

/**
 * A shard file's text: one line per word, sorted by word: "word<TAB>parts", then for each part
 * where the word is rare "<TAB>n=postings".
 */
export function formatShard(entries: Iterable<readonly [string, { parts: readonly number[]; inline: ReadonlyMap<number, string> }]>): string {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([word, { parts, inline }]) => [`${word}\t${encodeParts(parts)}`, ...[...inline].map(([n, postings]) => `${n}=${postings}`)].join("\t"))
    .join("\n");
}

export function parseShard(text: string): Map<string, DirectoryEntry> {
  const entries = new Map<string, DirectoryEntry>();
  for (const line of text.split("\n")) {
    const [word, parts, ...inline] = line.split("\t");
    if (!word || parts === undefined) continue;
    entries.set(word, {
      parts: decodeParts(parts),
      inline: new Map(inline.map((item) => {
        const equals = item.indexOf("=");
        return [Number(item.slice(0, equals)), decodePostings(item.slice(equals + 1))];
      })),
    });
  }
  return entries;
}

/** Parts holding every word (each list ascending); empty when a word is in no part. */
export function partsWithAll(lists: readonly (readonly number[])[]): number[] {
  const [first, ...rest] = lists;
  if (!first) return [];
  return rest.reduce<number[]>((acc, list) => acc.filter((n) => list.includes(n)), [...first]);
}

/** Code-point offsets of every occurrence of a normalized query in a text (overlapping allowed). */
export function findOccurrences(text: string, normalizedQuery: string): number[] {
  const hay = foldedCodePoints(text);
  const needle = foldedCodePoints(normalizedQuery);
  const found: number[] = [];
  if (needle.length === 0) return found;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    found.push(i);
  }
  return found;
}

/** True when the text contains the query under normalization: the truth search must equal. */
export function containsQuery(text: string, query: string): boolean {
  const q = normalizeQuery(query);
  return q.length > 0 && findOccurrences(text, q).length > 0;
}

/**
 * A readable excerpt of the paragraph holding the first occurrence: segments of plain text
 * and matched text ({ text, match }), at most `radius` characters before the match and twice
 * that after it, with … where the paragraph was cut. Every occurrence inside the window is
 * marked. Returns undefined when no paragraph contains the query.
 */
export function buildExcerpt(paragraphs: readonly string[], normalizedQuery: string, radius = 40): Excerpt | undefined {
  const qlen = [...normalizedQuery].length;
  if (qlen === 0) return undefined;
  for (const paragraph of paragraphs) {
    const found = findOccurrences(paragraph, normalizedQuery);
    const first = found[0];
    if (first === undefined) continue;
    const chars = [...paragraph];
    const start = Math.max(0, first - radius);
    const end = Math.min(chars.length, first + qlen + radius * 2);
    const segments: ExcerptSegment[] = [];
    if (start > 0) segments.push({ text: "…", match: false });
    let cursor = start;
    for (const at of found) {
      if (at < cursor || at + qlen > end) continue;
      if (at > cursor) segments.push({ text: chars.slice(cursor, at).join(""), match: false });
      segments.push({ text: chars.slice(at, at + qlen).join(""), match: true });
      cursor = at + qlen;
    }
    if (cursor < end) segments.push({ text: chars.slice(cursor, end).join(""), match: false });
    if (end < chars.length) segments.push({ text: "…", match: false });
    return { segments, occurrences: found.length };
  }
  return undefined;
}
