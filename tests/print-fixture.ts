/**
 * A small archive for the PDF tests: the project's real letters and catalogue, plus a few
 * letters written here to reach what the seeds do not (two signatories, no consultation,
 * no category, a letter long enough to end on an even page), in a temporary directory.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serializeLetterFile } from "../src/model/letter-file.ts";
import { PROJECT_ROOT } from "./helpers/fixture-archive.ts";

const PARAGRAPHS = [
  "近年来，国家医保局会同有关部门持续完善医疗保障制度，推进基本医疗保险、大病保险和医疗救助三重制度综合保障，参保群众医疗费用负担进一步减轻。",
  "关于您提出的加强基层医疗保障经办服务的建议，我们将指导各地推进医保服务下沉，依托乡镇（街道）、村（社区）综合服务平台，方便群众就近办理参保登记、异地就医备案等高频事项。",
  "下一步，我们将认真研究吸收您的意见，会同相关部门加强政策协同，进一步健全多层次医疗保障体系，不断提升人民群众的获得感、幸福感、安全感。",
];

/** Sentences that must come out of the PDF intact. */
export const SENTINELS = {
  long: "本件答复用于检验长篇排版，第十二节之后另起一页时页眉页脚应当保持正确。",
  short: "本件提案答复篇幅较短，用于检验单页答复之后插入空白页的情形。",
};

function body(sections: number, paragraphsPerSection: number, sentinel: string): string {
  const numerals = "一二三四五六七八九十";
  const parts = ["您提出的建议收悉，现答复如下："];
  for (let s = 0; s < sections; s++) {
    parts.push(`## ${numerals[s % 10]}、关于第${s + 1}方面的问题`);
    for (let p = 0; p < paragraphsPerSection; p++) parts.push(PARAGRAPHS[(s + p) % PARAGRAPHS.length] as string);
  }
  parts.push(sentinel);
  parts.push("感谢您对医疗保障工作的关心和支持。");
  return parts.join("\n\n");
}

export function makePrintArchive(): string {
  const root = mkdtempSync(join(tmpdir(), "fuwen-print-test-"));
  cpSync(join(PROJECT_ROOT, "_data"), join(root, "_data"), { recursive: true });
  cpSync(join(PROJECT_ROOT, "letters"), join(root, "letters"), { recursive: true });
  const write = (file: string, data: Record<string, unknown>, text: string): void => {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), serializeLetterFile(data, text));
  };
  write(
    "letters/2020/ybh-2020-901.md",
    {
      docNumber: "医保函〔2020〕901号", issuer: "国家医疗保障局", assembly: "npc", term: 13, meeting: 3,
      session: "十三届全国人大三次会议", proposalType: "建议", proposalNumber: "3088",
      recipients: [{ name: "阿不都", role: "代表" }, { name: "周建华", role: "代表" }],
      title: "关于进一步完善基层医疗保障经办服务体系建设的建议", consulted: ["国家卫生健康委", "财政部"],
      date: "2020-09-01", disclosure: "主动公开",
      source: { file: "fixture-901.txt", sha256: "1".repeat(64) },
    },
    body(12, 3, SENTINELS.long),
  );
  write(
    "letters/2020/ybh-2020-902.md",
    {
      docNumber: "医保函〔2020〕902号", issuer: "国家医疗保障局", assembly: "cppcc", term: 13, meeting: 3,
      session: "全国政协十三届三次会议", proposalType: "提案", proposalNumber: "00456",
      recipients: [{ name: "周建华", role: "委员" }], title: "关于加强医保基金监管的提案", consulted: [],
      date: "2020-08-15", source: { file: "fixture-902.txt", sha256: "2".repeat(64) },
    },
    body(1, 1, SENTINELS.short),
  );
  return root;
}

/** A fontconfig that sees only DejaVu and Liberation: if the npm font were not used, CJK would be missing. */
export function fontconfigWithoutCjk(dir: string): string {
  const file = join(dir, "fonts.conf");
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <dir>/usr/share/fonts/truetype/liberation</dir>
  <cachedir>${join(dir, "fontconfig-cache")}</cachedir>
</fontconfig>
`,
  );
  return file;
}
