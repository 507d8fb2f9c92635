/**
 * A saved ministry web page (HTML, or a web archive: MHTML) to the letter's text. The page is
 * decoded in its declared or detected encoding, parsed with htmlparser2 and read as lines, one
 * a block; the reply is found in the site's shell by what it says, not by class names: the line
 * holding its opening (您提出的…收悉, or the first line after a summary's …答复的摘要 title), the
 * densest block around it, the header lines above it (title, 文号, salutation, also when the
 * page prints them above that block) and its body down to the signature and date. Navigation,
 * breadcrumb, the 信息公开 table, publication details, page controls (字号, 打印, 分享),
 * 上一篇/下一篇, related lists and footers stay behind; the 信息公开 table and the page's meta
 * tags become evidence. Pure over the bytes.
 */
import { isTag, isText, type AnyNode, type Element } from "domhandler";
import { findOne, textContent } from "domutils";
import { parseDocument } from "htmlparser2";
import { toAsciiDigits } from "../../model/chinese.ts";
import { CHINESE_DATE, isoDateOf } from "../closing.ts";
import { strictDecode } from "../decode.ts";
import { DOC_NUMBER_ANY, parseHeader, parseSalutation } from "../header.ts";
import { findOpening } from "../letter.ts";
import type { Evidence, Extraction } from "./extracted.ts";

export function readWebPage(bytes: Uint8Array): Extraction {
  if (bytes.length === 0) return refuse("the file is empty");
  const archive = unwrapMhtml(bytes);
  if (archive && !archive.ok) return refuse(archive.reason);
  const page = decodePage(archive?.bytes ?? bytes, archive?.charset);
  if (!page.html.trim()) return refuse("the web page is empty");

  const document = parseDocument(page.html, { decodeEntities: true });
  const meta = metaTags(document);
  const root = findOne((e) => e.name.toLowerCase() === "body", document.children) ?? document;
  const { lines, links } = linearize(root);
  if (!lines.length && findOne((e) => /^i?frame$/iu.test(e.name), document.children)) {
    return refuse("the web page holds no text, only frames: open the frame that holds the reply (its own address) and save that page");
  }
  if (!lines.length) {
    return refuse("the web page holds no text: its content is probably loaded by a script when the page opens; save the page from the browser after it has loaded (or as MHTML), or copy its text");
  }
  const info = classify(lines);
  const evidence = evidenceOf(info, meta, lines);
  const kind = archive ? `web archive (MHTML, ${archive.transfer}, ${page.label})` : `web page (${page.label})`;
  const replyLinks = new Set(links.filter(isReplyTitle)).size;
  const listPage = refuse(`a list page of ${replyLinks} replies, not one reply: save each reply's own page`);

  const found = locateOpening(lines);
  if (!found) {
    if (replyLinks >= 2) return listPage;
    return mainText(lines, kind, page, evidence, links.length);
  }
  const { opening, offset } = found;
  const body = scan(lines, opening.index, 1);
  const openings = lines.filter((l) => l.role === "content" && /收悉/u.test(l.text) && findOpening(l.text) !== undefined).length;
  if (openings >= 2 && replyLinks >= 2 && body.length === 0) return listPage;

  const above = scan(lines, opening.index, -1);
  const container = letterBox(opening, body, lines);
  const inside = above.filter((l) => holds(container, l));
  const outside = above.filter((l) => !holds(container, l));
  const headerAbove = headerFromAbove(outside, [...inside.map((l) => l.text), opening.text.slice(0, offset)].join("\n"));
  for (const line of headerAbove.repeated) line.shell = "repeated";
  const letterBody = body.filter((l) => holds(container, l));
  const kept = [...headerAbove.lines, ...inside, opening, ...letterBody];

  const notes = [`${kind}: letter found in ${describe(container)}; ${shellNote(lines, new Set(kept), opening.index)}`];
  if (headerAbove.lines.length) notes.push(`header lines taken from above ${describe(container)}: ${headerAbove.kinds.join(", ")}`);
  notes.push(...page.notes);
  return {
    ok: true,
    format: "html",
    encoding: page.encoding,
    parts: [{ text: kept.map((l) => l.text).join("\n\n") + "\n", ...(Object.keys(evidence).length ? { evidence } : {}), notes }],
  };
}

function refuse(reason: string): Extraction {
  return { ok: false, reason };
}

// ─── bytes to HTML ────────────────────────────────────────────────────────────────────────────

interface DecodedPage {
  html: string;
  /** The WHATWG name: utf-8, gb18030, utf-16le… */
  encoding: string;
  /** For the notes: GB18030, or GB18030, declared gb2312. */
  label: string;
  notes: string[];
}

/** Every name pages give the GB family; gb18030 reads them all (GB2312 ⊂ GBK ⊂ GB18030). */
const GB_NAMES = /^(?:gb_?2312(?:-80)?|gbk|gb18030|x-gbk|cp936|windows-936|euc-cn|csgb2312|chinese|iso-ir-58)$/iu;

/**
 * BOM first; then the charset the page (or its MHTML part) declares, GB names read as GB18030;
 * then UTF-8 when the bytes are valid UTF-8, else GB18030. Valid UTF-8 with non-ASCII text is
 * never GBK by chance, so a page declaring gb2312 whose bytes are UTF-8 (saved again by an
 * editor that kept the old <meta>) is read as UTF-8, with a note.
 */
function decodePage(bytes: Uint8Array, transportCharset: string | undefined): DecodedPage {
  const bom: [number[], string][] = [[[0xef, 0xbb, 0xbf], "utf-8"], [[0xff, 0xfe], "utf-16le"], [[0xfe, 0xff], "utf-16be"]];
  for (const [mark, encoding] of bom) {
    if (mark.every((b, i) => bytes[i] === b)) {
      return { html: new TextDecoder(encoding).decode(bytes.subarray(mark.length)), encoding, label: `${encoding.toUpperCase()}, byte-order mark`, notes: [] };
    }
  }
  const declared = transportCharset ?? declaredCharset(bytes);
  const wanted = declared ? canonicalEncoding(declared) : undefined;
  const utf8 = strictDecode("utf-8", bytes);
  const said = declared ? `, declared ${declared}` : "";
  if (wanted === "gb18030") {
    if (utf8 !== undefined && /[^\u0000-\u007f]/u.test(utf8)) {
      return { html: utf8, encoding: "utf-8", label: `UTF-8${said}`, notes: [`the page declares ${declared} but its bytes are UTF-8 (saved again by a program that kept the old declaration): read as UTF-8`] };
    }
    return { html: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030", label: `GB18030${said}`, notes: [] };
  }
  if (wanted === undefined || wanted === "utf-8") {
    if (utf8 !== undefined) return { html: utf8, encoding: "utf-8", label: "UTF-8", notes: [] };
    const notes = declared ? [`the page declares ${declared} but its bytes are not UTF-8: read as GB18030`] : [];
    return { html: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030", label: declared ? `GB18030${said}` : "GB18030", notes };
  }
  return { html: new TextDecoder(wanted).decode(bytes), encoding: wanted, label: `${wanted.toUpperCase()}${said}`, notes: [] };
}

/** <meta charset>, <meta http-equiv="Content-Type" content="…; charset=…">, or an XML declaration, in the first 8 KB. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = latin1(bytes.subarray(0, 8192));
  return (/<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/iu.exec(head) ?? /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)/iu.exec(head))?.[1];
}

function canonicalEncoding(name: string): string | undefined {
  if (GB_NAMES.test(name)) return "gb18030";
  // A page cannot be UTF-16 and declare it in ASCII; browsers read such a declaration as UTF-8.
  if (/^(?:utf-?8|utf-?16(?:le|be)?|unicode)$/iu.test(name)) return "utf-8";
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return undefined;
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

type Unwrapped = { ok: true; bytes: Uint8Array; charset?: string; transfer: string } | { ok: false; reason: string };

/**
 * A web archive as browsers save it (.mht, .mhtml): MIME headers, then a multipart/related body
 * whose text/html part is the page, quoted-printable or base64, with its charset in the part's
 * Content-Type (or only in the page's <meta>). Undefined when the bytes are not MIME.
 */
function unwrapMhtml(bytes: Uint8Array): Unwrapped | undefined {
  const start = latin1(bytes.subarray(0, 4096));
  if (/^\s*</u.test(start) || !/^MIME-Version\s*:/imu.test(start)) return undefined;
  const whole = latin1(bytes);
  const top = mimeEntity(whole);
  const type = top.headers.get("content-type") ?? "";
  let part = top;
  if (/^multipart\//iu.test(type)) {
    const boundary = mimeParameter(type, "boundary");
    if (!boundary) return { ok: false, reason: "a web archive (MHTML) whose Content-Type names no boundary: save the page again, as HTML" };
    const parts = top.body.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith("--")).map((p) => mimeEntity(p.replace(/^\r?\n/u, "")));
    const html = parts.find((p) => /^text\/html\b/iu.test(p.headers.get("content-type") ?? ""));
    if (!html) return { ok: false, reason: `a web archive (MHTML) of ${parts.length} parts, none of them a web page (text/html): save the page again, as HTML` };
    part = html;
  } else if (!/^text\/html\b/iu.test(type)) {
    return { ok: false, reason: `a MIME file of type ${type.split(";")[0] || "unknown"}, not a web archive: save the page as HTML` };
  }
  const transfer = (part.headers.get("content-transfer-encoding") ?? "7bit").trim().toLowerCase();
  const decoded =
    transfer === "quoted-printable" ? quotedPrintable(part.body) : transfer === "base64" ? new Uint8Array(Buffer.from(part.body.replace(/\s+/gu, ""), "base64")) : new Uint8Array(Buffer.from(part.body, "latin1"));
  const charset = mimeParameter(part.headers.get("content-type") ?? "", "charset");
  return { ok: true, bytes: decoded, transfer, ...(charset ? { charset } : {}) };
}

function mimeEntity(text: string): { headers: Map<string, string>; body: string } {
  const split = /\r?\n\r?\n/u.exec(text);
  const head = split ? text.slice(0, split.index) : text;
  const body = split ? text.slice(split.index + split[0].length) : "";
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/gu, " ").split(/\r?\n/u)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function mimeParameter(value: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "iu").exec(value);
  return match ? (match[1] ?? match[2]) : undefined;
}

function quotedPrintable(text: string): Uint8Array {
  const soft = text.replace(/=\r?\n/gu, "");
  const out: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft[i] === "=" ? soft.slice(i + 1, i + 3) : "";
    if (/^[0-9A-Fa-f]{2}$/u.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(soft.charCodeAt(i) & 0xff);
  }
  return new Uint8Array(out);
}

// ─── DOM to lines ─────────────────────────────────────────────────────────────────────────────

type Shell =
  | "navigation" | "breadcrumb" | "info" | "details" | "font" | "share" | "print" | "repeated" | "prevnext" | "related" | "footer" | "links" | "text";

interface Line {
  text: string;
  /** Characters other than white space, and how many of them are link text. */
  chars: number;
  linkChars: number;
  /** The innermost block element holding the line's first text. */
  block: Element | undefined;
  /** The elements holding the line, innermost first. */
  path: Element[];
  index: number;
  /** content: may be the letter; skip: page furniture the letter can sit beside; stop: the letter never reaches past it. */
  role: "content" | "skip" | "stop";
  shell?: Shell;
}

const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol",
  "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "legend",
]);
/** Elements whose text is no part of the page's reading: scripts, styles, forms' controls, embedded things. */
const DROPPED = new Set([
  "head", "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "canvas", "map",
  "input", "select", "option", "optgroup", "button", "textarea", "link", "meta", "base", "title", "audio", "video", "source", "track", "img",
]);

function visible(text: string): number {
  return text.replace(/\s+/gu, "").length;
}

/** Han and the full-width marks around it: a source line break next to them is no space. */
const EAST_ASIAN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2014\u2026]/u;

/**
 * HTML white space collapsed as a browser does (a line break beside Chinese text vanishes,
 * CSS Text's segment-break rule); no-break spaces become spaces; the indent a page writes
 * with &emsp;&emsp;, 　　 or &nbsp; at a paragraph's start, and trailing space, go.
 */
function normalizeLine(raw: string): string {
  return raw
    .replace(/[ \t\n\r\f]+/gu, (space: string, at: number, all: string) =>
      /[\n\r]/u.test(space) && (EAST_ASIAN.test(all[at - 1] ?? "") || EAST_ASIAN.test(all[at + space.length] ?? "")) ? "" : " ",
    )
    .replace(/\u00a0/gu, " ")
    .replace(/[\u200b\u200c\u200d\ufeff]/gu, "")
    .trim();
}

function isHidden(element: Element): boolean {
  return "hidden" in element.attribs || /display\s*:\s*none|visibility\s*:\s*hidden/iu.test(element.attribs.style ?? "");
}

function isLink(element: Element): boolean {
  return element.name.toLowerCase() === "a" && element.attribs.href !== undefined;
}

/** A table row whose cells hold only inline content reads as one line, its cells spaced. */
function isInlineRow(row: Element): boolean {
  const cells = row.children.filter(isTag);
  return cells.length >= 2 && cells.every((c) => /^t[dh]$/iu.test(c.name) && !findOne((e) => BLOCKS.has(e.name.toLowerCase()), c.children));
}

/** The page as lines: one a block element (p, div, h1–h6, li, a table row…), <br> breaking lines; and the text of its links. */
function linearize(root: AnyNode): { lines: Line[]; links: string[] } {
  const lines: Line[] = [];
  const links: string[] = [];
  const blocks: Element[] = [];
  let parts: { text: string; link: boolean }[] = [];
  let first: AnyNode | undefined;
  let block: Element | undefined;

  const flush = () => {
    const text = first ? normalizeLine(parts.map((p) => p.text).join("")) : "";
    if (first && text) {
      const path: Element[] = [];
      for (let node = first.parent; node; node = node.parent) if (isTag(node)) path.push(node);
      const linkChars = parts.reduce((n, p) => n + (p.link ? visible(p.text) : 0), 0);
      lines.push({ text, chars: visible(text), linkChars, block, path, index: lines.length, role: "content" });
    }
    parts = [];
    first = undefined;
    block = undefined;
  };
  const add = (node: AnyNode, text: string, link: boolean) => {
    if (!first && text.trim()) [first, block] = [node, blocks.at(-1)];
    parts.push({ text, link });
  };
  const visit = (node: AnyNode, link: boolean, pre: boolean): void => {
    if (isText(node)) {
      if (!pre) return add(node, node.data, link);
      node.data.split("\n").forEach((piece, i) => {
        if (i) flush();
        add(node, piece, link);
      });
      return;
    }
    if (!isTag(node)) return;
    const name = node.name.toLowerCase();
    if (DROPPED.has(name) || isHidden(node)) return;
    if (name === "br") return flush();
    const inLink = link || isLink(node);
    if (isLink(node)) links.push(normalizeLine(textContent(node)));
    if (name === "tr" && isInlineRow(node)) {
      flush();
      blocks.push(node);
      node.children.filter(isTag).forEach((cell, i) => {
        if (i) parts.push({ text: " ", link: false });
        for (const child of cell.children) visit(child, inLink, pre);
      });
      flush();
      blocks.pop();
      return;
    }
    const isBlock = BLOCKS.has(name);
    if (isBlock) {
      flush();
      blocks.push(node);
    }
    for (const child of node.children) visit(child, inLink, pre || name === "pre");
    if (isBlock) {
      flush();
      blocks.pop();
    }
  };
  if (isTag(root)) visit(root, false, false);
  else for (const child of (root as { children?: AnyNode[] }).children ?? []) visit(child, false, false);
  flush();
  return { lines, links: links.filter(Boolean) };
}

function holds(element: Element, line: Line): boolean {
  return line.path.includes(element);
}

/** div.TRS_Editor, div#zoom, td: how the notes name an element. */
function describe(element: Element): string {
  const id = element.attribs.id?.trim();
  const cls = element.attribs.class?.trim().split(/\s+/u)[0];
  return `${element.name.toLowerCase()}${id ? `#${id}` : cls ? `.${cls}` : ""}`;
}

// ─── the shell ────────────────────────────────────────────────────────────────────────────────

/** The 信息公开 table's labels (索 引 号, 标　　题: spaced as pages print them). */
const INFO_LABELS = [
  "索引号", "主题分类", "发文机关", "发布机构", "成文日期", "生成日期", "发文字号", "文号", "发布日期", "标题", "名称", "主题词", "关键词",
  "公文种类", "体裁分类", "组配分类", "服务对象", "有效性", "效力状态", "公开方式", "公开范围", "统一编号",
];
const LABEL = INFO_LABELS.map((label) => [...label].join("[\\s\\u3000]*")).join("|");
/** A label and its colon, anywhere (a row can hold several pairs). */
const INFO_PAIR = new RegExp(`(${LABEL})[\\s\\u3000]*[：:]`, "gu");
const INFO_LINE = new RegExp(`^[【\\[]?[\\s\\u3000]*(?:${LABEL})[\\s\\u3000]*(?:[：:]|$)`, "u");
const BARE_LABEL = new RegExp(`^(?:${LABEL})$`, "u");
const INFO_CAPTION = /^(?:政府)?信息公开(?:目录|信息|选项)?$/u;

/** 发布时间：… 来源：… 浏览次数：…, the lines a page prints about itself. */
const DETAILS =
  /^[【\[]?\s*(?:发布时间|发布日期|发表时间|更新时间|时间|日期|来源|信息来源|文章来源|稿件来源|作者|浏览次数|阅读次数|浏览量|阅读量|点击数|点击量|点击率|访问量|访问次数|责任编辑|编辑|审核|校对)\s*[：:]/u;
const DATE_STAMP = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s|$)/u;

/** Page controls: a line made of these alone is furniture. */
const CONTROLS: [Shell, RegExp][] = [
  ["font", /[【\[]?\s*(?:字号|字体)\s*[：:]?\s*[【\[]?\s*[大中小](?:\s*[|｜/]?\s*[大中小]){1,2}\s*[】\]]*|[【\[]?\s*(?:字号|字体)\s*[：:]\s*[】\]]?/gu],
  ["print", /[【\[]?\s*(?:打印本页|打印此页|打印本文|打印文章|打印|关闭窗口|关闭本页|关闭|收藏本页|加入收藏|收藏|返回顶部|返回|我要纠错|纠错|保存)\s*[】\]]?/gu],
  ["share", /(?:分享到|分享)\s*[：:]?|微信好友|微信|新浪微博|腾讯微博|微博|QQ空间|QQ好友|朋友圈|人人网|豆瓣|扫一扫[^|｜]{0,16}/gu],
];
const SEPARATORS = /^[\s|｜·•\-—_/、，,:：【】[\]()（）]*$/u;

const PREV_NEXT = /^[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|上篇|下篇|前一篇|后一篇)\s*[】\]]?\s*(?:[：:]|$)/u;
const RELATED = /^[【\[]?\s*(?:相关(?:文章|链接|阅读|新闻|文件|信息|推荐|稿件|资料|政策|附件)?|延伸阅读|推荐阅读|热点推荐|热门文章)\s*[】\]]?\s*[：:]?$/u;
const BREADCRUMB = /^[您你]?(?:现在|当前|目前)?(?:所在|所处)?的?位置\s*[：:]|首页\s*[>＞»›→]|[>＞»›→]\s*首页/u;
const FOOTER = /网站标识码|ICP\s*[备证]|公网安备|主办单位|承办单位|主办\s*[：:]|承办\s*[：:]|版权所有|copyright|©|技术支持|网站地图|联系我们|建议使用.{0,30}浏览器|分辨率|网站声明|隐私(?:声明|政策)/iu;

/**
 * Each line's role, from what it says and where it stands: 信息公开 tables, publication details
 * and page controls are skipped (the letter's header can sit on either side of them);
 * breadcrumbs, menus, 上一篇/下一篇, related lists, footers and lines of links stop the letter.
 * Returns the 信息公开 elements, for the evidence.
 */
function classify(lines: Line[]): Element[] {
  const info = infoElements(lines);
  const inLinkedItem = new Map<Element, boolean>();
  const linkedItem = (line: Line) =>
    line.path.some((e) => {
      if (e.name.toLowerCase() !== "li") return false;
      if (!inLinkedItem.has(e)) inLinkedItem.set(e, findOne(isLink, e.children) !== null);
      return inLinkedItem.get(e)!;
    });
  const set = (line: Line, role: Line["role"], shell: Shell) => Object.assign(line, { role, shell });
  for (const line of lines) {
    const { text } = line;
    const short = line.chars <= 150 && !/。/u.test(text);
    const tags = line.path.map((e) => [e.name.toLowerCase(), (e.attribs.role ?? "").toLowerCase()]);
    if (line.path.some((e) => info.includes(e)) || (short && (INFO_LINE.test(text) || INFO_CAPTION.test(text)))) set(line, "skip", "info");
    else if (short && (DETAILS.test(text) || DATE_STAMP.test(text))) set(line, "skip", "details");
    else if (short && controlKind(text)) set(line, "skip", controlKind(text)!);
    else if (short && PREV_NEXT.test(text)) set(line, "stop", "prevnext");
    else if (RELATED.test(text)) set(line, "stop", "related");
    else if (short && line.chars <= 100 && BREADCRUMB.test(text)) set(line, "stop", "breadcrumb");
    else if (tags.some(([name, role]) => name === "footer" || role === "contentinfo") || (short && line.chars <= 120 && FOOTER.test(text))) set(line, "stop", "footer");
    else if (tags.some(([name, role]) => name === "nav" || role === "navigation" || role === "menubar" || role === "menu")) set(line, "stop", "navigation");
    else if (linkedItem(line) || (line.linkChars > 0 && line.linkChars * 2 >= line.chars)) set(line, "stop", "links");
  }
  return info;
}

function controlKind(text: string): Shell | undefined {
  let rest = text;
  let kind: Shell | undefined;
  for (const [shell, pattern] of CONTROLS) {
    const stripped = rest.replace(pattern, "");
    if (stripped !== rest) kind ??= shell;
    rest = stripped;
  }
  return kind && SEPARATORS.test(rest) ? kind : undefined;
}

/**
 * The 信息公开 tables: the innermost elements whose lines carry three or more of its labels
 * with their colons, and no reply (a layout table around the whole page is not one).
 */
function infoElements(lines: Line[]): Element[] {
  const labels = new Map<Element, Set<string>>();
  const size = new Map<Element, number>();
  const opening = new Set<Element>();
  for (const line of lines) {
    const bare = line.text.replace(/[\s\u3000：:]/gu, "");
    const found = BARE_LABEL.test(bare) ? [bare] : [...line.text.matchAll(INFO_PAIR)].map((m) => m[1]!.replace(/[\s\u3000]/gu, ""));
    const hasOpening = /收悉/u.test(line.text) && findOpening(line.text) !== undefined;
    for (const element of line.path) {
      size.set(element, (size.get(element) ?? 0) + line.chars);
      if (hasOpening) opening.add(element);
      if (found.length) {
        const set = labels.get(element) ?? new Set<string>();
        for (const label of found) set.add(label);
        labels.set(element, set);
      }
    }
  }
  const candidates = [...labels].filter(([e, set]) => set.size >= 3 && !opening.has(e) && (size.get(e) ?? 0) <= 2000).map(([e]) => e);
  // Innermost: no other candidate inside it.
  return candidates.filter((e) => !candidates.some((other) => other !== e && ancestorsOf(other).includes(e)));
}

function ancestorsOf(element: Element): Element[] {
  const result: Element[] = [];
  for (let node = element.parent; node; node = node.parent) if (isTag(node)) result.push(node);
  return result;
}

// ─── the letter ───────────────────────────────────────────────────────────────────────────────

/**
 * The reply's opening among the lines that may be the letter, by the text importer's own rule
 * (findOpening). A line ending in 摘要 that is no summary's title (a column named 建议提案答复摘要)
 * is left out, so it cannot pass for one.
 */
function locateOpening(lines: Line[]): { opening: Line; offset: number } | undefined {
  const readable = lines.filter((l) => l.role === "content" && !(/摘要\s*$/u.test(l.text) && parseHeader(l.text).proposalNumber === undefined));
  const starts: number[] = [];
  let at = 0;
  for (const line of readable) {
    starts.push(at);
    at += line.text.length + 1;
  }
  const found = findOpening(readable.map((l) => l.text).join("\n"));
  if (found === undefined) return undefined;
  let i = starts.length - 1;
  while (i > 0 && starts[i]! > found) i--;
  return { opening: readable[i]!, offset: found - starts[i]! };
}

/** The content lines next to a line, forward (1) or backward (-1, returned in page order), skipping furniture, up to the first stop. */
function scan(lines: Line[], from: number, step: 1 | -1): Line[] {
  const result: Line[] = [];
  for (let i = from + step; i >= 0 && i < lines.length; i += step) {
    const line = lines[i]!;
    if (line.role === "stop") break;
    if (line.role === "content") result.push(line);
  }
  return step === 1 ? result : result.reverse();
}

/** The names content boxes go by on government sites: they only name the letter's block, never choose it. */
const CONTENT_BOX = /^(?:trs_editor|zoom|pages_content|pages-content|article[-_]?content|ucap-content|content|article|zwnr|zw|con_text|wzcon)$/iu;

function isContentBox(element: Element): boolean {
  return [element.attribs.id ?? "", ...(element.attribs.class ?? "").split(/\s+/u)].some((name) => CONTENT_BOX.test(name));
}

/**
 * The block that holds the letter: the smallest element holding both its opening and the last
 * date of the lines that follow it (the closing), or its last line when none has a date. Any
 * smaller block loses letter text, any larger one adds only page furniture, so this is the
 * densest block around the letter; a 版记 after the date inside it stays, text after it goes.
 * A box around it holding no more text, named as content boxes are, names it instead
 * (div.TRS_Editor > div.Custom_UnionStyle is div.TRS_Editor).
 */
function letterBox(opening: Line, body: Line[], lines: Line[]): Element {
  const end = [...body].reverse().find((l) => hasDate(l.text)) ?? body.at(-1) ?? opening;
  const usable = opening.path.filter((e) => e.name.toLowerCase() !== "html");
  let box = usable.find((e) => holds(e, end) && BLOCKS.has(e.name.toLowerCase())) ?? usable.at(-1)!;
  const chars = (e: Element) => lines.reduce((n, l) => n + (holds(e, l) ? l.chars : 0), 0);
  for (let parent = box.parent; parent && isTag(parent) && parent.name.toLowerCase() !== "body" && !isContentBox(box); parent = parent.parent) {
    if (chars(parent) !== chars(box)) break;
    if (isContentBox(parent)) box = parent;
  }
  return box;
}

const MASTHEAD = /^(?:中华人民共和国)?[\p{Script=Han}（）()]{2,30}(?:部|委员会|委|局|署|院|行|办公厅|总社|总会)(?:文件)?$/u;
const DOC_NUMBER_LINE = new RegExp(`^\\s*${DOC_NUMBER_ANY.source}\\s*$`, "u");

/**
 * Header lines printed above the letter's block (the page's h1 title, a 文号 line): taken
 * nearest first, each only when the block's own header lacks it (a page that prints the title
 * twice keeps the letter's), and only while the lines are header lines: the first other line
 * ends the search.
 */
function headerFromAbove(outside: Line[], insideHeader: string): { lines: Line[]; kinds: string[]; repeated: Line[] } {
  const own = parseHeader(insideHeader);
  const need = { title: own.proposalNumber === undefined, number: !own.docNumber, salutation: !own.recipients };
  const groups: Line[][] = [];
  for (const line of [...outside].reverse()) {
    const group = groups.at(-1);
    if (group && line.block && group[0]!.block === line.block) group.unshift(line);
    else groups.push([line]);
  }
  const taken: { lines: Line[]; kind: string }[] = [];
  const repeated: Line[] = [];
  let titleWithoutIssuer = false;
  for (const group of groups) {
    const text = group.map((l) => l.text).join("\n");
    const header = parseHeader(text);
    const kinds: string[] = [];
    // The 版头 (市场监管总局) above a title that does not name the issuer (关于政协…提案答复的函).
    if (titleWithoutIssuer && group.length === 1 && MASTHEAD.test(text)) {
      taken.unshift({ lines: group, kind: `版头 (${describe(group[0]!.block!)})` });
      break;
    }
    titleWithoutIssuer = false;
    if (header.proposalNumber !== undefined) kinds.push("title");
    if (group.every((l) => DOC_NUMBER_LINE.test(l.text))) kinds.push("文号");
    if (group.length === 1 && parseSalutation(group[0]!.text)) kinds.push("salutation");
    if (!kinds.length) break;
    const wanted = kinds.filter((k) => (k === "title" ? need.title : k === "文号" ? need.number : need.salutation));
    if (!wanted.length) {
      repeated.push(...group);
      continue;
    }
    if (kinds.includes("title")) [need.title, titleWithoutIssuer] = [false, header.issuer === undefined];
    if (kinds.includes("文号")) need.number = false;
    if (kinds.includes("salutation")) need.salutation = false;
    taken.unshift({ lines: group, kind: `${wanted.join(" and ")} (${group[0]!.block ? describe(group[0]!.block) : "text"})` });
  }
  return { lines: taken.flatMap((t) => t.lines), kinds: taken.map((t) => t.kind), repeated };
}

const DATE_AT_END = new RegExp(`(?:${CHINESE_DATE.source})\\s*$`, "u");

function hasDate(text: string): boolean {
  return DATE_AT_END.test(text);
}

/** The shell note: what the page had besides the letter, and how many characters that was. */
function shellNote(lines: Line[], kept: Set<Line>, openingIndex: number): string {
  const names: Record<Shell, string> = {
    navigation: "navigation", breadcrumb: "breadcrumb", info: "信息公开 table", details: "发布时间/来源 lines", font: "字号 control",
    share: "分享 links", print: "打印/关闭 links", repeated: "the letter's title or 文号 printed again above it", prevnext: "上一篇/下一篇", related: "相关文章 list", links: "other links", text: "other text", footer: "footer",
  };
  const seen = new Set<Shell>();
  let characters = 0;
  let related: Element | undefined;
  let footer = false;
  for (const line of lines) {
    if (kept.has(line)) {
      [related, footer] = [undefined, false];
      continue;
    }
    let shell: Shell = line.shell ?? "text";
    // A related list is the box its heading heads (div.related around h3 and ul); what follows a footer's first line is the footer.
    if (shell === "related") related = line.path.find((e) => lines.some((l) => l !== line && l.index > line.index && holds(e, l)));
    else if (related && holds(related, line)) shell = "related";
    else related = undefined;
    if (shell === "footer" && line.index > openingIndex) footer = true;
    else if (footer) shell = "footer";
    if ((shell === "links" || shell === "footer") && line.index < openingIndex) shell = "navigation";
    seen.add(shell);
    characters += line.chars;
  }
  if (!seen.size) return "nothing else on the page";
  const order = Object.keys(names) as Shell[];
  return `removed the page shell: ${order.filter((s) => seen.has(s)).map((s) => names[s]).join(", ")} (${characters} characters)`;
}

/**
 * A page without a reply's opening and without a list of replies: its densest block of text is
 * passed on as it stands (a policy text a letter cites is imported as a related document; the
 * text importer names and refuses what is neither). A page with no such block is refused.
 */
function mainText(lines: Line[], kind: string, page: DecodedPage, evidence: Evidence, linkCount: number): Extraction {
  const content = new Set(lines.filter((l) => l.role === "content"));
  const good = new Map<Element, number>();
  const all = new Map<Element, number>();
  for (const line of lines) {
    for (const element of line.path) {
      all.set(element, (all.get(element) ?? 0) + line.chars);
      if (content.has(line)) good.set(element, (good.get(element) ?? 0) + line.chars);
    }
  }
  let best: Element | undefined;
  let bestScore = 0;
  for (const [element, g] of good) {
    if (/^(?:html|body)$/iu.test(element.name)) continue;
    const score = (g * g) / Math.max(1, all.get(element) ?? 0);
    if (score > bestScore) [best, bestScore] = [element, score];
  }
  const text = best ? lines.filter((l) => content.has(l) && holds(best!, l)) : [];
  const han = text.reduce((n, l) => n + (l.text.match(/\p{Script=Han}/gu)?.length ?? 0), 0);
  if (!best || han < 200) {
    return refuse(
      `no reply in the web page: no opening (您提出的…收悉) and no summary title (…答复的摘要) outside its menus and links, and no article text (${linkCount} links, ${han} Han characters of other text): save the page of the reply itself`,
    );
  }
  const notes = [`${kind}: no reply's opening (您提出的…收悉) in it; its main text, ${describe(best)}, is passed on as it stands; ${shellNote(lines, new Set(text), text[0]!.index)}`, ...page.notes];
  return {
    ok: true,
    format: "html",
    encoding: page.encoding,
    parts: [{ text: text.map((l) => l.text).join("\n\n") + "\n", ...(Object.keys(evidence).length ? { evidence } : {}), notes }],
  };
}

// ─── evidence ─────────────────────────────────────────────────────────────────────────────────

const FIELDS: Record<string, keyof Evidence> = {
  发文字号: "docNumber", 文号: "docNumber", 发文机关: "issuer", 发布机构: "issuer", 成文日期: "date", 标题: "title", 名称: "title", 发布日期: "published",
};

/**
 * What the 信息公开 table says (发文字号 as printed, 发文机关, 成文日期, 标题, 发布日期), then the
 * meta tags gov.cn's publishing systems write (ArticleTitle, PubDate, ContentSource when it names
 * an agency), then a 发布时间 line, each only where the one before said nothing.
 */
function evidenceOf(info: Element[], meta: Map<string, string>, lines: Line[]): Evidence {
  const tokens = [...info.flatMap(cellTexts), ...lines.filter((l) => l.shell === "info" && !l.path.some((e) => info.includes(e))).map((l) => l.text)];
  const evidence: Evidence = {};
  const put = (field: keyof Evidence, value: string | undefined) => {
    const cleaned = value?.trim();
    if (!cleaned || evidence[field]) return;
    if (field === "date" || field === "published") {
      const iso = isoDate(cleaned);
      if (iso) evidence[field] = iso;
    } else evidence[field] = field === "issuer" ? cleaned.replace(/\s+/gu, "") : cleaned;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const nextIsValue = next !== undefined && !INFO_LINE.test(next);
    if (BARE_LABEL.test(token.replace(/[\s\u3000]/gu, ""))) {
      const field = FIELDS[token.replace(/[\s\u3000]/gu, "")];
      if (nextIsValue) {
        if (field) put(field, next);
        i++;
      }
      continue;
    }
    const pairs = [...token.matchAll(INFO_PAIR)];
    pairs.forEach((match, j) => {
      const end = match.index! + match[0].length;
      let value = token.slice(end, pairs[j + 1]?.index ?? token.length).trim();
      if (!value && j === pairs.length - 1 && nextIsValue) {
        value = next!;
        i++;
      }
      const field = FIELDS[match[1]!.replace(/[\s\u3000]/gu, "")];
      if (field) put(field, value);
    });
  }
  put("title", meta.get("articletitle"));
  put("published", meta.get("pubdate") ?? meta.get("firstpublishedtime"));
  const source = meta.get("contentsource")?.trim();
  if (source && /^[\p{Script=Han}（）()]{2,30}$/u.test(source) && /(?:部|委员会|委|局|署|院|行|办公厅|总社)$/u.test(source)) put("issuer", source);
  const published = lines.find((l) => l.shell === "details" && /^[【\[]?\s*发布(?:时间|日期)\s*[：:]/u.test(l.text));
  if (published) put("published", published.text.replace(/^[^：:]*[：:]/u, ""));
  return evidence;
}

/** The texts of an element's innermost blocks (table cells, list items, divs without blocks inside). */
function cellTexts(element: Element): string[] {
  const texts: string[] = [];
  const visit = (node: Element) => {
    if (DROPPED.has(node.name.toLowerCase()) || isHidden(node)) return;
    const blocks = node.children.filter(isTag).filter((c) => BLOCKS.has(c.name.toLowerCase()) || findOne((e) => BLOCKS.has(e.name.toLowerCase()), c.children));
    if (!blocks.length) {
      const text = normalizeLine(textContent(node));
      if (text) texts.push(text);
      return;
    }
    for (const child of node.children) if (isTag(child)) visit(child);
  };
  visit(element);
  return texts;
}

/** 2020年10月27日, 二〇二〇年十月二十七日, 2020-10-27, 2020/10/27 10:00 → 2020-10-27. */
function isoDate(text: string): string | undefined {
  const chinese = new RegExp(CHINESE_DATE.source, "u").exec(text);
  if (chinese) return isoDateOf(chinese);
  const numeric = /(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})/u.exec(toAsciiDigits(text));
  if (!numeric) return undefined;
  const [year, month, day] = [numeric[1]!, Number(numeric[2]), Number(numeric[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function metaTags(document: AnyNode): Map<string, string> {
  const meta = new Map<string, string>();
  const visit = (node: AnyNode) => {
    if (!isTag(node)) return;
    if (node.name.toLowerCase() === "meta" && node.attribs.name && node.attribs.content !== undefined) {
      const name = node.attribs.name.toLowerCase();
      if (!meta.has(name)) meta.set(name, node.attribs.content);
    }
    if (node.name.toLowerCase() === "body") return;
    for (const child of node.children) visit(child);
  };
  for (const child of (document as { children?: AnyNode[] }).children ?? []) visit(child);
  return meta;
}

/** A link whose text is a reply's title: 国家医疗保障局对…第2152号建议的答复, …提案答复的函, …答复摘要. */
function isReplyTitle(text: string): boolean {
  return text.length >= 8 && (parseHeader(text).proposalNumber !== undefined || /(?:建议|提案)的?(?:答复|复文|复函|办理)|(?:答复|复文)的?(?:摘要|函)/u.test(text));
}
