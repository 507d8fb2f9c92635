/**
 * Rendered pages kept by content, so a rebuild renders only the pages an edit changed. A
 * letter, listing or document page is a function of its item in the site data (site-data.ts
 * puts on it everything the page shows: links, prev/next, other replies, listing rows) and of
 * what every such page shares: the settings, the base URL and path prefix, the related
 * documents a body links to, the project's code and templates. The key is a digest of both;
 * a page whose key was rendered before is hard-linked from .cache/pages/ (its bytes and times
 * kept), the others go to Eleventy. The home, search and data pages summarise the whole
 * archive and are always rendered. Deleting .cache/pages/ is always safe.
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { linker } from "../atomic.ts";
import { digestOf } from "../step-cache.ts";
import type { PageFamilies } from "./batches.ts";
import type { FuwenData } from "./plugin.ts";
import type { DocumentPage, LetterPage, SiteListingPage } from "./site-data.ts";

type Families = PageFamilies<LetterPage, SiteListingPage, DocumentPage>;

/** What every paginated page reads beside its own item (the templates' fuwen.settings, filters' inputs). */
export function sharedPageInputs(data: FuwenData, pathPrefix: string | undefined, projectDigest: string): string {
  return digestOf(
    projectDigest,
    pathPrefix ?? "",
    data.baseUrl,
    JSON.stringify(data.settings),
    JSON.stringify(data.documents.map((d) => [d.url, d.document.title])),
  );
}

/** /letters/2020/135/ → letters/2020/135/index.html, where Eleventy writes that permalink. */
export function outputFile(url: string): string {
  const path = url.replace(/^\//, "");
  return path === "" || path.endsWith("/") ? `${path}index.html` : path;
}

function isLetterPage(value: unknown): value is LetterPage {
  return typeof value === "object" && value !== null && "letter" in value && "url" in value;
}

/** Each page's key: a digest of what every page shares and of its own item. */
export class PageKeys {
  private readonly keys = new Map<string, string>();

  constructor(private readonly shared: string) {}

  of(item: { url: string }): string {
    let key = this.keys.get(item.url);
    if (!key) {
      // A listing's rows hold whole letter pages: each stands in by its own key (which covers
      // all of it), so a listing is not hashed with every letter's text again. A letter page
      // goes without the replacer, which would be called for its every value (0.3 s at 10,000).
      const json = isLetterPage(item)
        ? JSON.stringify(item)
        : JSON.stringify(item, (_, value: unknown) => (value !== item && isLetterPage(value) ? this.of(value) : value));
      key = digestOf(this.shared, json);
      this.keys.set(item.url, key);
    }
    return key;
  }
}

/**
 * The pages whose key differs from the one `rendered` holds for their URL (all of them the
 * first time), for a dev server that keeps its output between runs; `rendered` is brought up
 * to date, and the URLs it held that the site no longer has are returned as gone.
 */
export function changedPages(families: Families, keys: PageKeys, rendered: Map<string, string>): { fresh: Families; gone: string[] } {
  const present = new Set<string>();
  const changed = <T extends { url: string }>(items: readonly T[]): T[] =>
    items.filter((item) => {
      present.add(item.url);
      const key = keys.of(item);
      if (rendered.get(item.url) === key) return false;
      rendered.set(item.url, key);
      return true;
    });
  const fresh = { letters: changed(families.letters), listings: changed(families.listings), documents: changed(families.documents) };
  const gone = [...rendered.keys()].filter((url) => !present.has(url));
  for (const url of gone) rendered.delete(url);
  return { fresh, gone };
}

export class PageStore {
  private readonly used = new Set<string>();
  private readonly keys: PageKeys;

  constructor(
    private readonly dir: string,
    shared: string,
  ) {
    this.keys = new PageKeys(shared);
  }

  private key(item: { url: string }): string {
    const key = this.keys.of(item);
    this.used.add(key);
    return key;
  }

  /** Places the kept pages in outDir; returns the pages still to render. */
  reuse(families: Families, outDir: string): Families {
    const place = linker();
    const fresh = <T extends { url: string }>(items: readonly T[]): T[] =>
      items.filter((item) => {
        try {
          place(join(this.dir, `${this.key(item)}.html`), join(outDir, outputFile(item.url)));
          return false;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
          throw error;
        }
      });
    return { letters: fresh(families.letters), listings: fresh(families.listings), documents: fresh(families.documents) };
  }

  /** Keeps the pages just rendered into outDir, and drops what this build did not use. */
  keep(rendered: Families, outDir: string): void {
    mkdirSync(this.dir, { recursive: true });
    const place = linker();
    for (const item of [...rendered.letters, ...rendered.listings, ...rendered.documents]) {
      place(join(outDir, outputFile(item.url)), join(this.dir, `${this.key(item)}.html`));
    }
    for (const name of readdirSync(this.dir)) {
      if (!this.used.has(name.replace(/\.html$/, ""))) rmSync(join(this.dir, name), { force: true });
    }
  }
}
