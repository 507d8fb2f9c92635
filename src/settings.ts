/** The site settings (_data/site.json), with one type and one reader for the site, the editions and the tools. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface SiteSettings {
  title: string;
  shortTitle: string;
  /**
   * What the archive calls its issuers together (国家部委), where the letters have several:
   * an edition or page whose letters all come from one body names that body instead.
   */
  issuer: string;
  description: string;
  /** Absolute base URL of the deployed site, e.g. https://example.org */
  url: string;
  /** Sub-path the site is served under ("/" at the root). */
  pathPrefix: string;
  language: string;
  license: string;
  /**
   * Whether the pages, data files and editions print a letter's 联系电话. Off unless set: a
   * contact's phone is often a person's desk line, published with the reply but not for reuse.
   */
  publishContactPhone: boolean;
  /**
   * About how many pages a bound volume may have. The whole-archive edition is printed only
   * while the year volumes together stay within it.
   */
  editionPageBudget: number;
}

export function readSiteSettings(projectRoot: string): SiteSettings {
  const file = join(projectRoot, "_data", "site.json");
  const settings = JSON.parse(readFileSync(file, "utf8")) as Partial<SiteSettings>;
  const missing = (["title", "shortTitle", "issuer", "url", "license"] as const).filter((key) => typeof settings[key] !== "string");
  if (missing.length) throw new Error(`${file}: ${missing.join(", ")} missing: each must be a string`);
  if (settings.publishContactPhone !== undefined && typeof settings.publishContactPhone !== "boolean") {
    throw new Error(`${file}: publishContactPhone must be true or false`);
  }
  if (settings.editionPageBudget !== undefined && !(Number.isInteger(settings.editionPageBudget) && settings.editionPageBudget >= 50)) {
    throw new Error(`${file}: editionPageBudget must be a whole number of pages, 50 or more`);
  }
  return { description: "", pathPrefix: "/", language: "zh-CN", publishContactPhone: false, editionPageBudget: 1200, ...settings } as SiteSettings;
}

/** "" or "sub" or "/sub/" → "/" or "/sub/". */
export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "/").replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** Absolute base of the site: url + pathPrefix, without the trailing slash (https://example.org/sub). */
export function absoluteBaseUrl(settings: Pick<SiteSettings, "url" | "pathPrefix">): string {
  return `${settings.url.replace(/\/+$/, "")}${normalizePrefix(settings.pathPrefix)}`.replace(/\/$/, "");
}
