// Wiring only: the site is built by the plugin in src/site/ (TypeScript, loaded through tsx).
// `npm run build` registers the plugin first, with the archive it validated and the editions it
// printed; this registration (archive read from letters/) then gives way to it.
import fuwenSite from "./src/site/plugin.ts";
import { readSiteSettings } from "./src/settings.ts";

export default async function (eleventyConfig) {
  eleventyConfig.addPlugin(fuwenSite, { archiveRoot: "." });
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
  pathPrefix: readSiteSettings(".").pathPrefix,
};
