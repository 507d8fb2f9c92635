/** Escaping for the formats Fuwen writes by hand (HTML, XML, CSS strings, regular expressions), defined once. */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for HTML or XML element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** XML text and double-quoted attributes (Atom, sitemaps): the apostrophe stays as it is. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ENTITIES[c]!);
}

/** The inverse of escapeXml, for reading back HTML Fuwen itself wrote. */
export function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (whole) => Object.entries(ENTITIES).find(([, e]) => e === whole)![0]);
}

/** A double-quoted CSS string (content: "…"). */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ")}"`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
