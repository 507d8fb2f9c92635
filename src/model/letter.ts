/**
 * The one schema of Fuwen's content. Import writes it, `check` validates it,
 * the site and the PDF edition read it. Field names are fixed: other tools rely on them.
 */
import { z } from "zod";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((value) => {
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, "is not a calendar date");

export const Recipient = z.object({
  name: z.string().min(1),
  role: z.enum(["代表", "委员"]),
});

export const Source = z.object({
  file: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits"),
});

/** 文号 such as 医保函〔2020〕135号: brackets always 〔〕. */
export const DOC_NUMBER = /^(?<code>[\p{Script=Han}A-Za-z]{1,12})〔(?<year>\d{4})〕(?<serial>\d{1,6})号$/u;

export const LetterData = z
  .object({
    docNumber: z.string().regex(DOC_NUMBER, "must look like 医保函〔2020〕135号"),
    issuer: z.string().min(2),
    assembly: z.enum(["npc", "cppcc"]),
    term: z.number().int().min(1),
    meeting: z.number().int().min(1),
    session: z.string().min(1),
    proposalType: z.enum(["建议", "提案"]),
    proposalNumber: z.string().regex(/^\d{1,6}$/, "must be digits, quoted as a string"),
    category: z.string().min(1).optional(),
    recipients: z.array(Recipient).min(1),
    title: z.string().min(2),
    consulted: z.array(z.string().min(1)),
    date: isoDate,
    disclosure: z.string().min(1).optional(),
    source: Source,
  })
  .strict();

export type LetterData = z.infer<typeof LetterData>;
export type Recipient = z.infer<typeof Recipient>;

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

/** A letter as the site and the PDF see it: metadata, Markdown body and a stable ASCII id. */
export interface Letter extends LetterData {
  id: string;
  year: number;
  body: string;
  /** Path of the letter file, relative to the archive root (e.g. letters/2020/ybh-2020-135.md). */
  file: string;
}

export interface RelatedDocument extends DocumentData {
  id: string;
  year: number;
  body: string;
  file: string;
}
