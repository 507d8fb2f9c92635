/**
 * How a reply is cited and catalogued: the GB/T 7714 reference the site prints, the RIS and
 * CSL-JSON records a reference manager imports, and the schema.org description search engines
 * and harvesters read. One description of the letter, several notations. Pure.
 */
import type { Letter } from "../model/letter.ts";
import { isGroupRole } from "../model/vocabulary.ts";
import { KIND_LABELS } from "../model/wording.ts";

type Cited = Pick<Letter, "id" | "issuer" | "docNumber" | "date" | "parts" | "recipients" | "kind" | "vocabulary">;

/**
 * GB/T 7714—2025 (in force since 2026-07-01), §8.12 档案, whose examples cite a letter online
 * as [A/OL] with the date it was written and where to find it, and no access date (§7.6 asks
 * for one only of web pages, datasets and preprints): 主要责任者. 题名：其他题名信息[A/OL].
 * 形成日期. 获取和访问路径. The 文号 is the title's other information (full-width colon, as the
 * standard's examples print it); a summary without one is cited by its heading alone, which
 * already names the suggestion it answers.
 */
export function gbtCitation(letter: Pick<Cited, "issuer" | "docNumber" | "date" | "parts">, absoluteUrl: string): string {
  const title = letter.docNumber ? `${letter.parts.heading}：${letter.docNumber}` : letter.parts.heading;
  return `${letter.issuer}. ${title}[A/OL]. ${letter.date}. ${absoluteUrl}.`;
}

/** 建议答复, 提案答复摘要: what kind of document it is, in reference managers' "genre" or "type". */
function genre(letter: Pick<Cited, "kind" | "vocabulary">): string {
  return `${letter.vocabulary.proposalType}${KIND_LABELS[letter.kind]}`;
}

/**
 * CSL-JSON (citation-style-language/schema csl-data.json): a letter is a
 * `personal_communication` (Zotero's "letter"; GB/T 7714 styles print it [A/OL]), by the
 * issuer to the deputies, members or bodies, numbered by its 文号. No publisher: the GB/T 7714
 * styles would cite it as a book.
 */
export function cslItem(letter: Cited, absoluteUrl: string) {
  const [year, month, day] = letter.date.split("-").map(Number);
  return {
    id: letter.id,
    type: "personal_communication",
    title: letter.parts.heading,
    ...(letter.docNumber ? { number: letter.docNumber } : {}),
    genre: genre(letter),
    author: [{ literal: letter.issuer }],
    recipient: letter.recipients.map((r) => ({ literal: r.name })),
    issued: { "date-parts": [[year, month, day]] },
    URL: absoluteUrl,
    language: "zh-CN",
  };
}

/**
 * RIS (the Research Information Systems tagged format): TY PCOMM, which Zotero imports as a
 * letter with A2 as its recipients and EndNote as personal communication; the 文号 in M1.
 * Lines end in CRLF, as the format's readers expect.
 */
export function risRecord(letter: Cited, absoluteUrl: string): string {
  const [year, month, day] = letter.date.split("-");
  const lines: [string, string][] = [
    ["TY", "PCOMM"],
    ["AU", letter.issuer],
    ...letter.recipients.map((r): [string, string] => ["A2", r.name]),
    ["TI", letter.parts.heading],
    ...(letter.docNumber ? [["M1", letter.docNumber] as [string, string]] : []),
    ["M3", genre(letter)],
    ["PY", year ?? ""],
    ["DA", `${year}/${month}/${day}/`],
    ["UR", absoluteUrl],
    ["LA", "zh-CN"],
    ["ID", letter.id],
  ];
  return `${lines.map(([tag, value]) => `${tag}  - ${value.replace(/\s+/g, " ")}`).join("\r\n")}\r\nER  - \r\n`;
}

/**
 * A download in the page itself (data: URL): a file per letter and format would add two files
 * per letter, 20,000 at 10,000 letters, over a static host's limit. Only what a URL cannot
 * hold is escaped; the Chinese text stays as it is (the browser encodes it), which keeps the
 * page small.
 */
export function dataUrl(mediaType: string, text: string): string {
  return `data:${mediaType};charset=utf-8,${text.replace(/[%#\s"'<>&\\^`{|}]/g, (c) => encodeURIComponent(c))}`;
}

export interface ArchiveInfo {
  /** The site's title and absolute base URL (no trailing slash). */
  title: string;
  baseUrl: string;
}

/**
 * schema.org JSON-LD: the reply is a Message sent by its issuer (a government organization) to
 * the deputies or members (people with their role) or bodies (organizations), about the
 * suggestion or proposal, part of the archive. `<` is escaped so the script element cannot end early.
 */
export function messageJsonLd(letter: Cited & Pick<Letter, "title" | "fullReference">, absoluteUrl: string, archive: ArchiveInfo): string {
  const data = {
    "@context": "https://schema.org",
    "@type": "Message",
    "@id": absoluteUrl,
    url: absoluteUrl,
    name: letter.parts.heading,
    ...(letter.docNumber ? { identifier: letter.docNumber } : {}),
    genre: genre(letter),
    inLanguage: "zh-CN",
    dateSent: letter.date,
    sender: { "@type": "GovernmentOrganization", name: letter.issuer },
    recipient: letter.recipients.map((r) =>
      isGroupRole(r.role) ? { "@type": "Organization", name: r.name } : { "@type": "Person", name: r.name, jobTitle: `${letter.vocabulary.name}${r.role}` }),
    about: { "@type": "CreativeWork", name: letter.title, identifier: letter.fullReference },
    isPartOf: { "@type": "Collection", name: archive.title, url: `${archive.baseUrl}/` },
  };
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
