/**
 * Realistic variants of a reply letter, made from its normalized form: the text as a PDF
 * copy gives it (28-character lines, 　　 paragraph indents, folio lines between pages,
 * the official multi-line header) and as a saved web page.
 */
import { formatChineseDate } from "../../src/model/dates.ts";
import type { LetterData } from "../../src/model/letter.ts";

const FOLIO_SHAPES = [(n: number) => `—${n}—`, (n: number) => `- ${n} -`, (n: number) => `— ${n} —`, (n: number) => `一${n}一`];

function paragraphsOf(body: string): string[] {
  return body.split(/\n\n+/).map((p) => p.replace(/^## /, ""));
}

/** The official header: issuer / 对…会议 or 关于…会议 / 第N号建议的答复 or 第N号（类别）提案答复的函 / 文号 / salutation. */
export function officialHeader(letter: LetterData, sessionWording: string): string[] {
  const salutation = `${letter.recipients.map((r) => r.name).join("、")}${letter.recipients[0]!.role}：`;
  if (letter.proposalType === "建议") {
    return [letter.issuer, `对${sessionWording}`, `第${letter.proposalNumber}号建议的答复`, "", letter.docNumber!, "", salutation];
  }
  const category = letter.category ? `（${letter.category}）` : "";
  return [letter.issuer, `关于${sessionWording}`, `第${letter.proposalNumber}号${category}提案答复的函`, "", letter.docNumber!, "", salutation];
}

/** A PDF copy: wrapped at `width` characters, paragraphs indented with 　　, a folio line every `pageLines` lines. */
export function pdfPaste(letter: LetterData, body: string, sessionWording: string, width = 28, pageLines = 24): string {
  const lines: string[] = officialHeader(letter, sessionWording).map((line) => (line ? `        ${line}` : line));
  for (const paragraph of paragraphsOf(body)) {
    const chars = [..."　　" + paragraph];
    for (let i = 0; i < chars.length; i += width) lines.push(chars.slice(i, i + width).join(""));
  }
  lines.push("", `                    ${letter.issuer}`, `                  ${formatChineseDate(letter.date)}`);
  if (letter.disclosure) lines.push(`（${letter.disclosure}）`);

  const paged: string[] = [];
  let page = 1;
  lines.forEach((line, i) => {
    paged.push(line);
    if ((i + 1) % pageLines === 0 && i + 1 < lines.length) {
      page += 1;
      paged.push("", FOLIO_SHAPES[page % FOLIO_SHAPES.length]!(page), "");
    }
  });
  return paged.join("\n") + "\n";
}

/** A saved web page: one <p> a paragraph, with the scripts, entities and chrome a page carries. */
export function savedWebPage(letter: LetterData, body: string, sessionWording: string): string {
  const header = officialHeader(letter, sessionWording).filter(Boolean);
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const paragraphs = [...header, ...paragraphsOf(body), letter.issuer, formatChineseDate(letter.date)];
  return [
    "<!DOCTYPE html>",
    '<html lang="zh-CN"><head><meta charset="utf-8"><title>建议提案答复</title>',
    "<script>var _hmt = _hmt || []; window.track('建议');</script><style>p{text-indent:2em}</style></head>",
    "<body><div class=\"nav\">首页 &gt; 建议提案</div>",
    '<div class="article">',
    ...paragraphs.map((p) => `<p>&nbsp;&nbsp;${escape(p)}</p>`),
    "</div></body></html>",
  ].join("\n");
}
