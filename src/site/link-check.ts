/**
 * Internal link checking over a built site: every href/src that stays on the site must name
 * a file that exists (a directory URL needs its index.html) and every #fragment an id on
 * the target page. Pure: the caller supplies the pages and the set of files.
 */
import { unescapeXml } from "../escape.ts";

export interface BrokenLink {
  page: string;
  href: string;
  reason: string;
}

const ATTRIBUTE = /\s(?:href|src)="([^"]*)"/g;
const ID = /\sid="([^"]*)"/g;

export function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(ID)].map((m) => unescapeXml(m[1] ?? "")));
}

/**
 * pages: output-relative path (letters/2020/x/index.html) → HTML; files: every output-relative file path.
 * pathPrefix: "/" or "/sub/"; links outside it, and absolute URLs to other hosts, are not internal.
 */
export function findBrokenLinks(pages: ReadonlyMap<string, string>, files: ReadonlySet<string>, pathPrefix = "/"): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const idCache = new Map<string, Set<string>>();
  const idsFor = (file: string) => {
    let ids = idCache.get(file);
    if (!ids) {
      ids = idsOf(pages.get(file) ?? "");
      idCache.set(file, ids);
    }
    return ids;
  };
  for (const [page, html] of pages) {
    const pageUrl = `${pathPrefix}${page.replace(/index\.html$/, "")}`;
    for (const match of html.matchAll(ATTRIBUTE)) {
      const raw = unescapeXml(match[1] ?? "");
      if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith("//")) continue;
      const url = new URL(raw, `http://site${pageUrl}`);
      const [path, fragment] = [decodeURIComponent(url.pathname), decodeURIComponent(url.hash.slice(1))];
      if (!path.startsWith(pathPrefix)) {
        broken.push({ page, href: raw, reason: `outside the path prefix ${pathPrefix}` });
        continue;
      }
      let file = path.slice(pathPrefix.length);
      if (file === "" || file.endsWith("/")) file += "index.html";
      if (!files.has(file)) {
        broken.push({ page, href: raw, reason: `no file ${file}` });
        continue;
      }
      if (fragment && file.endsWith(".html") && !idsFor(file).has(fragment)) {
        broken.push({ page, href: raw, reason: `no id “${fragment}” in ${file}` });
      }
    }
  }
  return broken;
}
