/**
 * Finds the related documents a letter cites by title in 《》 and links them in rendered HTML.
 * Whitespace inside a title is not significant (中共中央 国务院… is written with and without the space). Pure.
 */
import { escapeRegExp, escapeXml, unescapeXml } from "../escape.ts";

export interface CitableDocument {
  title: string;
  url: string;
}

/** A pattern for 《title》 that tolerates any whitespace between the title's characters. */
function titlePattern(title: string, escape: (text: string) => string): string {
  return [...title.replace(/\s+/g, "")].map((char) => escapeRegExp(escape(char))).join("\\s*");
}

export class CitationLinker {
  private readonly byCompactTitle = new Map<string, CitableDocument>();
  private readonly textPattern: RegExp | undefined;
  private readonly htmlPattern: RegExp | undefined;

  constructor(documents: readonly CitableDocument[]) {
    for (const doc of documents) this.byCompactTitle.set(doc.title.replace(/\s+/g, ""), doc);
    if (!documents.length) return;
    // Longest titles first, so a title that contains another is matched whole.
    const sorted = [...documents].sort((a, b) => b.title.length - a.title.length);
    this.textPattern = new RegExp(`《(${sorted.map((d) => titlePattern(d.title, (c) => c)).join("|")})》`, "g");
    this.htmlPattern = new RegExp(`《(${sorted.map((d) => titlePattern(d.title, escapeXml)).join("|")})》`, "g");
  }

  /** The documents cited in a Markdown body, in order of first citation, each once. */
  cited(body: string): CitableDocument[] {
    if (!this.textPattern) return [];
    const found = new Map<string, CitableDocument>();
    for (const match of body.matchAll(this.textPattern)) {
      const doc = this.byCompactTitle.get((match[1] ?? "").replace(/\s+/g, ""));
      if (doc && !found.has(doc.url)) found.set(doc.url, doc);
    }
    return [...found.values()];
  }

  /** Wraps each cited title inside 《》 in a link; hrefs come from urlFor so a path prefix can be applied. */
  link(html: string, urlFor: (url: string) => string): string {
    if (!this.htmlPattern) return html;
    return html.replace(this.htmlPattern, (whole, inner: string) => {
      const compact = unescapeXml(inner.replace(/\s+/g, ""));
      const doc = this.byCompactTitle.get(compact);
      return doc ? `《<a href="${escapeXml(urlFor(doc.url))}">${inner}</a>》` : whole;
    });
  }
}
