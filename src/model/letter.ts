/**
 * The one schema of Fuwen's content. Import writes it, `check` validates it,
 * the site and the PDF edition read it. Field names are fixed: other tools rely on them.
 */
import { z } from "zod";
import type { Session } from "./sessions.ts";
import { ASSEMBLIES, type AssemblyVocabulary } from "./vocabulary.ts";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((value) => {
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, "is not a calendar date");

/**
 * Who made the suggestion or proposal: a deputy (代表) or member (委员) by name, or a body
 * by its full name: an NPC delegation (河北代表团, role 代表团) or, for a CPPCC 集体提案, a
 * participating party, people's organization, 界别 or special committee (role 党派团体).
 */
export const Recipient = z
  .object({
    name: z.string().min(1),
    role: z.enum([ASSEMBLIES.npc.role, ASSEMBLIES.cppcc.role, ASSEMBLIES.npc.groupRole, ASSEMBLIES.cppcc.groupRole]),
  })
  .strict();

/** The 版记's 联系人/联系电话/联系单位 line; the site publishes the phone only if its settings say so. */
export const Contact = z
  .object({
    name: z.string().min(1).optional(),
    phone: z.string().min(1).optional(),
    unit: z.string().min(1).optional(),
  })
  .strict();

/** Provenance: the raw file's name and sha256; its format unless plain text; a PDF's pages. */
export const Source = z
  .object({
    file: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits"),
    format: z.enum(["html", "docx", "pdf"]).optional(),
    pages: z.object({ first: z.number().int().min(1), last: z.number().int().min(1) }).strict().optional(),
  })
  .strict();

/**
 * 文号 such as 医保函〔2020〕135号: brackets always 〔〕. Written as printed, so a 第 some
 * ministries print before the serial stays (教建议〔2022〕第317号); docNumberKey in ids.ts
 * makes both forms the same number.
 */
export const DOC_NUMBER = /^(?<code>[\p{Script=Han}A-Za-z]{1,12})〔(?<year>\d{4})〕第?(?<serial>\d{1,6})号$/u;

/** A full reply, or a published 答复摘要 (summary), which may lack 文号, salutation and signature. */
export const LETTER_KINDS = ["reply", "summary"] as const;

export const LetterData = z
  .object({
    kind: z.enum(LETTER_KINDS).optional(),
    docNumber: z.string().regex(DOC_NUMBER, "must look like 医保函〔2020〕135号").optional(),
    /** Only when the id from the 文号's initials belongs to another 文号 (财税函 and 财社函 are both csh): see distinctLetterId. */
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase ASCII letters, digits and hyphens").optional(),
    issuer: z.string().min(2),
    assembly: z.enum(["npc", "cppcc"]),
    term: z.number().int().min(1),
    meeting: z.number().int().min(1),
    session: z.string().min(1),
    proposalType: z.enum([ASSEMBLIES.npc.proposalType, ASSEMBLIES.cppcc.proposalType]),
    proposalNumber: z.string().regex(/^\d{1,6}$/, "must be digits, quoted as a string"),
    category: z.string().min(1).optional(),
    recipients: z.array(Recipient),
    title: z.string().min(2),
    consulted: z.array(z.string().min(1)),
    date: isoDate,
    disclosure: z.string().min(1).optional(),
    cc: z.array(z.string().min(1)).min(1).optional(),
    contact: Contact.optional(),
    source: Source,
  })
  .strict()
  .superRefine((data, context) => {
    if (data.kind === "summary") return;
    if (!data.docNumber) context.addIssue({ code: "custom", path: ["docNumber"], message: "is missing: a reply has a 文号 (only a summary, kind: summary, may lack one)" });
    if (!data.recipients.length) context.addIssue({ code: "custom", path: ["recipients"], message: "is empty: a reply names whom it answers (only a summary may not)" });
  });

export type LetterData = z.infer<typeof LetterData>;
export type Recipient = z.infer<typeof Recipient>;
export type Contact = z.infer<typeof Contact>;

/** A text a letter cites that is not itself a letter (a policy opinion, a news release). */
export const DocumentData = z
  .object({
    title: z.string().min(2),
    publisher: z.string().min(1),
    date: isoDate,
    truncated: z.boolean(),
    source: Source,
  })
  .strict();

export type DocumentData = z.infer<typeof DocumentData>;

/**
 * The parts of a reply in reading order, as every output prints them: the heading and 文号,
 * the salutation, the Markdown body, the signature and date, and notes such as （主动公开）.
 * A summary has no 文号, salutation, signature or date of its own: those parts are empty.
 */
export interface LetterParts {
  heading: string;
  /** Empty for a summary without one. */
  docNumber: string;
  salutation: string;
  body: string;
  signature: string;
  date: string;
  notes: string[];
}

/**
 * A letter resolved once, when letters/ is read: its data, its catalogue session and
 * vocabulary, its ASCII id and URL, its sort keys and its printed parts (names are filed
 * under their initials by order.ts). The site, the search
 * index and the print edition read this value and derive none of it again.
 */
export interface Letter extends LetterData {
  kind: (typeof LETTER_KINDS)[number];
  /** ASCII id from the 文号, e.g. ybh-2020-135 (a summary's: see summaryId in ids.ts). */
  id: string;
  year: number;
  /** The Markdown body (the same text as parts.body). */
  body: string;
  /** Path of the letter file, relative to the archive root (e.g. letters/2020/ybh-2020-135.md). */
  file: string;
  /** SHA-256 of the letter file as read (what `sha256sum` prints for it). */
  fileSha256: string;
  /** Root-relative page URL, e.g. /letters/2020/ybh-2020-135/. */
  url: string;
  /** The catalogue's entry for `session`. */
  sessionEntry: Session;
  vocabulary: AssemblyVocabulary;
  /** 2020年10月27日 */
  dateText: string;
  /** 第2152号建议 */
  shortReference: string;
  /** 十三届全国人大三次会议第2152号建议 */
  fullReference: string;
  /** Sort keys: the session's position in the catalogue, the proposal number as a number. */
  sortKey: { session: number; number: number };
  parts: LetterParts;
}

export interface RelatedDocument extends DocumentData {
  id: string;
  year: number;
  body: string;
  file: string;
  /** Root-relative page URL, e.g. /documents/2020/2020-03-05-…/. */
  url: string;
  /** 2020年3月5日 */
  dateText: string;
  /** The line under the title: 中共中央 国务院 · 2020年3月5日 */
  byline: string;
  /** What the archive says of a truncated text, before it and where it breaks off. */
  truncation?: { before: string; after: string };
}
