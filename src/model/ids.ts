/**
 * ASCII ids and URL slugs. Eleventy's slugify drops Chinese entirely, so every id
 * is built from pinyin (names, agencies) or from the 文号 (letters).
 */
import { pinyin } from "pinyin-pro";
import { DOC_NUMBER } from "./letter.ts";

function initials(han: string): string {
  return pinyin(han, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" })
    .join("")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * The number a 文号 stands for, however it is printed: 教建议〔2022〕第317号 and
 * 教建议〔2022〕317号 are one number. Duplicate checks (import's clash check, validate's) compare these.
 */
export function docNumberKey(docNumber: string): string {
  return docNumber.replace(/〕第(?=\d+号$)/u, "〕");
}

/** 医保函〔2020〕135号 → ybh-2020-135: unique per issuing office, year and serial; a printed 第 does not count. */
export function letterId(docNumber: string): string {
  const match = DOC_NUMBER.exec(docNumber);
  if (!match?.groups) throw new Error(`not a document number: ${docNumber}`);
  const { code, year, serial } = match.groups as { code: string; year: string; serial: string };
  return `${initials(code)}-${year}-${serial}`;
}

/**
 * A summary has no 文号: its id comes from the issuer and the suggestion it answers, e.g.
 * 国家发展和改革委员会 on 十四届一次 第1234号建议 → gjfzhggwyh-zy-npc-14-1-1234 (zy: 摘要).
 */
export function summaryId(letter: { issuer: string; assembly: string; term: number; meeting: number; proposalNumber: string }): string {
  return `${initials(letter.issuer)}-zy-${letter.assembly}-${letter.term}-${letter.meeting}-${letter.proposalNumber}`;
}

/**
 * The id when letterId's initials are already another 文号's (财税函 and 财社函 both give csh):
 * the code's full pinyin, 财社函〔2023〕12号 → caishehan-2023-12. The importer writes it into the
 * letter's front matter, so it never changes afterwards.
 */
export function distinctLetterId(docNumber: string): string {
  const { code, year, serial } = DOC_NUMBER.exec(docNumber)!.groups as { code: string; year: string; serial: string };
  const full = pinyin(code, { toneType: "none", type: "array", nonZh: "consecutive", v: true }).join("").toLowerCase().replace(/[^a-z0-9]/g, "");
  return `${full}-${year}-${serial}`;
}

/** The id of any letter: the one its front matter gives, else from its 文号, else (a summary) from what it answers. */
export function idOfLetter(letter: Parameters<typeof summaryId>[0] & { docNumber?: string; id?: string }): string {
  return letter.id ?? (letter.docNumber ? letterId(letter.docNumber) : summaryId(letter));
}

/** Where a letter's file stands under letters/: <year of its date>/<id>.md. */
export function letterPath(letter: Parameters<typeof idOfLetter>[0] & { date: string }): string {
  return `${letter.date.slice(0, 4)}/${idOfLetter(letter)}.md`;
}

/** 医保函〔2020〕135号 of 2020 → /letters/2020/ybh-2020-135/ */
export function letterUrl(letter: { year: number; id: string }): string {
  return `/letters/${letter.year}/${letter.id}/`;
}

export function documentUrl(document: { year: number; id: string }): string {
  return `/documents/${document.year}/${document.id}/`;
}

/** The PDF editions' file names: the whole archive, one volume per year, and a year's 册 when it is split (compendium-2023-2.pdf). */
export function editionFileName(year?: number, part?: number): string {
  return year === undefined ? "compendium.pdf" : part === undefined ? `compendium-${year}.pdf` : `compendium-${year}-${part}.pdf`;
}

/** A volume's EPUB beside its PDF: compendium-2020.pdf → compendium-2020.epub. */
export function epubFileName(editionFile: string): string {
  return editionFile.replace(/\.pdf$/, ".epub");
}

/** An edition's catalogue records beside it: records/compendium-2020.marc.xml and records/compendium-2020.dc.xml. */
export function recordFiles(editionFile: string): { marc: string; dc: string } {
  const base = editionFile.replace(/\.pdf$/, "");
  return { marc: `records/${base}.marc.xml`, dc: `records/${base}.dc.xml` };
}

/** A related document's id: its date and the initials of its title, e.g. 2020-03-05-zgzygwy… */
export function documentId(title: string, date: string): string {
  return `${date}-${initials(title).slice(0, 16)}`;
}

/** 李素萍 → li-su-ping; 国家卫生健康委 → guo-jia-wei-sheng-jian-kang-wei. */
export function slug(text: string, options: { surname?: boolean } = {}): string {
  const syllables = pinyin(text, { toneType: "none", type: "array", nonZh: "consecutive", v: true, ...(options.surname ? { surname: "head" as const } : {}) });
  const result = syllables
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return result || "x";
}

/** A person's slug: the name's first character read as a surname, 曾庆 zeng-qing, 单璟国 shan-jing-guo (as the indexes file them). */
export function personSlug(name: string): string {
  return slug(name, { surname: true });
}

/**
 * Slugs for a set of names, unique even where two names share a pinyin
 * (王芳 and 汪芳 both read wang-fang): later ones in sorted order get -2, -3.
 */
export function uniqueSlugs(names: Iterable<string>, slugOf: (name: string) => string = slug): Map<string, string> {
  const sorted = [...new Set(names)].sort();
  const taken = new Map<string, number>();
  const result = new Map<string, string>();
  for (const name of sorted) {
    const base = slugOf(name);
    const count = (taken.get(base) ?? 0) + 1;
    taken.set(base, count);
    result.set(name, count === 1 ? base : `${base}-${count}`);
  }
  return result;
}
