/**
 * Related documents: texts a letter cites that are not letters (a policy opinion as a
 * news agency carried it). Web-page junk around them is removed and a cut-off end is
 * flagged; what the text cannot tell (often the year) comes from a sidecar file. Pure.
 */
import { DocumentData } from "../model/letter.ts";
import { applyOverrides, audited, buildBody, type ImportInput, type ImportOutcome, type PreparedText } from "./body.ts";
import { CHINESE_DATE, isoDateOf } from "./closing.ts";
import { endsSentence, type SourceLine } from "./paragraphs.ts";

const POLICY_TITLE = /《(?<title>[^《》]{4,80}?(?:意见|通知|决定|办法|规定|方案|条例|纲要|规划|细则|规则|公告|指南|法))》/u;
const PUNCTUATED = /[，。；：、！？,.;:!?]/u;

/** prepared.text has its folios removed already; input.text is the text as decoded, for the audit. */
export function importDocument(input: ImportInput, prepared: PreparedText): ImportOutcome {
  const changes = [...prepared.changes];
  const review: string[] = [];
  const all: SourceLine[] = prepared.text.split("\n").map((text, i) => ({ no: i + 1, text }));
  const filled = all.filter((line) => line.text.trim());

  const lead = filled.find((line) => PUNCTUATED.test(line.text));
  const title = lead && POLICY_TITLE.exec(lead.text)?.groups?.title;
  const overrideTitle = typeof input.overrides?.title === "string" ? input.overrides.title : undefined;
  if (!lead || !(title ?? overrideTitle)) {
    return {
      kind: "error",
      line: 1,
      message: "not a reply letter: no opening (您提出的…收悉), 文号 or salutation found; and not a related document either (no 《…意见/通知/办法…》 in its first paragraph). Check that this is the right file",
    };
  }

  // Web-page furniture: short unpunctuated lines before the first paragraph and after the last one.
  const lastPunctuated = [...filled].reverse().find((line) => PUNCTUATED.test(line.text))!;
  const junk = filled.filter((line) => (line.no < lead.no || line.no > lastPunctuated.no) && [...line.text.trim()].length <= 40);
  for (const line of junk) {
    const where = line.no < lead.no ? "headline fragment before the text" : "web-page footer after the text";
    changes.push({ kind: "junk", line: line.no, note: `removed ${where}: “${line.text.trim()}”`, removed: line.text });
  }
  const junkLines = new Set(junk.map((line) => line.no));
  const kept = all.filter((line) => !junkLines.has(line.no) && (line.no >= lead.no || !line.text.trim()));
  const leftovers = filled.filter((line) => line.no < lead.no && !junkLines.has(line.no));
  if (leftovers.length) review.push(`lines ${leftovers.map((l) => l.no).join(", ")} before the text were kept out of the body: “${leftovers.map((l) => l.text.trim()).join(" ")}”`);
  for (const line of leftovers) changes.push({ kind: "junk", line: line.no, note: `removed line before the text: “${line.text.trim()}”`, removed: line.text });

  const { paragraphs, body } = buildBody(kept, lead.no, changes);

  const lastParagraph = paragraphs.at(-1)!;
  const truncated = !endsSentence(lastParagraph.text);
  if (truncated) changes.push({ kind: "junk", line: lastParagraph.lastLine, note: `the text breaks off mid-sentence (“…${lastParagraph.text.slice(-12)}”): marked truncated` });

  const fullTitle = overrideTitle ?? title!;
  const publisher = /^(?<who>.+?)关于/u.exec(fullTitle)?.groups?.who?.trim() ?? /^(?<agency>\S{2,8}?社)/u.exec(lead.text.trim())?.groups?.agency;
  const fullDate = new RegExp(CHINESE_DATE.source, "u").exec(lead.text);
  const dateline = /(?<month>\d{1,2})月(?<day>\d{1,2})日电/u.exec(lead.text);
  const datelineDay = dateline ? `${dateline.groups!.month!.padStart(2, "0")}-${dateline.groups!.day!.padStart(2, "0")}` : undefined;
  const data: Record<string, unknown> = {
    title: fullTitle,
    publisher,
    date: fullDate ? isoDateOf(fullDate) : undefined,
    truncated,
    source: input.source,
  };
  const { title: _ignored, ...overrides } = input.overrides ?? {};
  applyOverrides(data, overrides, changes);

  if (data.date === undefined) {
    const given = dateline ? `only “${dateline.groups!.month}月${dateline.groups!.day}日” (line ${lead.no})` : "no date";
    const example = datelineDay ? `YYYY-${datelineDay}` : "YYYY-MM-DD";
    return {
      kind: "error",
      line: lead.no,
      message: `related document “${fullTitle}”: the text gives ${given} and no year. Write \`date: ${example}\` in the sidecar file ${input.source.file}.meta.yaml (next to the raw file, or in --meta DIR) and import again`,
    };
  }
  if (dateline && typeof data.date === "string" && !data.date.endsWith(`-${datelineDay}`)) {
    review.push(`the sidecar date ${data.date} differs from the dateline “${dateline[0]}” (line ${lead.no})`);
  }
  if (!publisher && data.publisher === undefined) {
    return { kind: "error", line: lead.no, message: `related document “${fullTitle}”: no publisher in the title (…关于…); give \`publisher:\` in the sidecar file ${input.source.file}.meta.yaml` };
  }

  const parsed = DocumentData.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: "error", message: `${issue.path.join(".")}: ${issue.message}` };
  }
  return audited(input.text, { kind: "document", data: parsed.data, body, changes, review });
}
