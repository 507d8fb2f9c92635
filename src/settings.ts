/** The site settings (_data/site.json), with one type and one reader for the site, the editions and the tools. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface SiteSettings {
  title: string;
  shortTitle: string;
  /** The issuing body the archive is of, e.g. 国家医疗保障局. */
  issuer: string;
  description: string;
  /** Absolute base URL of the deployed site, e.g. https://example.org */
  url: string;
  /** Sub-path the site is served under ("/" at the root). */
  pathPrefix: string;
  language: string;
  license: string;
}

export function readSiteSettings(projectRoot: string): SiteSettings {
  const file = join(projectRoot, "_data", "site.json");
  const settings = JSON.parse(readFileSync(file, "utf8")) as Partial<SiteSettings>;
  const missing = (["title", "shortTitle", "issuer", "url", "license"] as const).filter((key) => typeof settings[key] !== "string");
  if (missing.length) throw new Error(`${file}: ${missing.join(", ")} missing: each must be a string`);
  return { description: "", pathPrefix: "/", language: "zh-CN", ...settings } as SiteSettings;
}
