/**
 * Links to the PDF editions (compendium.pdf, compendium-<year>.pdf), which are made after
 * Eleventy has written the pages. Templates leave a marker comment where a link belongs;
 * the last build step replaces each marker with a link and the file's size when the file
 * exists, and removes it when it does not.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, renameSync } from "node:fs";
import { join } from "node:path";

const MARKER = /<!--fuwen:edition href="([^"]*)" file="([^"]*)" label="([^"]*)"-->/g;

export function editionMarker(href: string, file: string, label: string): string {
  return `<!--fuwen:edition href="${href}" file="${file}" label="${label}"-->`;
}

/** 3,355,443 bytes → 3.2 MB (decimal places kept readable: one below 10 MB). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** Pure: replaces markers given the size of each file that exists. */
export function replaceEditionMarkers(html: string, sizeOf: (file: string) => number | undefined): string {
  return html.replace(MARKER, (_whole, href: string, file: string, label: string) => {
    const size = sizeOf(file);
    return size === undefined ? "" : `<p class="edition"><a href="${href}">${label}</a>（PDF，${formatMegabytes(size)}）</p>`;
  });
}

/** Only pages that can carry a marker: the home page and the session and year indexes. */
const MARKED_DIRS = ["sessions", "years"];

function markedPages(outDir: string): string[] {
  const pages = [join(outDir, "index.html")];
  for (const dir of MARKED_DIRS) {
    try {
      for (const e of readdirSync(join(outDir, dir), { recursive: true, withFileTypes: true })) {
        if (e.isFile() && e.name.endsWith(".html")) pages.push(join(e.parentPath, e.name));
      }
    } catch {
      // An archive without letters has no such directory.
    }
  }
  return pages;
}

/** Build step: rewrites the pages that carry a marker (home, sessions, years), atomically per file. */
export function linkEditions(outDir: string): { pages: number; editions: string[] } {
  const sizes = new Map<string, number | undefined>();
  const sizeOf = (file: string) => {
    if (!sizes.has(file)) {
      try {
        sizes.set(file, statSync(join(outDir, file)).size);
      } catch {
        sizes.set(file, undefined);
      }
    }
    return sizes.get(file);
  };
  let pages = 0;
  for (const path of markedPages(outDir)) {
    let html: string;
    try {
      html = readFileSync(path, "utf8");
    } catch {
      continue;
    }
    if (!html.includes("<!--fuwen:edition")) continue;
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, replaceEditionMarkers(html, sizeOf));
    renameSync(tmp, path);
    pages++;
  }
  const editions = [...sizes].filter(([, size]) => size !== undefined).map(([file]) => file).sort();
  return { pages, editions };
}
