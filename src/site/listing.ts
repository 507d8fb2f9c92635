/**
 * Long lists split into pages small enough for a slow connection. A listing is a sequence of
 * groups (a month, a pinyin initial) that may run over several pages; each page knows its
 * neighbours and where each group starts. Pure.
 */

export interface Group<T> {
  /** ASCII anchor id, unique within the listing. */
  id: string;
  heading?: string;
  entries: T[];
}

export interface PageGroup<T> {
  id: string;
  heading?: string;
  /** True when the group began on an earlier page. */
  continued: boolean;
  entries: T[];
}

export interface PagerLink {
  url: string;
  label: string;
  current: boolean;
}

export interface GroupIndexEntry {
  label: string;
  url: string;
  count: number;
}

export interface ListingPage<T> {
  url: string;
  pageNumber: number;
  pageCount: number;
  groups: PageGroup<T>[];
  pager: PagerLink[];
  previous?: string;
  next?: string;
  /** Where each group starts (page URL + #anchor); the same for every page of the listing. */
  groupIndex: GroupIndexEntry[];
  entryCount: number;
}

/** /sessions/npc-13-3/ → page 1 at the base, then /sessions/npc-13-3/p2/, … */
export function pageUrl(baseUrl: string, pageNumber: number): string {
  return pageNumber === 1 ? baseUrl : `${baseUrl}p${pageNumber}/`;
}

export function paginateGroups<T>(baseUrl: string, groups: readonly Group<T>[], perPage: number): ListingPage<T>[] {
  if (perPage < 1) throw new Error("perPage must be at least 1");
  const pages: PageGroup<T>[][] = [[]];
  const groupStarts: { group: Group<T>; page: number }[] = [];
  let filled = 0;
  for (const group of groups) {
    let continued = false;
    let rest = group.entries;
    do {
      if (filled === perPage) {
        pages.push([]);
        filled = 0;
      }
      const current = pages[pages.length - 1]!;
      if (!continued) groupStarts.push({ group, page: pages.length });
      const taken = rest.slice(0, perPage - filled);
      current.push({ id: continued ? `${group.id}-c` : group.id, heading: group.heading, continued, entries: taken });
      filled += taken.length;
      rest = rest.slice(taken.length);
      continued = true;
    } while (rest.length);
  }
  const pageCount = pages.length;
  const urls = pages.map((_, i) => pageUrl(baseUrl, i + 1));
  const groupIndex = groupStarts.map(({ group, page }) => ({
    label: group.heading ?? group.id,
    url: `${urls[page - 1]}#${group.id}`,
    count: group.entries.length,
  }));
  return pages.map((pageGroups, i) => ({
    url: urls[i]!,
    pageNumber: i + 1,
    pageCount,
    groups: pageGroups,
    pager: pageCount > 1 ? urls.map((url, j) => ({ url, label: String(j + 1), current: i === j })) : [],
    previous: i > 0 ? urls[i - 1] : undefined,
    next: i < pageCount - 1 ? urls[i + 1] : undefined,
    groupIndex,
    entryCount: pageGroups.reduce((sum, g) => sum + g.entries.length, 0),
  }));
}
