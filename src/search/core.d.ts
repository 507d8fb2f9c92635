// Types for core.js, which stays plain JavaScript so the browser runs the same file.
export const INDEX_FORMAT: number;
export const GRAM: number;
export const SEPARATOR_RUN: number;

export type QueryPlan =
  | { kind: "none" }
  | { kind: "set"; word: string }
  | { kind: "positional"; parts: { word: string; offset: number }[] };

export interface ExcerptSegment {
  text: string;
  match: boolean;
}

export function foldCodePoint(cp: number): number;
export function foldedCodePoints(text: string): number[];
export function normalizeText(text: string): string;
export function normalizeQuery(query: string): string;
export function searchableParagraphs(lines: Iterable<string>): string[];
export function codeOf(cp: number): string;
export function setWord(codePoints: number[]): string;
export function positionalWord(codePoints: number[]): string;
export function indexContent(paragraphs: string[]): string;
export function queryPlan(normalizedQuery: string): QueryPlan;
export function joinPositional<Id>(
  parts: { word: string; offset: number }[],
  lists: Map<Id, number[]>[],
  order: Iterable<Id>,
): { id: Id; count: number }[];
export function findOccurrences(text: string, normalizedQuery: string): number[];
export function containsQuery(text: string, query: string): boolean;
export function buildExcerpt(
  paragraphs: string[],
  normalizedQuery: string,
  radius?: number,
): { segments: ExcerptSegment[]; occurrences: number } | undefined;
export function contentWords(content: string): Set<string>;
export function planWords(plan: QueryPlan): string[];
export function shardOf(word: string, shards: number): number;
export function encodeParts(parts: number[]): string;
export function decodeParts(text: string): number[];
export function formatShard(entries: Iterable<[string, number[]]>): string;
export function parseShard(text: string): Map<string, number[]>;
export function partsWithAll(lists: number[][]): number[];
