/**
 * The site's pages in runs of Eleventy small enough for memory: Eleventy keeps every page it
 * rendered (template content, layout output, write result) until its run ends, so 135,000 pages
 * of 100,000 letters need about 7 GB in one run. Each run renders a share of the paginated
 * families (documents, listings, letters, in this order); the first also renders the single
 * pages (home, search, data files). Pure.
 */

/** The paginated page families, as site-data.ts lists them. */
export interface PageFamilies<L, G, D> {
  letters: readonly L[];
  listings: readonly G[];
  documents: readonly D[];
}

export interface PageBatch<L, G, D> extends PageFamilies<L, G, D> {
  /** The home page, search page, data files, feed and sitemap: in the first run only. */
  singles: boolean;
}

/**
 * Pages per run: at 10,000 letters (13,500 pages) the site is still one run, as before;
 * at 100,000 letters, seven.
 */
export const PAGES_PER_RUN = 20_000;

export function pageBatches<L, G, D>(families: PageFamilies<L, G, D>, perRun = PAGES_PER_RUN): PageBatch<L, G, D>[] {
  if (perRun < 1) throw new Error("perRun must be at least 1");
  const order = ["documents", "listings", "letters"] as const;
  const total = order.reduce((sum, name) => sum + families[name].length, 0);
  const batches: PageBatch<L, G, D>[] = [];
  for (let start = 0; start === 0 || start < total; start += perRun) {
    const end = start + perRun;
    let offset = 0;
    const share = <T>(list: readonly T[]): T[] => {
      const slice = list.slice(Math.max(0, start - offset), Math.max(0, end - offset));
      offset += list.length;
      return slice;
    };
    const documents = share(families.documents);
    const listings = share(families.listings);
    const letters = share(families.letters);
    batches.push({ singles: start === 0, documents, listings, letters });
  }
  return batches;
}
