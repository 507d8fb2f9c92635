/**
 * The print document: one HTML page holding the whole edition, with the paged-media CSS
 * Chromium honours. Pure: a Book and (from the second pass on) a page plan in, HTML out.
 * Without a plan, page numbers are placeholders and no blank pages are inserted: that is
 * the measuring pass.
 */
import { cssString, escapeHtml, escapeRegExp } from "../escape.ts";
import { renderBody } from "../model/body.ts";
import { formatChineseDate } from "../model/dates.ts";
import { rolesOf } from "../model/order.ts";
import { recipientLabel } from "../model/titles.ts";
import { ASSEMBLIES, ASSEMBLY_ORDER, isGroupRole } from "../model/vocabulary.ts";
import { KIND_LABELS, contactLine, otherRepliesHeading, publishedContact } from "../model/wording.ts";
import { describeSize, type Book, type BookDocument, type BookIssuer, type BookLetter, type IndexEntry, type PageSize } from "./book.ts";
import { folioLabel, type Block, type PagePlan } from "./pagination.ts";

export interface FontFiles {
  /** URLs (file:// or http) of the full regular and bold TTFs. */
  regular: string;
  bold: string;
}

export const FONT_FAMILY = "Fuwen Serif";

/** Element ids of the fixed parts of the book. */
export const ANCHORS = {
  cover: "cover",
  titlePage: "title-page",
  colophon: "colophon",
  contents: "contents",
  people: "index-people",
  agencies: "index-agencies",
} as const;

/** Headings of the indexes, also their contents entries, running heads and bookmarks. */
export const INDEX_TITLES = { people: "代表委员索引", agencies: "会商单位索引" } as const;

/** The appendix's heading, its contents entry, running head and bookmark. */
export const APPENDIX_TITLE = "附录　相关文件";

/** The book's parts in order, as the pagination sees them. */
export function bookBlocks(book: Book): Block[] {
  const blocks: Block[] = [
    { anchor: ANCHORS.cover, recto: true, fixedLength: 1 },
    { anchor: ANCHORS.titlePage, recto: true, fixedLength: 1 },
    { anchor: ANCHORS.colophon, recto: false },
    { anchor: ANCHORS.contents, recto: true },
  ];
  if (book.issuers.length) {
    // Several issuers: a divider per issuer, none per session (which would add two pages per issuer and session).
    for (const issuer of book.issuers) {
      blocks.push({ anchor: issuer.anchor, recto: true });
      for (const letter of issuer.letters) blocks.push({ anchor: letter.anchor, recto: true });
    }
  } else {
    for (const session of book.sessions) {
      blocks.push({ anchor: session.anchor, recto: true });
      for (const letter of session.letters) blocks.push({ anchor: letter.anchor, recto: true });
    }
  }
  // The appendix opens on a right-hand page; each document then starts a new page.
  book.appendix.forEach((d, i) => blocks.push({ anchor: d.anchor, recto: i === 0 }));
  blocks.push({ anchor: ANCHORS.people, recto: true });
  if (book.agencies.length) blocks.push({ anchor: ANCHORS.agencies, recto: true });
  return blocks;
}

interface Geometry {
  width: number;
  height: number;
  top: number;
  bottom: number;
  inner: number;
  outer: number;
  fontSize: string;
  furnitureSize: string;
}

/** Millimetres. Mirrored margins: the inner (binding) side is the wider one. */
const GEOMETRY: Record<PageSize, Geometry> = {
  A4: { width: 210, height: 297, top: 25, bottom: 23, inner: 28, outer: 20, fontSize: "11pt", furnitureSize: "8.5pt" },
  "16k": { width: 185, height: 260, top: 22, bottom: 20, inner: 25, outer: 17, fontSize: "10.5pt", furnitureSize: "8pt" },
  A5: { width: 148, height: 210, top: 17, bottom: 16, inner: 19, outer: 13, fontSize: "9.5pt", furnitureSize: "7pt" },
};

/** A text page of this size in characters of body text: a line's width and the lines a page holds. */
export function textMeasure(size: PageSize): { charsPerLine: number; linesPerPage: number } {
  const g = GEOMETRY[size];
  const em = Number.parseFloat(g.fontSize) * (25.4 / 72);
  return {
    charsPerLine: Math.floor((g.width - g.inner - g.outer) / em),
    linesPerPage: Math.floor((g.height - g.top - g.bottom) / (em * LINE_HEIGHT)),
  };
}

/** The body text's line height, in ems. */
const LINE_HEIGHT = 1.8;

/** The first page of the body (the first part after the contents), where folio 1 is. */
export function bodyStart(book: Book, plan: PagePlan): number {
  const blocks = bookBlocks(book);
  const first = blocks[blocks.findIndex((b) => b.anchor === ANCHORS.contents) + 1];
  const page = first && plan.starts.get(first.anchor);
  if (!page) throw new Error("the plan has no body");
  return page;
}

/**
 * The parts of the book in order, each its anchor and HTML, page numbers from the plan
 * ("000" without one); `only`: just these parts.
 */
function bookParts(book: Book, plan?: PagePlan, only?: ReadonlySet<string>): { anchor: string; html: string }[] {
  const pageOf = (anchor: string): string => {
    if (!plan) return "000";
    const page = plan.starts.get(anchor);
    if (page === undefined) throw new Error(`no page planned for #${anchor}`);
    return folioLabel(page, bodyStart(book, plan));
  };
  const parts: { anchor: string; html: string }[] = [];
  const part = (anchor: string, html: () => string): void => {
    if (!only || only.has(anchor)) parts.push({ anchor, html: html() });
  };
  part(ANCHORS.cover, () => cover(book));
  part(ANCHORS.titlePage, () => titlePage(book));
  part(ANCHORS.colophon, () => colophon(book, pageOf));
  part(ANCHORS.contents, () => contents(book, pageOf));
  const publishPhone = book.site.publishContactPhone === true;
  if (book.issuers.length) {
    for (const issuer of book.issuers) {
      part(issuer.anchor, () => issuerDivider(issuer));
      for (const letter of issuer.letters) part(letter.anchor, () => letterPage(letter, pageOf, publishPhone));
    }
  } else {
    for (const session of book.sessions) {
      part(session.anchor, () => divider(session.anchor, session.session.name, session.letters));
      for (const letter of session.letters) part(letter.anchor, () => letterPage(letter, pageOf, publishPhone));
    }
  }
  book.appendix.forEach((d, i) => part(d.anchor, () => appendixDocument(d, i === 0, pageOf)));
  part(ANCHORS.people, () => index(ANCHORS.people, INDEX_TITLES.people, "按姓名拼音排序；页码为答复首页。", book.people, pageOf, true));
  if (book.agencies.length) {
    part(ANCHORS.agencies, () => index(ANCHORS.agencies, INDEX_TITLES.agencies, "答复中“经商”的单位，按名称拼音排序；页码为答复首页。", book.agencies, pageOf, false));
  }
  return parts;
}

/**
 * Each part's HTML as the measuring pass prints it, by anchor. A part lays out alone as it does
 * in any book (see printDocument), so its length follows from this and the page geometry.
 */
export function measuringParts(book: Book): Map<string, string> {
  return new Map(bookParts(book).map(({ anchor, html }) => [anchor, html]));
}

/**
 * `only`: print just these parts (with the plan's numbers), to measure them alone. Each part
 * starts a page and the text block is the same width on either hand, so a part lays out
 * alone as it does in the book. Empty links to them make Chromium write their destinations.
 */
export function printDocument(book: Book, fonts: FontFiles, plan?: PagePlan, only?: ReadonlySet<string>): string {
  // A measuring print is read for where its parts land, never looked at: its text is hidden
  // (visibility keeps the layout), and page.pdf() of a 339-letter volume takes 2.5 s, not 4.0 s.
  const measuring = !plan || only !== undefined;
  const parts = bookParts(book, plan, only).map(({ anchor, html }) =>
    (plan?.blanksBefore.has(anchor) ? `<div class="blank-page" aria-hidden="true"></div>\n` : "") + html);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(book.metadata.title)}</title>
<style>
${styles(book, fonts, plan)}${measuring ? "\nbody * { visibility: hidden; }" : ""}
</style>
</head>
<body>
${only ? `<div class="measure-links">${[...only].map((anchor) => `<a href="#${anchor}"></a>`).join("")}</div>` : ""}
${parts.join("\n")}
</body>
</html>
`;
}

function cover(book: Book): string {
  const [series, rest] = splitTitle(book.title, book.site.shortTitle);
  return `<section class="cover" id="${ANCHORS.cover}">
<div class="cover-frame">
<p class="cover-series">${escapeHtml(series)}</p>
<p class="cover-rest">${escapeHtml(rest)}</p>
<p class="cover-title">${escapeHtml(book.subtitle)}</p>
<p class="cover-edition">${escapeHtml(book.editionLabel)} · ${escapeHtml(book.yearSpan)}</p>
<p class="cover-count">收录答复 ${book.letters.length} 件</p>
</div>
</section>`;
}

function titlePage(book: Book): string {
  const [series, rest] = splitTitle(book.title, book.site.shortTitle);
  return `<section class="title-page" id="${ANCHORS.titlePage}">
<p class="title-series">${escapeHtml(series)}</p>
<h1 class="title-main">${escapeHtml(book.subtitle)}</h1>
<p class="title-rest">${escapeHtml(rest)}</p>
<p class="title-edition">${escapeHtml(book.editionLabel)}（${escapeHtml(book.yearSpan)}）</p>
<p class="title-issuer">发文机关　${escapeHtml(book.issuers.length ? `${book.issuerName}（${book.issuers.length}个）` : book.issuerName)}</p>
</section>`;
}

/** 复文：部委对… → [复文, 部委对…]; a title without the short title stays whole. */
export function splitTitle(title: string, shortTitle: string): [string, string] {
  const match = new RegExp(`^${escapeRegExp(shortTitle)}[：:]\\s*(.+)$`).exec(title);
  return match ? [shortTitle, match[1] as string] : [shortTitle, title];
}

function colophon(book: Book, pageOf: (anchor: string) => string): string {
  const byAssembly = ASSEMBLY_ORDER.map((a) => {
    const v = ASSEMBLIES[a];
    return `${v.shortName}${v.role}${v.proposalType} ${book.letters.filter((l) => l.letter.assembly === a).length} 件`;
  }).join("，");
  // The parts of the book: its issuers when it has several, else its sessions.
  const divisions = book.issuers.length
    ? book.issuers.map((i) => ({ anchor: i.anchor, name: i.name, count: i.letters.length }))
    : book.sessions.map((s) => ({ anchor: s.anchor, name: s.session.name, count: s.letters.length }));
  const rows = divisions
    .map((d) => `<tr><td><a href="#${d.anchor}">${escapeHtml(d.name)}</a></td><td class="num">${d.count} 件</td><td class="num">${pageOf(d.anchor)}</td></tr>`)
    .join("\n");
  const appendix = book.appendix.length ? `本书答复所引的相关文件 ${book.appendix.length} 件收入附录，节录者注明。` : "";
  const leftOut = book.documentsLeftOut ? `档案中另有相关文件 ${book.documentsLeftOut} 件，本书答复未引，未收入。` : "";
  // A long list of sessions takes the space the colophon otherwise leaves above itself.
  const spacing = divisions.length > 8 ? " colophon-long" : "";
  return `<section class="colophon${spacing}" id="${ANCHORS.colophon}">
<h1>版本说明</h1>
<dl>
<dt>书名</dt><dd>${escapeHtml(book.title)}——${escapeHtml(book.subtitle)}</dd>
<dt>版本</dt><dd>${escapeHtml(book.editionLabel)}，${escapeHtml(describeSize(book.size))}</dd>
<dt>发文机关</dt><dd>${escapeHtml(book.issuers.length ? book.issuers.map((i) => i.name).join("、") : book.issuerName)}</dd>
<dt>收录</dt><dd>答复 ${book.letters.length} 件（${byAssembly}），答复日期${formatChineseDate(book.firstReplyDate)}至${formatChineseDate(book.lastReplyDate)}</dd>
<dt>编印日期</dt><dd>${formatChineseDate(book.editionDate)}</dd>
</dl>
<table class="colophon-sessions">
<thead><tr><th>${book.issuers.length ? "发文机关" : "会议"}</th><th class="num">答复</th><th class="num">页码</th></tr></thead>
<tbody>
<tr><td><a href="#${ANCHORS.contents}">目录</a></td><td></td><td class="num">${pageOf(ANCHORS.contents)}</td></tr>
${rows}
${book.appendix[0] ? `<tr><td><a href="#${book.appendix[0].anchor}">${APPENDIX_TITLE}</a></td><td class="num">${book.appendix.length} 件</td><td class="num">${pageOf(book.appendix[0].anchor)}</td></tr>
` : ""}<tr><td><a href="#${ANCHORS.people}">${INDEX_TITLES.people}</a></td><td></td><td class="num">${pageOf(ANCHORS.people)}</td></tr>
${book.agencies.length ? `<tr><td><a href="#${ANCHORS.agencies}">${INDEX_TITLES.agencies}</a></td><td></td><td class="num">${pageOf(ANCHORS.agencies)}</td></tr>` : ""}
</tbody>
</table>
<p>来源与校核：本书据复文档案 letters/ 目录中经校核的答复文本排印，正文文字依原件，未作改动；标题、文号、称谓、落款与日期据各件元数据排出。每件答复末尾注明所据原始文本的文件名及其 SHA-256 校验值，可据以核对。${appendix}${leftOut}</p>
<p>${escapeHtml(book.site.license)}</p>
<p>字体：全书用思源宋体（Noto Serif SC）常规体与粗体，SIL Open Font License 1.1，按所用字形子集嵌入。公文格式国家标准 GB/T 9704 规定正文用仿宋体、标题用小标宋体，因仿宋_GB2312 等字体没有可自由再分发的版本，本书统一用宋体排印，字号与版心亦按图书版式，与原件版式不同；文字依原件。</p>
<p>所据信件文件：本书 ${book.letters.length} 件答复的信件文件（letters/ 目录）按路径排序、逐行列出“SHA-256 校验值、两个空格、路径”（即 sha256sum 的输出），该清单的 SHA-256 为 <span class="digest">${book.sourceDigest}</span>。</p>
</section>`;
}

function contents(book: Book, pageOf: (anchor: string) => string): string {
  const row = (anchor: string, label: string, className: string): string =>
    `<a class="toc-row ${className}" href="#${anchor}"><span class="toc-label">${label}</span><span class="toc-leader"></span><span class="toc-page">${pageOf(anchor)}</span></a>`;
  const sessionItems = (list: Book["sessions"]) => list
    .map((s) => {
      const letters = s.letters
        .map((l) => {
          const who = l.letter.recipients.map(recipientLabel).join("、");
          const reference = l.letter.parts.docNumber || KIND_LABELS[l.letter.kind];
          return `<li>${row(l.anchor, `<span class="toc-ref">${escapeHtml(l.letter.shortReference)}</span>${escapeHtml(l.letter.title)}`, "toc-letter")}<p class="toc-who">${[escapeHtml(who), `<span class="toc-number">${escapeHtml(reference)}</span>`].filter((part) => part !== "").join("　")}</p></li>`;
        })
        .join("\n");
      return `<li class="toc-session-item">${row(s.anchor, escapeHtml(s.session.name), "toc-session")}<ol>\n${letters}\n</ol></li>`;
    })
    .join("\n");
  const sessions = book.issuers.length
    ? book.issuers.map((i) => `<li class="toc-issuer-item">${row(i.anchor, escapeHtml(i.name), "toc-issuer")}<ol>\n${sessionItems(i.sessions)}\n</ol></li>`).join("\n")
    : sessionItems(book.sessions);
  // The first 册 of a split year says what every 册 holds, from which letter to which: with their
  // counts, every letter added to or deleted from another 册 printed the first again.
  const parts = book.part?.number === 1
    ? `<section class="toc-parts"><p>本卷分${book.part.all.length}册：</p><ul>\n${book.part.all.map((p) => `<li>${escapeHtml(p.label)}　${escapeHtml(p.first)}至${escapeHtml(p.last)}</li>`).join("\n")}\n</ul></section>\n`
    : "";
  return `<nav class="contents" id="${ANCHORS.contents}" aria-labelledby="contents-heading">
<h1 id="contents-heading">目录</h1>
${parts}<ol>
<li>${row(ANCHORS.colophon, "版本说明", "toc-front")}</li>
${sessions}
${book.appendix[0] ? `<li>${row(book.appendix[0].anchor, APPENDIX_TITLE, "toc-back")}<ol>
${book.appendix.map((d) => `<li>${row(d.anchor, escapeHtml(documentHeading(d)), "toc-letter")}</li>`).join("\n")}
</ol></li>` : ""}
<li>${row(ANCHORS.people, INDEX_TITLES.people, "toc-back")}</li>
${book.agencies.length ? `<li>${row(ANCHORS.agencies, INDEX_TITLES.agencies, "toc-back")}</li>` : ""}
</ol>
</nav>`;
}

function divider(anchor: string, name: string, letters: BookLetter[]): string {
  const kind = letters[0]?.letter.vocabulary.proposalType ?? "";
  return `<section class="divider" id="${anchor}">
<h1>${escapeHtml(name)}</h1>
<p class="divider-count">${kind}答复 ${letters.length} 件</p>
</section>`;
}

/** An issuer's opening page in an edition of several: its name and what it answered, by session. */
function issuerDivider(issuer: BookIssuer): string {
  const bySession = issuer.sessions
    .map((s) => `<li>${escapeHtml(s.session.name)}　${s.letters[0]?.letter.vocabulary.proposalType ?? ""}答复 ${s.letters.length} 件</li>`)
    .join("\n");
  return `<section class="divider" id="${issuer.anchor}">
<h1>${escapeHtml(issuer.name)}</h1>
<p class="divider-count">答复 ${issuer.letters.length} 件</p>
<ul class="divider-sessions">
${bySession}
</ul>
</section>`;
}

function letterPage(entry: BookLetter, pageOf: (anchor: string) => string, publishPhone: boolean): string {
  const { letter } = entry;
  const { parts } = letter;
  // The 版记 after the date: （主动公开）, 抄送, then the contact, as the reply prints them.
  const contact = publishedContact(letter.contact, publishPhone);
  const notes = [...parts.notes, ...(contact ? [contactLine(contact)] : [])].map((note) => `<p class="disclosure">${escapeHtml(note)}</p>\n`).join("");
  const others = entry.otherReplies.length
    ? `<p class="other-replies">${escapeHtml(otherRepliesHeading(letter))}：${entry.otherReplies
      .map((o) => (o.anchor ? `<a href="#${o.anchor}">${escapeHtml(o.label)}，第${pageOf(o.anchor)}页</a>` : escapeHtml(o.label)))
      .join("；")}</p>\n`
    : "";
  return `<article class="letter" id="${entry.anchor}" style="page: ${entry.pageName}">
<h1 class="reply-title">${escapeHtml(parts.heading)}</h1>
${parts.docNumber ? `<p class="doc-number">${escapeHtml(parts.docNumber)}</p>\n` : ""}${parts.salutation ? `<p class="salutation">${escapeHtml(parts.salutation)}</p>\n` : ""}<div class="reply-body">
${renderBody(parts.body)}</div>
${parts.signature ? `<p class="signature">${escapeHtml(parts.signature)}</p>\n<p class="reply-date">${escapeHtml(parts.date)}</p>\n` : ""}${notes}${others}${cites(entry, pageOf)}<p class="provenance">底本：${escapeHtml(letter.source.file)}　SHA-256：${letter.source.sha256}</p>
</article>`;
}

/** 中共中央 国务院关于深化医疗保障制度改革的意见（节录） */
function documentHeading(entry: BookDocument): string {
  return `${entry.document.title}${entry.document.truncated ? "（节录）" : ""}`;
}

/** Where the documents a letter cites are printed: 所引《…》（节录）见附录第 N 页. */
function cites(entry: BookLetter, pageOf: (anchor: string) => string): string {
  if (!entry.cites.length) return "";
  const references = entry.cites.map((d) => `所引《${escapeHtml(d.document.title)}》${d.document.truncated ? "（节录）" : ""}见<a href="#${d.anchor}">附录第${pageOf(d.anchor)}页</a>`);
  return `<p class="other-replies">${references.join("；")}。</p>\n`;
}

/** A related document in the appendix, as the archive holds it, with its truncation marked and the replies that cite it. */
function appendixDocument(entry: BookDocument, first: boolean, pageOf: (anchor: string) => string): string {
  const { document } = entry;
  const citedBy = entry.citedBy.map((l) => `<a href="#${l.anchor}">${escapeHtml(l.letter.shortReference)}（${escapeHtml(l.issuer)}，第${pageOf(l.anchor)}页）</a>`).join("、");
  const notice = (text: string) => `<p class="related-notice">${escapeHtml(text)}</p>\n`;
  return `<section class="related" id="${entry.anchor}" style="page: ${entry.pageName}">
${first ? `<h1 class="appendix-title">${APPENDIX_TITLE}</h1>\n<p class="index-note">本书答复所引的政策文件，据档案所收文本排印；不完整的文本注明节录。</p>\n` : ""}<h2 class="related-title">${escapeHtml(documentHeading(entry))}</h2>
<p class="related-byline">${escapeHtml(document.byline)}</p>
${document.truncation ? notice(document.truncation.before) : ""}<div class="reply-body">
${renderBody(document.body)}</div>
${document.truncation ? notice(document.truncation.after) : ""}<p class="other-replies">引用本文件的答复：${citedBy}</p>
<p class="provenance">底本：${escapeHtml(document.source.file)}　SHA-256：${document.source.sha256}</p>
</section>`;
}

function index(
  anchor: string,
  heading: string,
  note: string,
  entries: IndexEntry[],
  pageOf: (anchor: string) => string,
  withRole: boolean,
): string {
  const groups: string[] = [];
  let current = "";
  let items: string[] = [];
  const flush = (): void => {
    if (items.length) groups.push(`<section class="index-group"><h2>${current}</h2>\n${items.join("\n")}\n</section>`);
    items = [];
  };
  for (const entry of entries) {
    if (entry.initial !== current) {
      flush();
      current = entry.initial;
    }
    // A delegation or party is named by itself (青海代表团), a person with the role.
    const roles = withRole ? rolesOf(entry.name, entry.letters.map((l) => l.letter)).filter((r) => !isGroupRole(r)) : [];
    const role = roles.length ? `<span class="index-role">${escapeHtml(roles.join("、"))}</span>` : "";
    const pages = entry.letters.map((l) => `<a href="#${l.anchor}">${pageOf(l.anchor)}</a>`).join("，");
    items.push(`<p class="index-entry"><span class="index-name">${escapeHtml(entry.name)}</span>${role}　<span class="index-pages">${pages}</span></p>`);
  }
  flush();
  return `<section class="index" id="${anchor}" style="page: ${anchor}">
<h1>${heading}</h1>
<p class="index-note">${note}</p>
<div class="index-columns">
${groups.join("\n")}
</div>
</section>`;
}

function styles(book: Book, fonts: FontFiles, plan?: PagePlan): string {
  const g = GEOMETRY[book.size];
  const furniture = `font-family: "${FONT_FAMILY}"; font-size: ${g.furnitureSize}; font-weight: 400; color: #333;`;
  const firstBodyPage = plan ? bodyStart(book, plan) : 0;
  /**
   * Running heads at the outer top corner, folios at the outer foot, on the part's named page.
   * Chromium has no :first for named pages and no counter-reset of the page counter, so with
   * a plan each part's pages get counter styles that spell out its folios (roman in the front
   * matter, arabic from 1 in the body) and its heads, none on the part's first page, where its
   * title is. The measuring pass prints plain page numbers: margin boxes never move the text.
   */
  const furnished = (name: string, anchor: string, left: string, right: string): string => {
    const start = plan?.starts.get(anchor);
    const length = plan?.lengths.get(anchor);
    if (start === undefined || length === undefined) {
      return `@page ${name}:left { @top-left { content: ${cssString(left)}; ${furniture} } @bottom-left { content: counter(page); ${furniture} } }
@page ${name}:right { @top-right { content: ${cssString(right)}; ${furniture} } @bottom-right { content: counter(page); ${furniture} } }`;
    }
    const pages = Array.from({ length }, (_, i) => start + i);
    const style = (id: string, symbols: string[]) => `@counter-style ${id}-${name} { system: fixed ${start}; symbols: ${symbols.map(cssString).join(" ")}; }`;
    return [
      style("folio", pages.map((page) => folioLabel(page, firstBodyPage))),
      style("head-left", pages.map((page) => (page === start ? "" : left))),
      style("head-right", pages.map((page) => (page === start ? "" : right))),
      `@page ${name}:left { @top-left { content: counter(page, head-left-${name}); ${furniture} } @bottom-left { content: counter(page, folio-${name}); ${furniture} } }`,
      `@page ${name}:right { @top-right { content: counter(page, head-right-${name}); ${furniture} } @bottom-right { content: counter(page, folio-${name}); ${furniture} } }`,
    ].join("\n");
  };
  const perPage = [
    furnished("contents", ANCHORS.contents, book.runningTitle, "目录"),
    ...book.letters.map((l) => furnished(l.pageName, l.anchor, book.runningTitle, l.runningHead)),
    ...book.appendix.map((d) => furnished(d.pageName, d.anchor, book.runningTitle, APPENDIX_TITLE)),
    furnished(ANCHORS.people, ANCHORS.people, book.runningTitle, INDEX_TITLES.people),
    ...(book.agencies.length ? [furnished(ANCHORS.agencies, ANCHORS.agencies, book.runningTitle, INDEX_TITLES.agencies)] : []),
  ].join("\n");

  return layoutStyles(book, fonts).replace(PER_PAGE, perPage);
}

/** Where the per-part margin-box rules go in the layout styles. */
const PER_PAGE = "/* per-part pages */";

/**
 * The document's styles but for its per-part margin-box rules (running heads and folios, which
 * never move the text): everything a part's layout depends on beside its own HTML.
 */
export function layoutStyles(book: Book, fonts: FontFiles): string {
  const g = GEOMETRY[book.size];
  const mm = (n: number): string => `${n}mm`;
  const textHeight = g.height - g.top - g.bottom;
  return `@font-face { font-family: "${FONT_FAMILY}"; font-weight: 400; font-style: normal; font-display: block; src: url("${fonts.regular}") format("truetype"); }
@font-face { font-family: "${FONT_FAMILY}"; font-weight: 700; font-style: normal; font-display: block; src: url("${fonts.bold}") format("truetype"); }
@page { size: ${mm(g.width)} ${mm(g.height)}; margin: ${mm(g.top)} ${mm(g.outer)} ${mm(g.bottom)} ${mm(g.inner)}; }
@page :left { margin-left: ${mm(g.outer)}; margin-right: ${mm(g.inner)}; }
@page :right { margin-left: ${mm(g.inner)}; margin-right: ${mm(g.outer)}; }
${PER_PAGE}
/* Printed, never shown: no screen layout on load (0.3 s instead of 1.0 s at 339 letters). */
@media screen { body { display: none; } }
html { font-family: "${FONT_FAMILY}"; font-size: ${g.fontSize}; line-height: ${LINE_HEIGHT}; color: #000; }
body { margin: 0; text-align: justify; line-break: strict; orphans: 2; widows: 2; font-kerning: normal; }
a { color: inherit; text-decoration: none; }
h1, h2, h3, h4 { font-weight: 700; line-height: 1.5; break-after: avoid; break-inside: avoid; text-align: left; }
p { margin: 0; }
.blank-page { page: blank; break-before: page; height: 1px; }
/* Out of the flow, so the first part measured alone opens page 1 as it does in the book. */
.measure-links { position: absolute; }
.cover, .title-page { break-before: page; height: ${mm(textHeight - 2)}; overflow: hidden; box-sizing: border-box; }
.cover { page: cover; }
.cover-frame { height: 100%; box-sizing: border-box; border: 2pt solid #7a1f1f; outline: 0.6pt solid #7a1f1f; outline-offset: -5pt; padding: 18% 10% 10%; display: flex; flex-direction: column; align-items: center; text-align: center; }
.cover-series { font-weight: 700; font-size: 4.2em; letter-spacing: 0.5em; margin-right: -0.5em; color: #7a1f1f; line-height: 1.2; }
.cover-rest { font-size: 1.2em; margin-top: 1em; }
.cover-title { font-weight: 700; font-size: 2.2em; margin-top: 2.5em; line-height: 1.4; }
.cover-edition { font-size: 1.3em; margin-top: 1.2em; }
.cover-count { margin-top: auto; font-size: 1em; color: #444; }
.title-page { page: title; display: flex; flex-direction: column; align-items: center; text-align: center; padding-top: 22%; }
.title-series { font-size: 1.4em; letter-spacing: 0.4em; margin-right: -0.4em; }
.title-main { font-size: 2em; margin: 1.2em 0 0.4em; }
.title-rest { font-size: 1.1em; }
.title-edition { margin-top: 1.5em; }
.title-issuer { margin-top: auto; margin-bottom: 8%; font-size: 1.1em; }
.colophon { page: colophon; break-before: page; font-size: 0.86em; line-height: 1.7; padding-top: 30%; }
.colophon-long { padding-top: 0; }
.colophon h1 { font-size: 1.2em; margin: 0 0 0.8em; }
.colophon dl { display: grid; grid-template-columns: 5em 1fr; margin: 0 0 1em; }
.colophon dt { font-weight: 700; }
.colophon dd { margin: 0; }
.colophon p { margin-top: 0.6em; }
.digest { word-break: break-all; font-size: 0.9em; }
.colophon-sessions { line-height: 1.35; width: 100%; border-collapse: collapse; margin: 0.4em 0 0.6em; border-top: 0.6pt solid; border-bottom: 0.6pt solid; }
.colophon-sessions th { font-weight: 700; text-align: left; border-bottom: 0.4pt solid; }
.colophon-sessions .num { text-align: right; width: 4em; font-variant-numeric: tabular-nums; }
.contents { page: contents; break-before: page; }
.contents h1, .index h1 { font-size: 1.6em; text-align: center; letter-spacing: 1em; margin: 0 -1em 1.2em 0; }
.contents ol { list-style: none; margin: 0; padding: 0; }
.toc-parts { margin: 0 0 1.5em; } .toc-parts ul { list-style: none; margin: 0.3em 0 0 2em; padding: 0; } .toc-parts p { margin: 0; }
.contents li li { break-inside: avoid; }
.toc-row { display: flex; align-items: baseline; gap: 0.3em; }
.toc-label { flex: 0 1 auto; }
/* No transform here: a transformed box per entry doubled Chromium's memory at 1,000 letters. */
.toc-leader { flex: 1 0 2em; border-bottom: 1.2pt dotted #555; position: relative; top: -0.3em; }
.toc-page { flex: 0 0 3em; text-align: right; font-variant-numeric: tabular-nums; }
.toc-session { font-weight: 700; margin-top: 0.8em; break-after: avoid; }
.toc-issuer { font-weight: 700; font-size: 1.15em; margin-top: 1.2em; break-after: avoid; }
.toc-issuer-item .toc-session { padding-left: 1em; margin-top: 0.5em; }
.toc-issuer-item .toc-letter { padding-left: 3em; }
.toc-issuer-item .toc-who { padding-left: 3.2em; }
.toc-front, .toc-back { font-weight: 700; margin-top: 0.8em; }
.toc-letter { padding-left: 2em; }
.toc-ref { margin-right: 0.6em; }
/* A 文号 is read whole: 国卫建函 on one line and 〔2021〕98号 on the next is no reference. */
.toc-number { white-space: nowrap; }
.toc-who { padding-left: 2em; margin-right: 3.3em; font-size: 0.82em; color: #444; line-height: 1.5; margin-bottom: 0.3em; }
.divider { page: divider; break-before: page; text-align: center; padding-top: 35%; }
.divider h1 { font-size: 2em; letter-spacing: 0.1em; text-align: center; }
.divider-count { margin-top: 1.5em; font-size: 1.1em; }
.divider-sessions { list-style: none; padding: 0; margin: 1.5em 0 0; line-height: 2; }
.letter { break-before: page; }
.reply-title { font-size: 1.45em; text-align: center; text-wrap: balance; margin: 1.5em 1em 0.6em; line-height: 1.6; }
.doc-number { text-align: center; margin-bottom: 1.6em; }
/* A summary has no 文号 line to keep its heading off the text. */
.reply-title + .salutation, .reply-title + .reply-body { margin-top: 1.6em; }
.salutation { margin-bottom: 0.2em; }
.reply-body p { text-indent: 2em; }
.reply-body h2, .reply-body h3 { font-size: 1em; margin: 0.5em 0 0; text-indent: 2em; }
.reply-body ul, .reply-body ol { margin: 0; padding-left: 4em; }
.reply-body table { border-collapse: collapse; margin: 0.5em auto; }
.reply-body td, .reply-body th { border: 0.5pt solid; padding: 0.1em 0.4em; }
.signature, .reply-date { text-align: right; padding-right: 2em; break-before: avoid; }
.signature { margin-top: 1.8em; }
.disclosure { text-align: left; margin-top: 0.8em; break-before: avoid; }
.other-replies { margin-top: 0.8em; break-before: avoid; font-size: 0.9em; text-align: left; }
.provenance { margin-top: 1.2em; break-before: avoid; font-size: 0.72em; color: #555; line-height: 1.5; text-align: left; word-break: break-all; break-inside: avoid; }
.index, .related { break-before: page; }
.appendix-title { font-size: 1.6em; text-align: center; margin: 0 0 0.6em; }
.related-title { font-size: 1.3em; text-align: center; text-wrap: balance; margin: 1em 1em 0.4em; line-height: 1.6; }
.related-byline { text-align: center; margin-bottom: 1.2em; }
.related-notice { text-align: left; font-size: 0.9em; color: #333; margin: 0.6em 0; }
.index-note { text-align: center; font-size: 0.85em; color: #444; margin-bottom: 1em; }
.index-columns { columns: 2; column-gap: 2em; }
.index-group h2 { font-size: 1em; margin: 0.6em 0 0.1em; }
.index-entry { text-indent: -2em; padding-left: 2em; text-align: left; break-inside: avoid; }
.index-role { font-size: 0.85em; color: #444; margin-left: 0.2em; }
`;
}
