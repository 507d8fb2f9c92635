import { createHash } from "node:crypto";
/** Turns parsed letter files into validated, resolved letters and documents, with errors that name file, line and field. Pure. */
import { docNumberKey } from "./ids.ts";
import { DocumentData, LetterData, type Letter, type RelatedDocument } from "./letter.ts";
import { parseLetterFile } from "./letter-file.ts";
import { resolveDocument, resolveLetter } from "./resolve.ts";
import type { SessionCatalogue } from "./sessions.ts";
import { takesRole, vocabularyOf } from "./vocabulary.ts";

export interface Problem {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return `${where}: ${problem.field ? `${problem.field}: ` : ""}${problem.message}`;
}

export interface Archive {
  letters: Letter[];
  documents: RelatedDocument[];
  problems: Problem[];
}

/** True for files under letters/documents/ — related documents, not letters. */
export function isDocumentPath(file: string): boolean {
  return /(^|\/)documents\//.test(file);
}

/** One file's outcome before the checks across files: its problems, or its letter or document. */
export interface FileOutcome {
  problems: Problem[];
  letter?: Letter;
  document?: RelatedDocument;
}

/**
 * Outcomes of files validated before, by path, with the text they had, for one catalogue: a
 * process that reads letters/ after every edit (the dev server) validates the edited files
 * again, not 10,000.
 */
export type ValidationMemo = Map<string, { text: string; outcome: FileOutcome }>;

export function validateArchive(
  files: { file: string; text: string }[],
  catalogue: SessionCatalogue,
  memo?: ValidationMemo,
): Archive {
  const letters: Letter[] = [];
  const documents: RelatedDocument[] = [];
  const problems: Problem[] = [];

  for (const { file, text } of files) {
    const known = memo?.get(file);
    const outcome = known?.text === text ? known.outcome : validateFile(file, text, catalogue);
    memo?.set(file, { text, outcome });
    problems.push(...outcome.problems);
    if (outcome.letter) letters.push(outcome.letter);
    if (outcome.document) documents.push(outcome.document);
  }
  if (memo && memo.size > files.length) {
    const present = new Set(files.map((f) => f.file));
    for (const file of memo.keys()) if (!present.has(file)) memo.delete(file);
  }

  // 教建议〔2022〕第317号 and 教建议〔2022〕317号 are the same 文号 (docNumberKey).
  const numbered = letters.filter((l) => l.docNumber);
  const key = (l: Letter) => docNumberKey(l.docNumber ?? "");
  problems.push(...duplicates(numbered, key, "docNumber", "the same 文号", (l) => l.docNumber ?? ""));
  const distinctNumbers = [...new Map(letters.map((l) => [l.docNumber ? key(l) : l.id, l])).values()];
  problems.push(...duplicates(distinctNumbers, (l) => l.id, "docNumber", "the same id (their 文号, or for summaries their issuer and suggestion, read the same in pinyin; give one of them an id: line in its front matter, such as the 文号's full pinyin caishehan-2023-12)"));
  problems.push(...duplicates(documents, (d) => d.id, "title", "the same id (same date and title initials)"));
  return { letters, documents, problems };
}

function validateFile(file: string, text: string, catalogue: SessionCatalogue): FileOutcome {
  const parsed = parseLetterFile(text);
  if (parsed.errors.length) return { problems: parsed.errors.map((error) => ({ file, line: error.line, message: error.message })) };

  const schema = isDocumentPath(file) ? DocumentData : LetterData;
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => {
        const field = issue.path.join(".") || undefined;
        const top = String(issue.path[0] ?? "");
        const message = /received undefined/.test(issue.message) ? "is missing: add it to the front matter" : issue.message;
        return { file, line: parsed.lineOf(top), field, message };
      }),
    };
  }
  if (!parsed.body.trim()) {
    return { problems: [{ file, message: "the body is empty: the letter's text must follow the front matter" }] };
  }

  if (isDocumentPath(file)) {
    const data = result.data as DocumentData;
    return { problems: [], document: resolveDocument(data, { file, body: parsed.body }) };
  }

  const data = result.data as LetterData;
  const session = catalogue.find(data.session);
  if (!session) {
    return { problems: [{
      file, line: parsed.lineOf("session"), field: "session",
      message: catalogue.explainMissing(data.session)
        ? `“${data.session}” never existed: ${catalogue.explainMissing(data.session)}`
        : `“${data.session}” is not a session the catalogue (_data/sessions.json) can read; write it as 十三届全国人大三次会议 or 全国政协十三届五次会议`,
    }] };
  }
  if (session.assembly !== data.assembly || session.term !== data.term || session.meeting !== data.meeting) {
    return { problems: [{
      file, line: parsed.lineOf("session"), field: "session",
      message: `“${data.session}” is ${session.assembly} term ${session.term} meeting ${session.meeting}, but the file says ${data.assembly} term ${data.term} meeting ${data.meeting}`,
    }] };
  }
  const { role: roleWanted, groupRole, proposalType: typeWanted } = vocabularyOf(data.assembly);
  if (data.proposalType !== typeWanted) {
    return { problems: [{ file, line: parsed.lineOf("proposalType"), field: "proposalType", message: `a ${data.assembly} session has ${typeWanted}, not ${data.proposalType}` }] };
  }
  if (data.recipients.some((r) => !takesRole(data.assembly, r.role))) {
    return { problems: [{ file, line: parsed.lineOf("recipients"), field: "recipients", message: `recipients of a ${typeWanted} are ${roleWanted} or ${groupRole}` }] };
  }
  return { problems: [], letter: resolveLetter(data, { file, body: parsed.body, fileSha256: createHash("sha256").update(text).digest("hex") }, session, catalogue.order(session)) };
}

function duplicates<T extends { file: string }>(items: T[], keyOf: (item: T) => string, field: string, what: string, shown?: (item: T) => string): Problem[] {
  const seen = new Map<string, T>();
  const problems: Problem[] = [];
  for (const item of items) {
    const first = seen.get(keyOf(item));
    const label = shown && first && shown(first) !== shown(item) ? `${shown(item)} and ${shown(first)}` : keyOf(item);
    if (first) problems.push({ file: item.file, field, message: `${what} as ${first.file} (${label}); keep one` });
    else seen.set(keyOf(item), item);
  }
  return problems;
}
