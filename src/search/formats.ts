/**
 * The files the indexer (index.ts, Node) writes and the search page (engine.ts, browser)
 * reads, defined once: their paths under the site root and the shape of their contents.
 * No dependencies beyond core.ts, so that the browser bundle takes it whole.
 *
 *   search/manifest.json       Manifest: index format, parts newest first, shard count, facets
 *   search/dir/<k>.gz          routing shard k: "word<TAB>parts" lines (core.ts formatShard)
 *   search/cards/<n>/<b>.gz    JSON array of CardRow: the cards of part n whose Pagefind id falls in bucket b
 *   search/text/<n>/<t>.gz     JSON array of TextRow: the searchable paragraphs of part n's records in block t
 *   pagefind/<n>/              Pagefind bundle of part n, without fragments (pagefind.js and its
 *                              WebAssembly in part 0 only)
 */
import { INDEX_FORMAT, shardOf } from "./core.ts";

export { INDEX_FORMAT };

/** The Pagefind filters a search can set, which are also the manifest's facets. */
export const FILTER_NAMES = ["type", "session", "year", "issuer", "agency"] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

export function isFilterName(name: string): name is FilterName {
  return (FILTER_NAMES as readonly string[]).includes(name);
}

/** One Pagefind bundle: up to partSize records, newest first across parts. */
export interface PartEntry {
  /** Bundle directory relative to the site root, e.g. "pagefind/0/". */
  path: string;
  records: number;
  /** Number of card buckets (cardBucketOf). */
  cards: number;
  /** Dates (YYYY-MM-DD) of the part's newest and oldest record. */
  newest: string;
  oldest: string;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface ManifestFacet {
  name: FilterName;
  label: string;
  values: FacetValue[];
}

export interface Manifest {
  /** INDEX_FORMAT of the indexer that wrote it: a page of another format refuses the index. */
  format: number;
  parts: PartEntry[];
  /** Number of routing shards: a power of two, the modulus of core.ts shardOf. */
  directory: { shards: number };
  facets: ManifestFacet[];
}

/** What a result shows: the record's Pagefind meta. */
export interface CardMeta {
  title: string;
  /** 文号 for letters; the publisher for documents. */
  ref: string;
  session: string;
  /** YYYY-MM-DD. */
  date: string;
  type: string;
  /** The issuer's official name for letters; empty for documents. */
  issuer: string;
}

/** One row of a card bucket: [Pagefind page id, url, title, ref, session, date, type, issuer, text block]. */
export type CardRow = [id: string, url: string, title: string, ref: string, session: string, date: string, type: string, issuer: string, block: number];

export function cardRow(id: string, url: string, { title, ref, session, date, type, issuer }: CardMeta, block: number): CardRow {
  return [id, url, title, ref, session, date, type, issuer, block];
}

export function readCardRow([id, url, title, ref, session, date, type, issuer, block]: CardRow): { id: string; url: string; meta: CardMeta; block: number } {
  return { id, url, meta: { title, ref, session, date, type, issuer }, block };
}

/** One row of a text block: [url, paragraphs]. */
export type TextRow = [url: string, paragraphs: string[]];

/**
 * Cards per bucket, about. A result's card is found by its Pagefind id alone, so buckets are
 * cut by a hash of it: a search with a few results fetches a few buckets of 1–2 kB, one with
 * many fetches them all (the part's whole card table, about 25 kB per 1,000 records). One
 * file per record instead made 10,000 files at 10,000 letters, over a static host's limit.
 */
export const CARDS_PER_BUCKET = 64;

/**
 * Records per text block: consecutive records of a part, newest first, as a date-sorted list
 * shows them, so the excerpts on one screen come from a few blocks. Four keeps a block near
 * 15 kB and the whole search under 3,000 text files at 10,000 letters (one per record was 10,000).
 */
export const TEXT_BLOCK = 4;

export function cardBuckets(records: number): number {
  return Math.max(1, Math.ceil(records / CARDS_PER_BUCKET));
}

export function cardBucketOf(id: string, buckets: number): number {
  return shardOf(id, buckets);
}

export const MANIFEST_PATH = "search/manifest.json";

export function partPath(n: number): string {
  return `pagefind/${n}/`;
}

export function shardPath(k: number): string {
  return `search/dir/${k}.gz`;
}

export function cardBucketPath(n: number, bucket: number): string {
  return `search/cards/${n}/${bucket}.gz`;
}

export function textBlockPath(n: number, block: number): string {
  return `search/text/${n}/${block}.gz`;
}

/** /letters/2020/ybh-2020-135/ → letters/2020/ybh-2020-135: a record's key. */
export function textKey(url: string): string {
  return url.replace(/^\/+|\/+$/g, "");
}
