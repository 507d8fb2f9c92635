/**
 * The forms of the genre beyond the seeds, one raw reply each in examples/genre/ (original
 * wording, fictional names): joint deputies, a delegation, parties and organizations, summaries
 * with a sidecar, glued closings, Chinese-numeral dates, 版记 lines, OCR headers and running
 * heads, issuers from the 版头, the signature or the 文号 code; and the files to refuse.
 * Every expected value below is written by hand from the raw text.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadAgencies, loadCatalogue } from "../src/archive.ts";
import { importFile, type FileReport } from "../src/import/files.ts";
import { importText } from "../src/import/text.ts";
import { formatReport } from "../src/import/report.ts";
import { parseLetterFile } from "../src/model/letter-file.ts";
import { validateArchive } from "../src/model/validate.ts";
import { PROJECT_ROOT } from "./helpers/fixture-archive.ts";

const catalogue = loadCatalogue(PROJECT_ROOT);
const agencies = loadAgencies(PROJECT_ROOT);
const genre = join(PROJECT_ROOT, "examples", "genre");
const work = mkdtempSync(join(tmpdir(), "fuwen-forms-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(name: string): Promise<{ report: FileReport; data: Record<string, unknown>; body: string }> {
  const out = join(work, name);
  const report = (await importFile(join(genre, name), { outDir: out, catalogue, agencies }))[0]!;
  if (report.status !== "written") return { report, data: {}, body: "" };
  const parsed = parseLetterFile(readFileSync(report.target!, "utf8"));
  const { source: _source, ...data } = parsed.data as Record<string, unknown>;
  return { report, data, body: parsed.body };
}

const paragraphs = (body: string) => body.trim().split(/\n\n/u);

describe("proposers of every kind", () => {
  it("three deputies of one joint suggestion (你们提出的…), with 版记: 抄送, contact, 此件公开发布", async () => {
    const { report, data, body } = await run("joint.txt");
    expect(report.status, report.error).toBe("written");
    expect(data).toEqual({
      docNumber: "农办议〔2024〕217号", issuer: "农业农村部", assembly: "npc", term: 14, meeting: 2, session: "十四届全国人大二次会议",
      proposalType: "建议", proposalNumber: "3021",
      recipients: [{ name: "郑光辉", role: "代表" }, { name: "韦丽娟", role: "代表" }, { name: "马德才", role: "代表" }],
      title: "关于加强高标准农田建后管护的建议", consulted: ["财政部", "水利部"], date: "2024-07-05", disclosure: "公开发布",
      cc: ["全国人大常委会办公厅联络局", "国务院办公厅督查室"], contact: { name: "孙晓峰", phone: "010-59190000", unit: "农田建设管理司" },
    });
    expect(paragraphs(body)[0]).toBe("你们提出的《关于加强高标准农田建后管护的建议》收悉。经商财政部、水利部，现答复如下：");
    expect(paragraphs(body).at(-1)).toBe("感谢你们对农业农村工作的关心和支持。");
    expect(body).not.toMatch(/抄送|联系|公开发布|农业农村部\n/u);
    expect(report.review).toEqual([]);
  });

  it("a delegation's suggestion (…会议贵州代表团第12号建议), 此复。 as the last body line, signature and date on one line", async () => {
    const { report, data, body } = await run("delegation.txt");
    expect(report.status, report.error).toBe("written");
    expect(data).toMatchObject({
      docNumber: "交建议〔2023〕58号", issuer: "交通运输部", session: "十四届全国人大一次会议", proposalNumber: "12",
      recipients: [{ name: "贵州代表团", role: "代表团" }], title: "关于支持西部陆海新通道建设的建议",
      consulted: ["国家发展改革委", "国家铁路局"], date: "2023-06-28",
    });
    expect(paragraphs(body).at(-1)).toBe("下一步，我们将会同有关方面优化铁海联运组织，提升通道物流效率。此复。");
  });

  it("a party's 集体提案 (贵会提出的…), issuer from the 版头 中华人民共和国生态环境部, a date in Chinese numerals flagged", async () => {
    const { report, data, body } = await run("party.txt");
    expect(report.status, report.error).toBe("written");
    expect(data).toEqual({
      docNumber: "环提复〔2023〕77号", issuer: "生态环境部", assembly: "cppcc", term: 14, meeting: 1, session: "全国政协十四届一次会议",
      proposalType: "提案", proposalNumber: "00456", category: "资源环境类031号",
      recipients: [{ name: "中国民主同盟中央委员会", role: "党派团体" }], title: "关于健全生态保护补偿机制的提案",
      consulted: ["财政部", "国家林草局"], date: "2023-08-15",
    });
    expect(paragraphs(body).at(-1)).toBe("衷心感谢贵会对生态环境保护工作的关心和支持。");
    expect(report.changes.map((c) => c.note)).toContain("issuer 生态环境部 from the 版头 line above the title");
    expect(report.review).toEqual(["date read from Chinese numerals: 二〇二三年八月十五日 → 2023-08-15"]);
  });

  it("致公党中央 (贵党提出的…), the disclosure note glued to the courtesy line", async () => {
    const { report, data, body } = await run("zhigong.txt");
    expect(report.status, report.error).toBe("written");
    expect(data).toMatchObject({ issuer: "商务部", recipients: [{ name: "致公党中央", role: "党派团体" }], disclosure: "主动公开", proposalNumber: "01872", category: "经济发展类112号" });
    expect(paragraphs(body).at(-1)).toBe("感谢贵党对商务工作的关心和支持。");
    expect(report.review).toEqual([]);
  });

  it("全国工商联 (贵单位提出的…), the issuer's short form in the 版头 made canonical, the 印发 line of the 版记 not taken as the date", async () => {
    const { report, data } = await run("federation.txt");
    expect(report.status, report.error).toBe("written");
    expect(data).toMatchObject({
      docNumber: "国市监提〔2023〕29号", issuer: "国家市场监督管理总局", recipients: [{ name: "全国工商联", role: "党派团体" }],
      consulted: ["国家税务总局", "人力资源社会保障部"], date: "2023-07-12", disclosure: "主动公开",
    });
    expect(report.changes.map((c) => c.note)).toContain("issuer 国家市场监督管理总局 from the 版头 line above the title (printed 市场监管总局)");
  });
});

describe("summaries (答复摘要)", () => {
  it("no 文号, salutation, signature or date: issuer and date from the sidecar, an id from issuer and suggestion", async () => {
    const { report, data, body } = await run("summary.txt");
    expect(report.status, report.error).toBe("written");
    expect(report.target).toBe(join(work, "summary.txt", "2023", "gjwsjkwyh-zy-npc-14-1-4410.md"));
    expect(data).toEqual({
      kind: "summary", issuer: "国家卫生健康委员会", assembly: "npc", term: 14, meeting: 1, session: "十四届全国人大一次会议",
      proposalType: "建议", proposalNumber: "4410", recipients: [], title: "关于完善县域医疗卫生服务体系的建议", consulted: [], date: "2023-07-10",
    });
    expect(paragraphs(body)).toHaveLength(2);
    expect(report.changes.filter((c) => c.kind === "sidecar").map((c) => c.note)).toEqual(['issuer from the sidecar file: "国家卫生健康委员会"', 'date from the sidecar file: "2023-07-10"']);
  });

  it("the proposers named in the summary's first sentence (温立群、包雅琴代表提出的…)", async () => {
    const { report, data, body } = await run("summary-named.txt");
    expect(report.status, report.error).toBe("written");
    expect(data).toMatchObject({
      kind: "summary", issuer: "国家邮政局", proposalNumber: "1288", session: "十四届全国人大二次会议",
      recipients: [{ name: "温立群", role: "代表" }, { name: "包雅琴", role: "代表" }], title: "关于加快农村寄递物流体系建设的建议", date: "2024-06-14",
    });
    expect(data.docNumber).toBeUndefined();
    expect(paragraphs(body)[0]).toBe("温立群、包雅琴代表提出的关于加快农村寄递物流体系建设的建议收悉。现将答复摘要如下：");
  });
});

describe("closings, OCR and page furniture", () => {
  it("courtesy line, signature and date glued on one line", async () => {
    const { report, data, body } = await run("glued.txt");
    expect(report.status, report.error).toBe("written");
    expect(data).toMatchObject({ docNumber: "财预函〔2022〕88号", issuer: "财政部", date: "2022-06-30", recipients: [{ name: "何文静", role: "代表" }] });
    expect(paragraphs(body).at(-1)).toBe("中央财政持续加大对地方转移支付力度，县级基本财力保障机制不断完善。我们将继续推动财力下沉，支持基层保工资、保运转、保基本民生。感谢您对财政工作的关心和支持。");
  });

  it("OCR: spaced 版头, salutation and signature, full-width digits, round brackets, a spaced date, a portal running head inside two paragraphs", async () => {
    const { report, data, body } = await run("ocr.txt");
    expect(report.status, report.error).toBe("written");
    expect(data).toMatchObject({
      docNumber: "发改办函〔2023〕312号", issuer: "国家发展和改革委员会", proposalNumber: "2154", recipients: [{ name: "杜明远", role: "代表" }],
      consulted: ["市场监管总局", "税务总局"], date: "2023-07-26",
    });
    expect(paragraphs(body)[2]).toBe("我委会同有关部门持续清理妨碍统一市场和公平竞争的政策措施，推动建立健全公平竞争审查制度。");
    expect(paragraphs(body)[4]).toBe("下一步，我们将加快推进要素市场化配置改革，完善统一的要素和资源市场。");
    expect(body).not.toMatch(/网站|www/u);
    expect(report.changes.find((c) => c.kind === "running-head")?.note).toBe("removed running head or foot “国家发展和改革委员会门户网站 www.ndrc.gov.cn” on 2 lines (14, 20)");
    expect(report.review).toEqual(["2 lines (14, 20): “国家发展和改革委员会门户网站 www.ndrc.gov.cn” removed as a running head or foot (it recurs on 2 lines); check that it is not part of the letter"]);
  });

  it("a scanned letter: the issuer's name as a running head mid-paragraph and after the date, 第1页 共2页, ○ read as 〇", async () => {
    const { report, data, body } = await run("scanned.txt");
    expect(report.status, report.error).toBe("written");
    expect(data).toMatchObject({ docNumber: "林函〔2023〕45号", issuer: "国家林业和草原局", recipients: [{ name: "齐海龙", role: "代表" }], consulted: ["财政部", "自然资源部"], date: "2023-07-20" });
    expect(paragraphs(body)[2]).toBe("近年来，我局会同有关部门实施草原生态保护修复重大工程，推进退化草原治理，草原综合植被盖度稳步提高。我们将进一步加大草原保护修复投入，统筹推进山水林田湖草沙一体化保护和系统治理。");
    expect(report.review).toContain("2 lines (15, 27): “国家林业和草原局” removed as a running head or foot (it recurs on 4 lines); check that it is not part of the letter");
    expect(report.review).toContain("date read from Chinese numerals: 二○二三年七月二十日 → 2023-07-20");
    expect(report.audit).toMatch(/= \d+ in the body \+ \d+ listed as removed$/u);
  });
});

describe("where the issuer comes from", () => {
  it("the signature, when the title names no issuer and no 版头 stands above it", async () => {
    const { report, data } = await run("signed.txt");
    expect(data).toMatchObject({ issuer: "文化和旅游部", docNumber: "文旅提字〔2024〕66号", recipients: [{ name: "宋雨桐", role: "委员" }], consulted: ["国家文物局", "财政部"] });
    expect(report.review).toEqual(["issuer “文化和旅游部” taken from the signature only: check it"]);
  });

  it("the 文号's code through the catalogue, when neither title nor signature names one; 和 between two agencies splits", async () => {
    const { report, data } = await run("code-only.txt");
    expect(data).toMatchObject({ issuer: "教育部", consulted: ["工业和信息化部", "人力资源社会保障部"], date: "2023-08-18" });
    expect(report.review).toEqual(["issuer “教育部” taken from the 文号's code 教建议, through the agencies catalogue only: check it"]);
  });
});

describe("files refused with their cause, nothing written", () => {
  for (const [name, message] of [
    ["bill.txt", "line 1: this is a deputy's 议案 (a bill proposal: “关于修改《中华人民共和国农产品质量安全法》的议案”, with 案由/领衔代表/附议 lines), not a ministry's reply to a suggestion or proposal; Fuwen archives replies (…对…第N号建议的答复) and the documents they cite; nothing written"],
    ["nosession.txt", "line 1: session “十二届全国人大六次会议” never existed: the 12th NPC met five times (2013–2017): there was no 6th meeting; did you mean 十二届全国人大五次会议 (2017)?"],
  ] as const) {
    it(name, async () => {
      const { report } = await run(name);
      expect(report.status).toBe("error");
      expect(report.error).toBe(message);
      expect(existsSync(join(work, name))).toBe(false);
    });
  }

  it("a news item about reply work, and a list of titles", () => {
    const read = (text: string) => importText({ text, source: { file: "x.txt", sha256: "ab".repeat(32) }, catalogue, agencies });
    expect(read("国家林草局召开建议提案办理工作部署会\n\n本报讯（记者 王小明）3月28日，国家林业和草原局召开2024年建议提案办理工作部署会，要求高质量完成办理任务。\n")).toEqual({
      kind: "error", line: 1,
      message: "this is a news item about the handling of suggestions and proposals (“国家林草局召开建议提案办理工作部署会”), not a reply: import the replies themselves; nothing written",
    });
    const list = Array.from({ length: 6 }, (_, i) => `关于十四届全国人大一次会议第${1000 + i}号建议的答复`).join("\n");
    expect(read(`建议提案答复公开目录\n${list}\n`)).toEqual({
      kind: "error", line: 2,
      message: "this is a list of 6 titles (“关于十四届全国人大一次会议第1000号建议的答复” …), not a reply: import each reply's own text; nothing written",
    });
    // A policy text a news agency carried stays a related document (seed 002 is one).
    const policy = read(readFileSync(join(PROJECT_ROOT, "examples", "raw", "002_eee1c5757fbe19fc.txt"), "utf8"));
    expect(policy.kind === "error" && policy.message).toMatch(/^related document “中共中央 国务院关于深化医疗保障制度改革的意见”: the text gives only/u);
  });

  it("the report ends with counts per kind of change", async () => {
    const reports = [];
    for (const name of ["joint.txt", "ocr.txt"]) reports.push(...(await importFile(join(genre, name), { outDir: join(work, "counts"), catalogue, agencies })));
    const last = formatReport(reports).split("\n").at(-1)!;
    expect(last).toMatch(/^changes by kind: (?:[a-z-]+ \d+, )*[a-z-]+ \d+\.$/u);
    expect(last).toContain("endnote 3");
    expect(last).toContain("running-head 1");
  });
});

describe("small variants of header and closing", () => {
  const read = (text: string) => importText({ text, source: { file: "x.txt", sha256: "ab".repeat(32) }, catalogue, agencies });
  const WATER = (salutation: string, closing: string) =>
    `水建议〔2023〕12号\n\n水利部对十四届全国人大一次会议第777号建议的答复\n\n${salutation}\n\n您提出的《关于加强农村供水保障的建议》收悉，现答复如下：\n\n我部将继续推进农村供水工程建设。\n\n${closing}`;

  it("a web page's 字号：大 中 小 glued before the salutation stays out of the name", async () => {
    const outcome = read(WATER("【字号：大 中 小】李明代表：", "感谢您对水利工作的关心和支持。\n\n水利部\n2023年7月1日"));
    expect(outcome.kind === "letter" && outcome.data.recipients).toEqual([{ name: "李明", role: "代表" }]);
  });

  it("the signature glued to the courtesy line above the date", async () => {
    const outcome = read(WATER("李明代表：", "感谢您对水利工作的关心和支持。水利部\n2023年7月1日"));
    if (outcome.kind !== "letter") throw new Error(outcome.kind === "error" ? outcome.message : "not a letter");
    expect(outcome.body.split("\n\n").at(-1)).toBe("感谢您对水利工作的关心和支持。");
    expect(outcome.review).toEqual([]);
  });

  it("a summary titled …的答复（摘要） without a date asks for the facts it lacks, with the sidecar lines", async () => {
    const outcome = read("国家发展改革委关于十四届全国人大一次会议第1234号建议的答复（摘要）\n\n一、关于项目审批\n\n我委将进一步简化审批流程。\n");
    expect(outcome).toEqual({
      kind: "error", line: 3,
      message: "no suggestion/proposal title in the opening on line 3 (“一、关于项目审批…”; expected 您提出的《关于…的建议》收悉); no reply date at the end (expected 2020年10月27日 or 二〇二〇年十月二十七日 after the signature). Fix the raw file, or give the facts in the sidecar x.txt.meta.yaml (title: 关于…的建议; date: 2020-10-27)",
    });
  });

  it("a paragraph the letter repeats, wrapped the same way, is wording, not a running head", () => {
    // Its first line has no punctuation, so it could pass for a running head by its shape.
    const repeated = "各地要按照统筹城乡发展要求持续推进农村供水工程规模化建设和标准化管理不断提升农村供水保障水平，确保群众喝上放心水。";
    const wrap = (text: string) => [..."　　" + text].reduce<string[]>((lines, c, i) => (i % 28 ? (lines[lines.length - 1] += c, lines) : [...lines, c]), []);
    const body = [...wrap("您提出的《关于加强农村供水保障的建议》收悉，现答复如下："), ...wrap(repeated), ...wrap("一是强化规划引领。"), "", "— 2 —", "", ...wrap(repeated), ...wrap("感谢您对水利工作的关心和支持。")];
    const outcome = read(`水建议〔2023〕12号\n\n水利部对十四届全国人大一次会议第777号建议的答复\n\n李明代表：\n\n${body.join("\n")}\n\n水利部\n2023年7月1日\n`);
    if (outcome.kind !== "letter") throw new Error(outcome.kind === "error" ? outcome.message : "not a letter");
    expect(outcome.body.split("\n\n")).toEqual(["您提出的《关于加强农村供水保障的建议》收悉，现答复如下：", repeated, "一是强化规划引领。", repeated, "感谢您对水利工作的关心和支持。"]);
    expect(outcome.changes.filter((c) => c.kind === "running-head")).toEqual([]);
  });

  it("npm run import -- --strict exits 3 when an item needs review, 0 without --strict", async () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--out", join(work, "strict"), ...args, join(genre, "signed.txt")], { cwd: PROJECT_ROOT, encoding: "utf8" });
    const strict = cli("--strict");
    expect(strict.status).toBe(3);
    expect(strict.stdout).toContain("needs review: issuer “文化和旅游部” taken from the signature only: check it");
    expect(cli().status).toBe(0);
  });
});

describe("ids stay unique across issuers", () => {
  it("财税函 and 财社函 both read csh: the second letter gets the code's full pinyin as its id, kept in its front matter", async () => {
    const reply = (code: string, name: string) =>
      `${code}〔2023〕12号\n\n财政部对十四届全国人大一次会议第${name === "a" ? "101" : "202"}号建议的答复\n\n冯立代表：\n\n您提出的《关于完善${name === "a" ? "税收" : "社保"}政策的建议》收悉，现答复如下：\n\n我部将认真研究。\n\n感谢您对财政工作的关心和支持。\n\n财政部\n2023年7月3日\n`;
    const dir = join(work, "ids");
    const raw = join(dir, "raw");
    const out = join(dir, "letters");
    mkdirSync(raw, { recursive: true });
    writeFileSync(join(raw, "a.txt"), reply("财税函", "a"));
    writeFileSync(join(raw, "b.txt"), reply("财社函", "b"));
    const first = (await importFile(join(raw, "a.txt"), { outDir: out, catalogue, agencies }))[0]!;
    const second = (await importFile(join(raw, "b.txt"), { outDir: out, catalogue, agencies }))[0]!;
    expect(first.target).toBe(join(out, "2023", "csh-2023-12.md"));
    expect(second.target).toBe(join(out, "2023", "caishehan-2023-12.md"));
    expect(readFileSync(second.target!, "utf8")).toContain("docNumber: 财社函〔2023〕12号\nid: caishehan-2023-12\n");
    expect(second.changes.find((c) => c.kind === "id")?.note).toContain("holds 财税函〔2023〕12号");
    // Imported again: the same files, unchanged.
    expect((await importFile(join(raw, "b.txt"), { outDir: out, catalogue, agencies }))[0]!.status).toBe("unchanged");
    expect((await importFile(join(raw, "a.txt"), { outDir: out, catalogue, agencies }))[0]!.status).toBe("unchanged");
    const files = ["csh-2023-12.md", "caishehan-2023-12.md"].map((name) => ({ file: `letters/2023/${name}`, text: readFileSync(join(out, "2023", name), "utf8") }));
    const archive = validateArchive(files, catalogue);
    expect(archive.problems).toEqual([]);
    expect(archive.letters.map((l) => l.id).sort()).toEqual(["caishehan-2023-12", "csh-2023-12"]);
  });
});

describe("a folder of mixed files", () => {
  it("is read recursively in a stable order; bad files are refused by name, the others imported; a table at the end", () => {
    const inbox = join(work, "inbox");
    mkdirSync(join(inbox, "2024", "web"), { recursive: true });
    for (const name of ["joint.txt", "summary.txt", "summary.txt.meta.yaml"]) writeFileSync(join(inbox, name), readFileSync(join(genre, name)));
    writeFileSync(join(inbox, "2024", "glued.txt"), readFileSync(join(genre, "glued.txt")));
    writeFileSync(join(inbox, "2024", "web", "scan.png"), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    writeFileSync(join(inbox, "2024", ".DS_Store"), "x");
    const out = join(work, "inbox-letters");
    const report = join(work, "inbox-report.txt");
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--out", out, "--report", report, inbox], { cwd: PROJECT_ROOT, encoding: "utf8" });
    expect(run.status).toBe(1);
    const lines = run.stdout.split("\n");
    // One line per file, in code-point order of the paths; hidden files and sidecars are not files to import.
    expect(lines.filter((line) => /^[✓=✗] /u.test(line)).slice(0, 4).map((line) => line.slice(0, line.indexOf(" ", 2)))).toEqual([
      `✓ ${join(inbox, "2024", "glued.txt")}`,
      `✗ ${join(inbox, "2024", "web", "scan.png")}:`,
      `✓ ${join(inbox, "joint.txt")}`,
      `✓ ${join(inbox, "summary.txt")}`,
    ]);
    expect(run.stdout).toContain("imported           3\nunchanged          0\nneeds review       0\nrefused            1\n");
    expect(run.stdout).toContain(`full report: ${report}`);
    expect(readFileSync(report, "utf8")).toContain("版记 read into metadata: 抄送 (cc): 全国人大常委会办公厅联络局、国务院办公厅督查室");
    expect(existsSync(join(out, "2024", "nby-2024-217.md"))).toBe(true);
  });
});
