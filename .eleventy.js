// Wiring only: the site is built by the plugin in src/site/ (TypeScript, loaded through tsx).
import { readFileSync } from "node:fs";
import fuwenSite from "./src/site/plugin.ts";

const site = JSON.parse(readFileSync("_data/site.json", "utf8"));

export default async function (eleventyConfig) {
  eleventyConfig.addPlugin(fuwenSite, {
    // The archive to build: letters/ and _data/sessions.json under this directory.
    archiveRoot: process.env.FUWEN_ARCHIVE || ".",
    siteFile: "_data/site.json",
  });
}

export const config = {
  // Only Nunjucks page templates: letters/*.md and README.md are data, never templates.
  templateFormats: ["njk"],
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
  dir: {
    input: ".",
    includes: "src/site/_includes",
    data: "_data",
  },
  pathPrefix: site.pathPrefix,
};
