/**
 * Catalogue records of an edition, for libraries to ingest: MARC 21 in MARCXML (the slim
 * schema) and Dublin Core (the OAI-PMH oai_dc form). Title, the issuers as corporate authors,
 * edition, year, extent in pages, language, the sessions as subjects, the URL and the file's
 * SHA-256. Pure: the book and the finished file's facts in, XML out.
 */
import { escapeXml } from "../escape.ts";
import type { Book } from "./book.ts";
import { splitTitle } from "./document.ts";

export interface EditionFacts {
  /** The edition's absolute URL. */
  url: string;
  pages: number;
  bytes: number;
  sha256: string;
}

function issuersOf(book: Book): string[] {
  return book.issuers.length ? book.issuers.map((i) => i.name) : [book.issuerName];
}

function sessionsOf(book: Book): string[] {
  return [...new Set(book.sessions.map((s) => s.session.name))];
}

const compactDate = (iso: string) => iso.replace(/-/g, "");

/** MARC 21 bibliographic record of the edition, as an online PDF monograph in Chinese. */
export function marcXml(book: Book, facts: EditionFacts): string {
  const [series, rest] = splitTitle(book.title, book.site.shortTitle);
  const issuers = issuersOf(book);
  const year = book.editionDate.slice(0, 4);
  const control = (tag: string, value: string) => `  <controlfield tag="${tag}">${escapeXml(value)}</controlfield>`;
  const data = (tag: string, indicators: string, subfields: [string, string][]) =>
    `  <datafield tag="${tag}" ind1="${indicators[0]}" ind2="${indicators[1]}">\n${subfields.map(([code, value]) => `    <subfield code="${code}">${escapeXml(value)}</subfield>`).join("\n")}\n  </datafield>`;
  // 008: entered, single date, place China, online (o), national government publication (f), with an index (1), Chinese.
  const fixed = [compactDate(book.editionDate).slice(2), "s", year, "    ", "cc ", "    ", " ", "o", "    ", "f", "0", "0", "1", " ", "0", " ", "chi", " ", "d"].join("");
  if (fixed.length !== 40) throw new Error(`MARC 008 must be 40 characters, not ${fixed.length}`);
  const fields = [
    `  <leader>00000nam a2200000 i 4500</leader>`,
    control("001", `fuwen-${book.fileName.replace(/\.pdf$/, "")}`),
    control("005", `${compactDate(book.editionDate)}000000.0`),
    control("007", "cr |||||||||||"),
    control("008", fixed),
    data("040", "  ", [["b", "chi"], ["e", "rda"]]),
    data("041", "0 ", [["a", "chi"]]),
    ...(issuers.length === 1 ? [data("110", "2 ", [["a", issuers[0]!], ["e", "发文机关"]])] : []),
    data("245", issuers.length === 1 ? "10" : "00", [["a", book.subtitle], ["b", rest], ["n", book.editionLabel], ["c", issuers.join("、")]]),
    data("250", "  ", [["a", book.editionLabel]]),
    data("264", " 1", [["b", series], ["c", year]]),
    data("300", "  ", [["a", `1 在线资源（${facts.pages} 页）`]]),
    data("336", "  ", [["a", "文本"], ["b", "txt"], ["2", "rdacontent"]]),
    data("337", "  ", [["a", "计算机"], ["b", "c"], ["2", "rdamedia"]]),
    data("338", "  ", [["a", "在线资源"], ["b", "cr"], ["2", "rdacarrier"]]),
    data("347", "  ", [["a", "文本文件"], ["b", "PDF/A-2u"], ["c", `${facts.bytes} bytes`]]),
    data("490", "0 ", [["a", series]]),
    data("500", "  ", [["a", `收录答复${book.letters.length}件，答复日期${book.firstReplyDate}至${book.lastReplyDate}。`]]),
    data("520", "  ", [["a", book.metadata.subject]]),
    data("546", "  ", [["a", "中文"]]),
    ...sessionsOf(book).map((name) => data("653", " 0", [["a", name]])),
    ...(issuers.length > 1 ? issuers.map((name) => data("710", "2 ", [["a", name], ["e", "发文机关"]])) : []),
    data("856", "40", [["u", facts.url], ["q", "application/pdf"], ["s", String(facts.bytes)], ["z", `SHA-256: ${facts.sha256}`]]),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<collection xmlns="http://www.loc.gov/MARC21/slim">
<record type="Bibliographic">
${fields.join("\n")}
</record>
</collection>
`;
}

/** Dublin Core (oai_dc) record of the edition. */
export function dublinCoreXml(book: Book, facts: EditionFacts): string {
  const [series] = splitTitle(book.title, book.site.shortTitle);
  const element = (name: string, value: string) => `  <dc:${name}>${escapeXml(value)}</dc:${name}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
${[
    element("title", `${book.subtitle}（${book.editionLabel}）`),
    ...issuersOf(book).map((name) => element("creator", name)),
    element("publisher", series),
    element("date", book.editionDate),
    element("type", "Text"),
    element("format", "application/pdf"),
    element("format", `${facts.pages} pages`),
    element("identifier", facts.url),
    element("identifier", `urn:sha256:${facts.sha256}`),
    element("language", "zh-CN"),
    ...sessionsOf(book).map((name) => element("subject", name)),
    element("description", `${book.metadata.subject}。${book.editionLabel}。`),
    element("rights", book.site.license),
  ].join("\n")}
</oai_dc:dc>
`;
}
