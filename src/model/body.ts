/**
 * A letter's Markdown body, read once by one parser for every output: the HTML the page and
 * the print edition show, and the text of each block as a reader sees it there (what Ctrl+F
 * finds, what the search index holds). Letter bodies are data, never templates: raw HTML is
 * escaped, `{{` stays text. Pure.
 */
import MarkdownIt from "markdown-it";

type Token = ReturnType<InstanceType<typeof MarkdownIt>["parse"]>[number];

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** The body as HTML: its sections (##) are h2 under the letter's title, on the page and in the book. */
export function renderBody(body: string): string {
  return markdown.render(body);
}

const xhtml = new MarkdownIt({ html: false, linkify: false, typographer: false, xhtmlOut: true });

/** The same, as XHTML (void elements closed: <br />), for the EPUB. */
export function renderBodyXhtml(body: string): string {
  return xhtml.render(body);
}

/** The text of each block (paragraph, heading, list item, table cell) in reading order, entities decoded. */
export function bodyText(body: string): string[] {
  return markdown.parse(body, {}).filter((token) => token.type === "inline").map((token) => inlineText(token.children ?? []));
}

function inlineText(children: Token[]): string {
  let text = "";
  for (const child of children) {
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += "\n";
    else if (child.type === "image") text += inlineText(child.children ?? []);
  }
  return text;
}
