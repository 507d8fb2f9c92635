/**
 * Resolves validated front matter into the one letter value every output reads (see
 * `Letter` in letter.ts): session, vocabulary, id and URL, sort keys, printed parts.
 * Pure.
 */
import { formatChineseDate } from "./dates.ts";
import { documentId, documentUrl, idOfLetter, letterUrl } from "./ids.ts";
import type { DocumentData, Letter, LetterData, RelatedDocument } from "./letter.ts";
import type { Session } from "./sessions.ts";
import { replyTitle, salutation, shortReference } from "./titles.ts";
import { vocabularyOf } from "./vocabulary.ts";

export interface LetterSource {
  file: string;
  body: string;
  /** SHA-256 of the letter file's text (UTF-8). */
  fileSha256: string;
}

export function resolveLetter(data: LetterData, source: LetterSource, session: Session, sessionOrder: number): Letter {
  const id = idOfLetter(data);
  const year = Number(data.date.slice(0, 4));
  const reference = shortReference(data);
  return {
    ...data,
    kind: data.kind ?? "reply",
    id,
    year,
    body: source.body,
    file: source.file,
    fileSha256: source.fileSha256,
    url: letterUrl({ year, id }),
    sessionEntry: session,
    vocabulary: vocabularyOf(data.assembly),
    dateText: formatChineseDate(data.date),
    shortReference: reference,
    fullReference: `${session.name}${reference}`,
    sortKey: { session: sessionOrder, number: Number(data.proposalNumber) },
    parts: {
      heading: replyTitle(data),
      docNumber: data.docNumber ?? "",
      salutation: salutation(data),
      body: source.body,
      // A summary prints no signature or date of its own: they are the archive's, in its details.
      signature: data.kind === "summary" ? "" : data.issuer,
      date: data.kind === "summary" ? "" : formatChineseDate(data.date),
      notes: [...(data.disclosure ? [`（${data.disclosure}）`] : []), ...(data.cc ? [`抄送：${data.cc.join("，")}`] : [])],
    },
  };
}

const TRUNCATION = {
  before: "本档案所据原文不完整：以下为节录，原文在末尾处中断，缺失部分未予补全。",
  after: "（原文至此中断）",
};

export function resolveDocument(data: DocumentData, source: Pick<LetterSource, "file" | "body">): RelatedDocument {
  const id = documentId(data.title, data.date);
  const year = Number(data.date.slice(0, 4));
  const dateText = formatChineseDate(data.date);
  return {
    ...data, id, year, body: source.body, file: source.file, url: documentUrl({ year, id }), dateText,
    byline: `${data.publisher} · ${dateText}`,
    ...(data.truncated ? { truncation: TRUNCATION } : {}),
  };
}
