/**
 * The files the indexer (index.ts, Node) writes and the search page (engine.ts, browser)
 * reads, defined once: their paths under the site root and the shape of their contents.
 * No dependencies beyond core.ts, so that the browser bundle takes it whole.
 *
 *   search/manifest.json       Manifest: index format, parts newest first, shard count, facets
 *   search/dir/<k>.gz          routing shard k: "word<TAB>parts" lines (core.ts formatShard)
 *   search/cards/<n>.gz        JSON array of CardRow, every card of part n
 *   search/text/<key>.gz       a record's searchable paragraphs, one per line
 *   pagefind/<n>/              Pagefind bundle of part n (pagefind.js and its WebAssembly in part 0 only)
 */
import { INDEX_FORMAT } from "./core.ts";

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

/** One row of a card table: [Pagefind page id, url, title, ref, session, date, type, issuer]. */
export type CardRow = [id: string, url: string, title: string, ref: string, session: string, date: string, type: string, issuer: string];

export function cardRow(id: string, url: string, { title, ref, session, date, type, issuer }: CardMeta): CardRow {
  return [id, url, title, ref, session, date, type, issuer];
}

export function readCardRow([id, url, title, ref, session, date, type, issuer]: CardRow): { id: string; url: string; meta: CardMeta } {
  return { id, url, meta: { title, ref, session, date, type, issuer } };
}

export const MANIFEST_PATH = "search/manifest.json";

export function partPath(n: number): string {
  return `pagefind/${n}/`;
}

export function shardPath(k: number): string {
  return `search/dir/${k}.gz`;
}

export function cardTablePath(n: number): string {
  return `search/cards/${n}.gz`;
}

/** /letters/2020/ybh-2020-135/ → letters/2020/ybh-2020-135: a record's key, which names its text file. */
export function textKey(url: string): string {
  return url.replace(/^\/+|\/+$/g, "");
}

/** The text file of the record at a page URL: search/text/letters/2020/ybh-2020-135.gz. */
export function textPath(url: string): string {
  return `search/text/${textKey(url)}.gz`;
}

/** A text file's content from a record's paragraphs (which hold no line breaks), and back. */
export function formatText(paragraphs: readonly string[]): string {
  return paragraphs.join("\n");
}

export function parseText(text: string): string[] {
  return text.split("\n");
}
