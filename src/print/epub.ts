/**
 * The EPUB 3 edition of a volume, for phones and slow connections: the same letters in the
 * same order as the PDF volume, reflowable, in Chinese, with a navigation document (issuer →
 * session → letter) and an SVG cover, and no embedded fonts (the reader's own serif), so a
 * volume of 300 letters is a few hundred kilobytes. One XHTML file per letter keeps a reading
 * system's page turns light. The zip has fixed times and a fixed order: the same book gives the
 * same bytes. Pure: a Book in, bytes out.
 */
import { strToU8, zipSync, type Zippable } from "fflate";
import { escapeXml } from "../escape.ts";
import { renderBodyXhtml } from "../model/body.ts";
import { formatChineseDate } from "../model/dates.ts";
import { contactLine, otherRepliesHeading, publishedContact } from "../model/wording.ts";
import type { Book, BookDocument, BookLetter, BookSession } from "./book.ts";
import { APPENDIX_TITLE, splitTitle } from "./document.ts";

const STYLE = `body { margin: 0 0.6em; line-height: 1.8; text-align: justify; }
h1 { font-size: 1.3em; text-align: center; line-height: 1.5; margin: 1em 0 0.5em; }
h2 { font-size: 1em; margin: 0.8em 0 0.2em; }
p { margin: 0; text-indent: 2em; }
p.no, p.center { text-align: center; text-indent: 0; margin-bottom: 1em; }
p.to, p.note, p.src { text-indent: 0; }
p.sign, p.date { text-align: right; text-indent: 0; }
p.sign { margin-top: 1.5em; }
p.note { margin-top: 0.6em; }
p.src { margin-top: 1.2em; font-size: 0.75em; word-break: break-all; }
table { border-collapse: collapse; margin: 0.5em 0; }
td, th { border: 1px solid; padding: 0.1em 0.3em; }
nav ol { list-style: none; padding-left: 1em; }
dl dt { font-weight: bold; }
dl dd { margin: 0 0 0.4em 0; }
`;

function page(title: string, body: string, epubNamespace = false): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"${epubNamespace ? ' xmlns:epub="http://www.idpf.org/2007/ops"' : ""} xml:lang="zh-CN" lang="zh-CN">
<head>
<meta charset="UTF-8" />
<title>${escapeXml(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css" />
</head>
<body>
${body}
</body>
</html>
`;
}

const letterFile = (entry: BookLetter | BookDocument) => `${entry.anchor}.xhtml`;

function letterPage(entry: BookLetter, inBook: ReadonlyMap<string, BookLetter>, publishPhone: boolean): string {
  const { letter } = entry;
  const { parts } = letter;
  const contact = publishedContact(letter.contact, publishPhone);
  const notes = [...parts.notes, ...(contact ? [contactLine(contact)] : [])].map((note) => `<p class="note">${escapeXml(note)}</p>`).join("\n");
  const others = entry.otherReplies.length
    ? `<p class="note">${escapeXml(otherRepliesHeading(letter))}：${entry.otherReplies
      .map((o) => {
        const target = o.anchor ? inBook.get(o.anchor) : undefined;
        return target ? `<a href="${letterFile(target)}">${escapeXml(o.label)}</a>` : escapeXml(o.label);
      })
      .join("；")}</p>`
    : "";
  const cites = entry.cites.length
    ? `<p class="note">${entry.cites.map((d) => `所引《${escapeXml(d.document.title)}》${d.document.truncated ? "（节录）" : ""}见<a href="${letterFile(d)}">附录</a>`).join("；")}。</p>`
    : "";
  const body = [
    `<section id="${entry.anchor}">`,
    `<h1>${escapeXml(parts.heading)}</h1>`,
    parts.docNumber ? `<p class="no">${escapeXml(parts.docNumber)}</p>` : "",
    parts.salutation ? `<p class="to">${escapeXml(parts.salutation)}</p>` : "",
    renderBodyXhtml(parts.body).trim(),
    parts.signature ? `<p class="sign">${escapeXml(parts.signature)}</p>\n<p class="date">${escapeXml(parts.date)}</p>` : "",
    notes,
    others,
    cites,
    `<p class="src">底本：${escapeXml(letter.source.file)}　SHA-256：${letter.source.sha256}</p>`,
    "</section>",
  ].filter(Boolean).join("\n");
  return page(parts.heading, body);
}

/** A related document of the appendix, its truncation marked, with the replies that cite it. */
function documentPage(entry: BookDocument): string {
  const { document } = entry;
  const notice = (text: string) => `<p class="note">${escapeXml(text)}</p>`;
  const body = [
    `<section id="${entry.anchor}">`,
    `<h1>${escapeXml(document.title)}${document.truncated ? "（节录）" : ""}</h1>`,
    `<p class="no">${escapeXml(document.byline)}</p>`,
    document.truncation ? notice(document.truncation.before) : "",
    renderBodyXhtml(document.body).trim(),
    document.truncation ? notice(document.truncation.after) : "",
    `<p class="note">引用本文件的答复：${entry.citedBy.map((l) => `<a href="${letterFile(l)}">${escapeXml(`${l.letter.shortReference}（${l.issuer}）`)}</a>`).join("、")}</p>`,
    `<p class="src">底本：${escapeXml(document.source.file)}　SHA-256：${document.source.sha256}</p>`,
    "</section>",
  ].filter(Boolean).join("\n");
  return page(document.title, body);
}

/** The navigation document: front matter, then (issuer →) session → letter, as the PDF's contents. */
function navigation(book: Book): string {
  const letterItem = (entry: BookLetter) => `<li><a href="${letterFile(entry)}">${escapeXml(`${entry.letter.shortReference}　${entry.letter.title}`)}</a></li>`;
  const sessionItems = (sessions: BookSession[]) =>
    sessions.map((s) => `<li><span>${escapeXml(s.session.name)}</span>\n<ol>\n${s.letters.map(letterItem).join("\n")}\n</ol></li>`).join("\n");
  const groups = book.issuers.length
    ? book.issuers.map((i) => `<li><span>${escapeXml(i.name)}</span>\n<ol>\n${sessionItems(i.sessions)}\n</ol></li>`).join("\n")
    : sessionItems(book.sessions);
  const first = book.letters[0];
  return page("目录", `<nav epub:type="toc" id="toc">
<h1>目录</h1>
<ol>
<li><a href="title.xhtml">版本说明</a></li>
${groups}
${book.appendix.length ? `<li><span>${APPENDIX_TITLE}</span>\n<ol>\n${book.appendix.map((d) => `<li><a href="${letterFile(d)}">${escapeXml(d.document.title)}</a></li>`).join("\n")}\n</ol></li>` : ""}
</ol>
</nav>
<nav epub:type="landmarks" id="landmarks" hidden="hidden">
<ol>
<li><a epub:type="cover" href="cover.xhtml">封面</a></li>
<li><a epub:type="toc" href="nav.xhtml">目录</a></li>
${first ? `<li><a epub:type="bodymatter" href="${letterFile(first)}">正文</a></li>` : ""}
</ol>
</nav>`, true);
}

function cover(book: Book): string {
  const [series] = splitTitle(book.title, book.site.shortTitle);
  // Text, not a raster: a few hundred bytes, sharp on every screen; the reader's own CJK font.
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 600 800" width="600" height="800">
<title>${escapeXml(`${book.subtitle}（${book.editionLabel}）`)}</title>
<rect width="600" height="800" fill="#fbf8f1"/>
<rect x="30" y="30" width="540" height="740" fill="none" stroke="#7a1f1f" stroke-width="6"/>
<text x="300" y="230" font-size="96" font-weight="bold" fill="#7a1f1f" text-anchor="middle" font-family="serif">${escapeXml(series)}</text>
<text x="300" y="400" font-size="40" font-weight="bold" fill="#000" text-anchor="middle" font-family="serif">${escapeXml(book.subtitle)}</text>
<text x="300" y="470" font-size="32" fill="#000" text-anchor="middle" font-family="serif">${escapeXml(book.editionLabel)}</text>
<text x="300" y="700" font-size="24" fill="#444" text-anchor="middle" font-family="serif">答复 ${book.letters.length} 件</text>
</svg>
`;
}

function titlePage(book: Book): string {
  const issuers = book.issuers.length ? book.issuers.map((i) => i.name).join("、") : book.issuerName;
  return page("版本说明", `<section id="colophon">
<h1>${escapeXml(book.subtitle)}</h1>
<p class="center">${escapeXml(book.title)}<br />${escapeXml(book.editionLabel)}</p>
<dl>
<dt>发文机关</dt><dd>${escapeXml(issuers)}</dd>
<dt>收录</dt><dd>答复 ${book.letters.length} 件，答复日期${formatChineseDate(book.firstReplyDate)}至${formatChineseDate(book.lastReplyDate)}</dd>
<dt>编印日期</dt><dd>${formatChineseDate(book.editionDate)}</dd>
<dt>版本</dt><dd>电子书（EPUB 3），与同名 PDF 卷收录相同的答复，顺序相同；不嵌入字体，以阅读器的字体显示。</dd>
<dt>来源与校核</dt><dd>据复文档案 letters/ 目录中经校核的答复文本编排，正文文字依原件。所据信件文件清单（sha256sum 格式，按路径排序）的 SHA-256：${book.sourceDigest}</dd>
</dl>
<p class="note">${escapeXml(book.site.license)}</p>
</section>`);
}

export interface EpubOptions {
  /** The edition's identifier (its URL). */
  identifier: string;
  publishPhone?: boolean;
}

/** The EPUB's files in the order they are zipped: mimetype first, stored, as the format requires. */
export function epubFiles(book: Book, options: EpubOptions): [string, string][] {
  const [series] = splitTitle(book.title, book.site.shortTitle);
  const inBook = new Map(book.letters.map((l) => [l.anchor, l]));
  const letters = book.letters.map((entry): [string, string] => [`EPUB/${letterFile(entry)}`, letterPage(entry, inBook, options.publishPhone === true)]);
  const modified = book.metadata.creationDate.toISOString().replace(/\.\d{3}Z$/, "Z");
  const issuers = book.issuers.length ? book.issuers.map((i) => i.name) : [book.issuerName];
  const sessions = [...new Set(book.sessions.map((s) => s.session.name))];
  const item = (id: string, href: string, type: string, properties?: string) =>
    `<item id="${id}" href="${href}" media-type="${type}"${properties ? ` properties="${properties}"` : ""} />`;
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="zh-CN">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="uid">${escapeXml(options.identifier)}</dc:identifier>
<dc:title>${escapeXml(`${book.subtitle}（${book.editionLabel}）`)}</dc:title>
${issuers.map((name) => `<dc:creator>${escapeXml(name)}</dc:creator>`).join("\n")}
<dc:publisher>${escapeXml(series)}</dc:publisher>
<dc:language>zh-CN</dc:language>
<dc:date>${book.editionDate}</dc:date>
<dc:description>${escapeXml(book.metadata.subject)}</dc:description>
${sessions.map((name) => `<dc:subject>${escapeXml(name)}</dc:subject>`).join("\n")}
<dc:rights>${escapeXml(book.site.license)}</dc:rights>
<meta property="dcterms:modified">${modified}</meta>
</metadata>
<manifest>
${item("nav", "nav.xhtml", "application/xhtml+xml", "nav")}
${item("style", "style.css", "text/css")}
${item("cover-image", "cover.svg", "image/svg+xml", "cover-image")}
${item("cover", "cover.xhtml", "application/xhtml+xml")}
${item("title", "title.xhtml", "application/xhtml+xml")}
${[...book.letters, ...book.appendix].map((entry) => item(entry.anchor, letterFile(entry), "application/xhtml+xml")).join("\n")}
</manifest>
<spine>
<itemref idref="cover" linear="yes" />
<itemref idref="title" />
<itemref idref="nav" />
${[...book.letters, ...book.appendix].map((entry) => `<itemref idref="${entry.anchor}" />`).join("\n")}
</spine>
</package>
`;
  return [
    ["mimetype", "application/epub+zip"],
    ["META-INF/container.xml", `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml" />
</rootfiles>
</container>
`],
    ["EPUB/package.opf", opf],
    ["EPUB/nav.xhtml", navigation(book)],
    ["EPUB/style.css", STYLE],
    ["EPUB/cover.svg", cover(book)],
    ["EPUB/cover.xhtml", page(book.subtitle, `<div style="text-align: center"><img src="cover.svg" alt="${escapeXml(`${book.subtitle}（${book.editionLabel}）封面`)}" style="max-width: 100%; max-height: 100%" /></div>`)],
    ["EPUB/title.xhtml", titlePage(book)],
    ...letters,
    ...book.appendix.map((entry): [string, string] => [`EPUB/${letterFile(entry)}`, documentPage(entry)]),
  ];
}

/**
 * Zip times are the edition's date at noon. DOS time has no zone and fflate writes the local
 * fields of the Date, so the Date is made from local fields: the same bytes in every time zone.
 */
export function epubBytes(book: Book, options: EpubOptions): Uint8Array {
  const [year, month, day] = book.editionDate.split("-").map(Number) as [number, number, number];
  const mtime = new Date(year, month - 1, day, 12);
  const files: Zippable = {};
  for (const [path, text] of epubFiles(book, options)) files[path] = [strToU8(text), path === "mimetype" ? { level: 0, mtime } : { level: 9, mtime }];
  return zipSync(files);
}
