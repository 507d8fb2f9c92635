/**
 * What search sees of each letter and related document: the text a reader finds on its page
 * (the letter's printed parts, with the body's text read by the same Markdown parser that
 * renders the page), its card (title, 文号, session, date) and its filters. Pure: resolved
 * archive values in, records out.
 */
import type { AgencyCatalogue } from "../model/agencies.ts";
import { bodyText } from "../model/body.ts";
import type { Letter, RelatedDocument } from "../model/letter.ts";
import type { SessionCatalogue } from "../model/sessions.ts";
import { byPinyin } from "../model/order.ts";
import { ASSEMBLIES, ASSEMBLY_ORDER } from "../model/vocabulary.ts";
import { agencyOrder, canonicalAgency } from "../model/agencies.ts";
import { docNumberEntry, letterIdentifier } from "../model/wording.ts";
import { searchableParagraphs } from "./core.ts";
import { textKey } from "./formats.ts";

export const DOCUMENT_TYPE = "相关文件";

export interface SearchRecord {
  /** Unique across letters and documents: the page URL without its slashes, e.g. letters/2020/ybh-2020-135. */
  key: string;
  url: string;
  paragraphs: string[];
  meta: {
    title: string;
    /** 文号 for letters (a summary without one: its full reference); the publisher for documents. */
    ref: string;
    session: string;
    date: string;
    type: string;
    /** The issuer's official name; empty for documents. */
    issuer: string;
  };
  filters: Record<string, string[]>;
  date: string;
}

export interface Facet {
  name: string;
  label: string;
  values: { value: string; count: number }[];
}

/** A letter's record; issuer and consulted agencies filter under their official names when the catalogue is given. */
export function letterRecord(letter: Letter, agencies?: AgencyCatalogue): SearchRecord {
  const issuer = canonicalAgency(letter.issuer, agencies);
  const { url, parts } = letter;
  const key = textKey(url);
  const paragraphs = searchableParagraphs([
    parts.heading,
    parts.docNumber,
    letter.title,
    parts.salutation,
    ...bodyText(parts.body),
    parts.signature,
    parts.date,
    ...parts.notes,
    // The details' 发文字号 line, which also gives a printed 第 form without it.
    ...(letter.docNumber && docNumberEntry(letter.docNumber) !== letter.docNumber ? [docNumberEntry(letter.docNumber)] : []),
  ]);
  return {
    key,
    url,
    paragraphs,
    meta: {
      title: letter.title,
      ref: letterIdentifier(letter),
      session: letter.sessionEntry.name,
      date: letter.date,
      type: letter.proposalType,
      issuer,
    },
    filters: {
      session: [letter.sessionEntry.name],
      type: [letter.proposalType],
      year: [String(letter.year)],
      issuer: [issuer],
      agency: [...new Set(letter.consulted.map((name) => canonicalAgency(name, agencies)))],
    },
    date: letter.date,
  };
}

export function documentRecord(document: RelatedDocument): SearchRecord {
  const { url } = document;
  const key = textKey(url);
  const paragraphs = searchableParagraphs([
    document.title,
    document.byline,
    document.truncation?.before ?? "",
    ...bodyText(document.body),
    document.truncation?.after ?? "",
  ]);
  return {
    key,
    url,
    paragraphs,
    meta: {
      title: document.title,
      ref: document.publisher,
      session: "",
      date: document.date,
      type: DOCUMENT_TYPE,
      issuer: "",
    },
    filters: { type: [DOCUMENT_TYPE], year: [String(document.year)] },
    date: document.date,
  };
}

/** Records in a stable order: letters by key, then documents by key. */
export function searchRecords(letters: Letter[], documents: RelatedDocument[], agencies?: AgencyCatalogue): SearchRecord[] {
  const byKey = (a: SearchRecord, b: SearchRecord) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return [...letters.map((letter) => letterRecord(letter, agencies)).sort(byKey), ...documents.map(documentRecord).sort(byKey)];
}

/** Filter choices with counts over the whole archive, in reading order (issuers in the agencies catalogue's). */
export function facets(records: SearchRecord[], catalogue: SessionCatalogue, agencies?: AgencyCatalogue): Facet[] {
  const count = (name: string) => {
    const counts = new Map<string, number>();
    for (const record of records) for (const value of record.filters[name] ?? []) counts.set(value, (counts.get(value) ?? 0) + 1);
    return counts;
  };
  const listed = (counts: Map<string, number>, order: (a: string, b: string) => number) =>
    [...counts].sort(([a], [b]) => order(a, b)).map(([value, n]) => ({ value, count: n }));
  const sessionOrder = (name: string) => {
    const session = catalogue.find(name);
    return session ? catalogue.order(session) : Number.MAX_SAFE_INTEGER;
  };
  const typeOrder = [...ASSEMBLY_ORDER.map((a) => ASSEMBLIES[a].proposalType), DOCUMENT_TYPE];
  return [
    { name: "type", label: "类型", values: listed(count("type"), (a, b) => typeOrder.indexOf(a) - typeOrder.indexOf(b)) },
    { name: "session", label: "会议", values: listed(count("session"), (a, b) => sessionOrder(a) - sessionOrder(b)) },
    { name: "year", label: "年份", values: listed(count("year"), (a, b) => Number(b) - Number(a)) },
    { name: "issuer", label: "发文机关", values: listed(count("issuer"), agencyOrder(agencies)) },
    { name: "agency", label: "会商单位", values: listed(count("agency"), byPinyin) },
  ];
}
