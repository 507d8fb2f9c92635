/**
 * Texts that come to the importer but are not replies: a deputy's 议案 (a bill proposal), the
 * text of a suggestion or proposal itself, a news item about reply work, a list of titles. Each is named, so the archivist
 * knows what the file is, instead of a generic "no opening found". Pure.
 */

export interface Refusal {
  line: number;
  message: string;
}

const TITLE_LINES = 8;

export function notAReply(text: string): Refusal | undefined {
  const lines = text.split("\n");
  const head = lines.map((line, i) => ({ no: i + 1, text: line.replace(/\s+/gu, "") })).filter((l) => l.text).slice(0, TITLE_LINES);

  const bill = head.find((l) => /议案$|^议案/u.test(l.text) || /^案由[：:]/u.test(l.text));
  if (bill || /^\s*(?:案由|领衔(?:代表|人)|附议(?:代表|人)|议案人)[：:]/mu.test(text)) {
    const at = bill ?? { no: 1, text: head[0]?.text ?? "" };
    return { line: at.no, message: `this is a deputy's 议案 (a bill proposal: “${at.text.slice(0, 40)}”, with 案由/领衔代表/附议 lines), not a ministry's reply to a suggestion or proposal; Fuwen archives replies (…对…第N号建议的答复) and the documents they cite` };
  }
  const own = head.find((l) => /^关于.{2,60}的(?:建议|提案)$/u.test(l.text));
  if (own && !/答复|收悉/u.test(text)) {
    return { line: own.no, message: `this is the text of a suggestion or proposal itself (“${own.text}”), not the reply to it: import the ministry's reply (…的答复, with 您提出的…收悉)` };
  }
  const news = /记者|本报讯|通讯员|日电|新闻发布会/u.test(text) && head.find((l) => /(?:建议|提案).{0,4}(?:办理|答复)|办理.{0,6}(?:建议|提案)/u.test(l.text) && !/《/u.test(l.text));
  if (news) {
    return { line: news.no, message: `this is a news item about the handling of suggestions and proposals (“${news.text.slice(0, 40)}”), not a reply: import the replies themselves` };
  }
  const titles = lines.filter((line) => /(?:建议|提案)(?:的答复|答复的函|的复函)?\s*$/u.test(line) && /第\s*\d+\s*号|关于/u.test(line));
  if (titles.length >= 5 && !/收悉/u.test(text)) {
    return { line: lines.indexOf(titles[0]!) + 1, message: `this is a list of ${titles.length} titles (“${titles[0]!.trim().slice(0, 40)}” …), not a reply: import each reply's own text` };
  }
  return undefined;
}
