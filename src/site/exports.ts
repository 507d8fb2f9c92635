/** Data for libraries and re-users: JSON, CSV, Atom, sitemap, robots.txt. Deterministic strings. Pure. */
import { escapeXml } from "../escape.ts";
import { beijingMidnightIso } from "../model/dates.ts";
import type { LetterPage, SiteData } from "./site-data.ts";
import { KIND_LABELS, contactLine } from "../model/wording.ts";
import { cslItem } from "./citation.ts";

/**
 * One flat record per letter: every metadata field plus where to find it. Absent optional
 * fields are null; the contact carries its phone only where the settings publish it.
 */
export function letterRecord(page: LetterPage) {
  const l = page.letter;
  return {
    id: l.id,
    url: page.absoluteUrl,
    kind: l.kind,
    heading: l.parts.heading,
    docNumber: l.docNumber ?? null,
    reference: page.reference,
    issuer: l.issuer,
    issuerName: page.issuer.label,
    assembly: l.assembly,
    term: l.term,
    meeting: l.meeting,
    session: l.session,
    sessionId: page.session.id,
    proposalType: l.proposalType,
    proposalNumber: l.proposalNumber,
    category: l.category ?? null,
    recipients: l.recipients,
    title: l.title,
    consulted: l.consulted,
    date: l.date,
    disclosure: l.disclosure ?? null,
    cc: l.cc ?? [],
    contact: page.contact ?? null,
    /** Ids of the other replies to the same suggestion or proposal. */
    otherReplies: page.otherReplies?.links.map((link) => link.id) ?? [],
    cites: page.cites.map((c) => c.label),
    file: l.file,
    source: l.source,
  };
}

/** The whole archive as CSL-JSON (one item per letter, as each letter page offers it), for reference managers. */
export function lettersCsl(site: SiteData): string {
  return `${JSON.stringify(site.letters.map((page) => cslItem(page.letter, page.absoluteUrl)), null, 1)}\n`;
}

export function lettersJson(site: SiteData): string {
  return `${JSON.stringify({ title: site.settings.title, license: site.settings.license ?? null, count: site.letters.length, letters: site.letters.map(letterRecord) }, null, 1)}\n`;
}

const CSV_COLUMNS = [
  "id", "url", "kind", "docNumber", "issuer", "assembly", "term", "meeting", "session", "proposalType", "proposalNumber",
  "category", "recipients", "roles", "title", "consulted", "date", "disclosure", "cc", "contactName", "contactUnit", "contactPhone",
  "file", "sourceFile", "sourceSha256",
] as const;

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 with CRLF, UTF-8 with a BOM so spreadsheet software reads the Chinese right. Lists are joined with “;”. */
export function lettersCsv(site: SiteData): string {
  const rows = site.letters.map((page) => {
    const l = page.letter;
    const row: Record<(typeof CSV_COLUMNS)[number], string | number> = {
      id: l.id, url: page.absoluteUrl, kind: l.kind, docNumber: l.docNumber ?? "", issuer: l.issuer, assembly: l.assembly,
      term: l.term, meeting: l.meeting, session: l.session, proposalType: l.proposalType,
      proposalNumber: l.proposalNumber, category: l.category ?? "",
      recipients: l.recipients.map((r) => r.name).join(";"), roles: l.recipients.map((r) => r.role).join(";"),
      title: l.title, consulted: l.consulted.join(";"), date: l.date, disclosure: l.disclosure ?? "",
      cc: (l.cc ?? []).join(";"), contactName: page.contact?.name ?? "", contactUnit: page.contact?.unit ?? "", contactPhone: page.contact?.phone ?? "",
      file: l.file, sourceFile: l.source.file, sourceSha256: l.source.sha256,
    };
    return CSV_COLUMNS.map((c) => csvField(row[c])).join(",");
  });
  return `\uFEFF${[CSV_COLUMNS.join(","), ...rows].join("\r\n")}\r\n`;
}

/** 国家医疗保障局对…的答复（医保函〔2020〕135号），2020年10月27日。抄送：…。联系人：…。 */
function feedSummary(page: LetterPage): string {
  const { letter, contact } = page;
  return [
    `${letter.parts.heading}（${page.reference}），${letter.dateText}。`,
    letter.cc ? `抄送：${letter.cc.join("，")}。` : "",
    contact ? `${contactLine(contact)}。` : "",
  ].join("");
}

export function atomFeed(site: SiteData): string {
  const updated = site.feed[0] ? beijingMidnightIso(site.feed[0].letter.date) : beijingMidnightIso("2000-01-01");
  const entries = site.feed.map((page) => [
    "<entry>",
    `<title>${escapeXml(page.letter.title)}</title>`,
    `<link href="${escapeXml(page.absoluteUrl)}"/>`,
    `<id>${escapeXml(page.absoluteUrl)}</id>`,
    `<updated>${beijingMidnightIso(page.letter.date)}</updated>`,
    `<author><name>${escapeXml(page.letter.issuer)}</name></author>`,
    `<category term="${page.letter.kind}" label="${KIND_LABELS[page.letter.kind]}"/>`,
    `<summary>${escapeXml(feedSummary(page))}</summary>`,
    "</entry>",
  ].join(""));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `<title>${escapeXml(site.settings.title)}</title>`,
    `<subtitle>最新答复</subtitle>`,
    `<link href="${escapeXml(site.baseUrl)}/feed.xml" rel="self"/>`,
    `<link href="${escapeXml(site.baseUrl)}/"/>`,
    `<id>${escapeXml(site.baseUrl)}/</id>`,
    `<updated>${updated}</updated>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

/** The sitemap protocol allows 50,000 URLs per file; beyond that, sitemap.xml becomes an index. */
export const SITEMAP_LIMIT = 50_000;

export interface SitemapFile {
  path: string;
  content: string;
}

export function sitemaps(site: SiteData): SitemapFile[] {
  const urlset = (urls: string[]) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
      .map((u) => `<url><loc>${escapeXml(site.baseUrl + u)}</loc></url>`)
      .join("\n")}\n</urlset>\n`;
  const urls = site.pageUrls;
  if (urls.length <= SITEMAP_LIMIT) return [{ path: "sitemap.xml", content: urlset(urls) }];
  const parts: SitemapFile[] = [];
  for (let i = 0; i < urls.length; i += SITEMAP_LIMIT) {
    parts.push({ path: `sitemap-${parts.length + 1}.xml`, content: urlset(urls.slice(i, i + SITEMAP_LIMIT)) });
  }
  const index = `<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${parts
    .map((p) => `<sitemap><loc>${escapeXml(`${site.baseUrl}/${p.path}`)}</loc></sitemap>`)
    .join("\n")}\n</sitemapindex>\n`;
  return [{ path: "sitemap.xml", content: index }, ...parts];
}

export function robotsTxt(site: SiteData): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${site.baseUrl}/sitemap.xml\n`;
}
