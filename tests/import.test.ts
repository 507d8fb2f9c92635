import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAgencies, loadCatalogue } from "../src/archive.ts";
import { importFile, type FileReport } from "../src/import/files.ts";
import { auditHanCharacters } from "../src/import/audit.ts";
import { parseLetterFile } from "../src/model/letter-file.ts";
import type { DocumentData, LetterData } from "../src/model/letter.ts";
import { encodeGb18030 } from "./helpers/gb18030.ts";
import { pdfPaste, savedWebPage } from "./helpers/variants.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
/** The raw seed texts that letters/ was imported from, with seed 002's sidecar beside it. */
const seeds = join(root, "examples", "raw");
const catalogue = loadCatalogue(root);
const agencies = loadAgencies(root);
const tsx = join(root, "node_modules", ".bin", "tsx");
const seed = (name: string) => join(seeds, `${name}.txt`);

let work: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "fuwen-import-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function importInto(outDir: string, path: string, force = false): Promise<FileReport> {
  return (await importFile(path, { outDir, catalogue, agencies, force }))[0]!;
}

function readOutput(report: FileReport): { data: LetterData; body: string } {
  expect(report.status, report.error).not.toBe("error");
  const parsed = parseLetterFile(readFileSync(report.target!, "utf8"));
  return { data: parsed.data as LetterData, body: parsed.body };
}

const expected: Record<string, { fields: Omit<LetterData, "source">; headings: string[] }> = {
  "000_e03f6bac14756b11": {
    fields: {
      docNumber: "医保函〔2020〕135号", issuer: "国家医疗保障局", assembly: "npc", term: 13, meeting: 3,
      session: "十三届全国人大三次会议", proposalType: "建议", proposalNumber: "2152",
      recipients: [{ name: "李素萍", role: "代表" }], title: "关于在深化医改中加大困难职工帮扶力度的建议",
      consulted: ["国家卫生健康委", "全国总工会"], date: "2020-10-27",
    },
    headings: ["一、关于减轻职工医疗费用负担", "二、关于提高医疗服务水平", "三、关于完善医保社会监督机制"],
  },
  "001_b10b437fa8d236fd": {
    fields: {
      docNumber: "医保函〔2021〕194号", issuer: "国家医疗保障局", assembly: "npc", term: 13, meeting: 4,
      session: "十三届全国人大四次会议", proposalType: "建议", proposalNumber: "1589",
      recipients: [{ name: "谭祖安", role: "代表" }], title: "关于完善基本医疗保险参保缴费工作机制的建议",
      consulted: [], date: "2021-09-16",
    },
    headings: [
      "一、关于“稳定居民参保缴费标准,稳步推进医保法制建设”的建议",
      "二、关于“积极推进基本医保关系转移接续工作，逐步提高医保统筹层次”的建议",
      "三、关于扎实做好全民参保工作",
    ],
  },
  "003_da1bd8ef65d363e6": {
    fields: {
      docNumber: "医保函〔2023〕90号", issuer: "国家医疗保障局", assembly: "npc", term: 14, meeting: 1,
      session: "十四届全国人大一次会议", proposalType: "建议", proposalNumber: "5525",
      recipients: [{ name: "张海军", role: "代表" }], title: "关于适时调整社会保险缴纳比例减轻企业负担的建议",
      consulted: [], date: "2023-08-23", disclosure: "主动公开",
    },
    headings: ["一、关于巩固健全全民医保", "二、关于减轻企业社保缴费负担", "三、关于推进集中带量采购和医保支付方式改革等控制医疗费用", "四、关于大力发展商业健康保险"],
  },
  "004_7c9c88a51df08aa6": {
    fields: {
      docNumber: "医保函〔2022〕132号", issuer: "国家医疗保障局", assembly: "cppcc", term: 13, meeting: 5,
      session: "全国政协十三届五次会议", proposalType: "提案", proposalNumber: "01983", category: "社会管理类184号",
      recipients: [{ name: "刘文贤", role: "委员" }], title: "关于解决“因病致困”难题的提案",
      consulted: ["民政部", "银保监会"], date: "2022-07-26", disclosure: "主动公开",
    },
    headings: ["一、关于精准识别救助对象", "二、关于加大医疗救助参保资助力度", "三、关于整合救助资源及建立动态信息台账", "四、关于加强社会资源与医疗救助的衔接"],
  },
};

/** Sentences that span a folio, a page break or a hard line break in the source. */
const SENTINELS = [
  "以基本医疗保险为主体，医疗救助为托底", "单位缴费的通知》（医保发〔2022〕21号）", "骨科创伤", "10年来已赔付",
  "加之民政部门已在", "公开募捐", "（医保发〔2020〕6号）", "民发〔2021〕57号",
  "鼓励慈善组织和其他社会组织设立大病救助项目",
];
const FOLIO_FRAGMENTS = ["一2—", "—3—", "一4一", "—5—", "民政2部门", "公4开", "3三、", "5感谢", "）6", "［", "】", "医保发［"];

describe("importing the seed letters", () => {
  const outputs = new Map<string, { data: LetterData; body: string }>();
  beforeAll(async () => {
    for (const name of Object.keys(expected)) outputs.set(name, readOutput((await importInto(join(work, "seeds"), seed(name)))));
  });

  for (const [name, { fields, headings }] of Object.entries(expected)) {
    it(`${name}: every field equals the letter's real metadata`, async () => {
      const { data } = outputs.get(name)!;
      const { source, ...rest } = data;
      expect(rest).toEqual(fields);
      expect(source.file).toBe(`${name}.txt`);
      expect(source.sha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it(`${name}: body runs from the opening to the courtesy line, sections as ## headings`, async () => {
      const { body } = outputs.get(name)!;
      expect(body.startsWith("您提出的")).toBe(true);
      expect(body.trimEnd().endsWith("感谢您对医疗保障工作的关心和支持。")).toBe(true);
      const found = body.split("\n").filter((line) => line.startsWith("## ")).map((line) => line.slice(3));
      expect(found).toEqual(headings);
      for (const fragment of FOLIO_FRAGMENTS) expect(body).not.toContain(fragment);
      expect(body).not.toMatch(/代表：|委员：|国家医疗保障局\s*$|\d{4}年\d{1,2}月\d{1,2}日\s*$/);
      expect(body).not.toMatch(/^[\u3000 ]/m);
    });
  }

  it("keeps the sentences that a folio, a page break or a line break cut", async () => {
    const all = [...outputs.values()].map((o) => o.body).join("\n");
    for (const sentence of SENTINELS) expect(all).toContain(sentence);
  });

  it("keeps the wording exactly, typos included", async () => {
    expect(outputs.get("003_da1bd8ef65d363e6")!.body).toContain("在增进民生福社、推动三医联动改革");
    expect(outputs.get("001_b10b437fa8d236fd")!.body).toContain("2016年的每人每年420元提高到2020年的550元,个人缴费标准");
    expect(outputs.get("001_b10b437fa8d236fd")!.body).toContain("今年１月");
  });

  it("matches letters/ byte for byte: examples/raw/*.txt, imported as the README says, give the same files", async () => {
    const out = join(work, "examples");
    const raw = readdirSync(seeds).filter((file) => file.endsWith(".txt")).sort();
    expect(raw).toHaveLength(5);
    for (const file of raw) expect((await importInto(out, join(seeds, file))).status).toBe("written");
    const tree = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();
    expect(tree(out)).toEqual(tree(join(root, "letters")));
    for (const file of tree(out).filter((f) => f.endsWith(".md"))) {
      expect(readFileSync(join(out, file), "utf8"), file).toBe(readFileSync(join(root, "letters", file), "utf8"));
    }
  });
});

describe("the no-text-lost audit", () => {
  it("accounts for every Han character of each seed", async () => {
    for (const name of Object.keys(expected)) {
      const report = (await importInto(join(work, "audit"), seed(name)));
      expect(report.audit).toMatch(/^\d+ Han characters in the source = \d+ in the body \+ \d+ listed as removed$/);
      const [, source, body, removed] = /^(\d+) .* (\d+) in the body \+ (\d+)/.exec(report.audit!)!.map(Number);
      expect(body! + removed!).toBe(source);
    }
  });

  it("fails when a character goes missing or appears", async () => {
    const source = "国家医疗保障局\n您提出的建议收悉。";
    expect(auditHanCharacters(source, "您提出的建议收悉。", [{ kind: "header", note: "", removed: "国家医疗保障局" }]).ok).toBe(true);
    expect(auditHanCharacters(source, "您提出的建议收。", [{ kind: "header", note: "", removed: "国家医疗保障局" }]).ok).toBe(false);
    expect(auditHanCharacters(source, "您提出的建议收悉。", []).ok).toBe(false);
  });
});

describe("realistic variants give the same metadata and the same text", () => {
  const reference = new Map<string, { data: LetterData; body: string }>();
  beforeAll(async () => {
    for (const name of Object.keys(expected)) reference.set(name, readOutput((await importInto(join(work, "reference"), seed(name)))));
  });

  function expectSame(report: FileReport, name: string) {
    const got = readOutput(report);
    const want = reference.get(name)!;
    const { source: _a, ...gotFields } = got.data;
    const { source: _b, ...wantFields } = want.data;
    expect(gotFields).toEqual(wantFields);
    expect(got.body).toBe(want.body);
  }

  it("GB18030 bytes", async () => {
    const path = join(work, "000-gb18030.txt");
    // GBK has no no-break space: a GBK file has plain spaces where the web copy had U+00A0.
    writeFileSync(path, encodeGb18030(readFileSync(seed("000_e03f6bac14756b11"), "utf8").replace(/\u00a0/g, " ")));
    const report = (await importInto(join(work, "gb"), path));
    expect(report.notes.join(" ")).toContain("GB18030");
    expectSame(report, "000_e03f6bac14756b11");
  });

  it("UTF-8 with BOM and CRLF line ends", async () => {
    const path = join(work, "001-bom-crlf.txt");
    writeFileSync(path, "\uFEFF" + readFileSync(seed("001_b10b437fa8d236fd"), "utf8").replace(/\n/g, "\r\n"));
    expectSame((await importInto(join(work, "bom"), path)), "001_b10b437fa8d236fd");
  });

  const wordings: Record<string, string> = {
    "000_e03f6bac14756b11": "第十三届全国人民代表大会第三次会议",
    "001_b10b437fa8d236fd": "十三届全国人大四次会议",
    "003_da1bd8ef65d363e6": "十四届全国人大一次会议",
    "004_7c9c88a51df08aa6": "政协十三届全国委员会第五次会议",
  };
  for (const [name, wording] of Object.entries(wordings)) {
    it(`${name}: PDF copy with 28-character lines, 　　 indents, folio lines and the official multi-line header`, async () => {
      const { data, body } = reference.get(name)!;
      const text = pdfPaste(data, body, wording);
      expect(text).toMatch(/^　　.{26}$/m);
      expect(text).toMatch(/^(—|- |一)\d/m);
      const path = join(work, `${name}-pdf.txt`);
      writeFileSync(path, text);
      const report = (await importInto(join(work, "pdf"), path));
      expectSame(report, name);
      expect(report.changes.some((c) => c.kind === "folio")).toBe(true);
      expect(report.changes.some((c) => c.kind === "join")).toBe(true);
    });
  }

  it("a saved web page, GB18030-encoded, with scripts and entities", async () => {
    const { data, body } = reference.get("004_7c9c88a51df08aa6")!;
    const path = join(work, "004.html");
    writeFileSync(path, encodeGb18030(savedWebPage(data, body, "政协十三届全国委员会第五次会议")));
    const report = (await importInto(join(work, "html"), path));
    const got = readOutput(report);
    expect(got.body).toBe(body);
    expect(got.data.title).toBe(data.title);
    expect(got.data.category).toBe("社会管理类184号");
    expect(got.data.issuer).toBe("国家医疗保障局");
  });
});

describe("a related document is never a letter", () => {
  it("seed 002 without its year: a clear request, nothing written", async () => {
    const out = join(work, "nodate");
    const alone = join(work, "no-sidecar", "002_eee1c5757fbe19fc.txt");
    mkdirSync(join(work, "no-sidecar"));
    copyFileSync(seed("002_eee1c5757fbe19fc"), alone);
    const report = (await importFile(alone, { outDir: out, catalogue, agencies }))[0]!;
    expect(report.status).toBe("error");
    expect(report.error).toContain("3月5日");
    expect(report.error).toContain("002_eee1c5757fbe19fc.txt.meta.yaml");
    expect(report.error).toContain("date: YYYY-03-05");
    expect(existsSync(out)).toBe(false);
    // The same file with --meta DIR: the sidecar is found in that folder.
    expect((await importFile(alone, { outDir: out, catalogue, agencies, metaDir: seeds }))[0]!.status).toBe("written");
  });

  it("seed 002 with its sidecar: a truncated related document, web junk removed", async () => {
    const report = (await importInto(join(work, "doc"), seed("002_eee1c5757fbe19fc")));
    expect(report.target).toMatch(/documents\/2020\/2020-03-05-[a-z]+\.md$/);
    const parsed = parseLetterFile(readFileSync(report.target!, "utf8"));
    const data = parsed.data as DocumentData;
    expect(data).toMatchObject({ title: "中共中央 国务院关于深化医疗保障制度改革的意见", publisher: "中共中央 国务院", date: "2020-03-05", truncated: true });
    expect(parsed.body).not.toContain("富强民主文明和谐");
    expect(parsed.body).not.toContain("朝夕奔梦");
    expect(parsed.body).toContain("医保治理现代化水平显著提升");
    expect(parsed.body.trimEnd().endsWith("加强基金中长")).toBe(true);
    expect(parsed.body).not.toContain("docNumber");
  });
});

describe("bad input", () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ["empty.txt", "", /empty/],
    ["blank.txt", "\n  \n\u3000\n", /white space/],
    ["image.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), /^a PNG image \(a scan or screenshot of the letter\): run OCR on it first \(for example ocrmypdf -l chi_sim FILE out\.pdf for a PDF, or tesseract FILE out -l chi_sim for an image\), then import the result; nothing written$/],
    ["latin1.txt", Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe, 0x41, 0x80, 0x20]), /not text|binary/],
    ["recipe.txt", "番茄炒蛋的做法\n\n先把鸡蛋打散，放盐。再把番茄切块。\n", /not a reply letter/],
    ["noheader.txt", "李素萍代表：\n\n您提出的《关于某事的建议》收悉，现答复如下：\n\n感谢您的支持。\n\n国家医疗保障局\n2020年10月27日\n", /no 文号 \(expected a line such as 医保函〔2020〕135号\) in the header \(lines 1–/],
    ["nodate.txt", "国家医疗保障局对十三届全国人大三次会议\n第2152号建议的答复\n医保函〔2020〕135号\n李素萍代表：\n您提出的《关于某事的建议》收悉。\n感谢您的支持。\n国家医疗保障局\n", /no reply date/],
    ["unknown-session.txt", "国家医疗保障局对十二届全国人大六次会议\n第2152号建议的答复\n医保函〔2018〕135号\n李素萍代表：\n您提出的《关于某事的建议》收悉。\n感谢您的支持。\n国家医疗保障局\n2018年10月27日\n", /never existed: the 12th NPC met five times \(2013–2017\)/],
    ["wrong-role.txt", "国家医疗保障局对十三届全国人大三次会议\n第2152号建议的答复\n医保函〔2020〕135号\n李素萍委员：\n您提出的《关于某事的建议》收悉。\n感谢您的支持。\n国家医疗保障局\n2020年10月27日\n", /代表/],
  ];
  for (const [file, content, message] of cases) {
    it(`${file}: one clear error, nothing written`, async () => {
      const path = join(work, file);
      writeFileSync(path, content);
      const out = join(work, `bad-${file}`);
      const report = (await importInto(out, path));
      expect(report.status).toBe("error");
      expect(report.error).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }
});

describe("the command", () => {
  it("imports the good files, names the bad ones, exits non-zero, leaves no temp files", async () => {
    const bad = join(work, "cli-bad.txt");
    writeFileSync(bad, "");
    const out = join(work, "cli");
    const run = spawnSync(tsx, [join(root, "scripts/import.ts"), "--out", out, bad, seed("000_e03f6bac14756b11"), seed("004_7c9c88a51df08aa6")], { cwd: root, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`✗ ${bad}: the file is empty`);
    expect(run.stdout).toContain("3 file(s): 2 written, 0 unchanged, 1 failed");
    const files = readdirSync(out, { recursive: true }).map(String).sort();
    expect(files).toEqual(["2020", "2020/ybh-2020-135.md", "2022", "2022/ybh-2022-132.md"]);
  });

  it("re-importing gives identical bytes; another source for the same 文号 needs --force", async () => {
    const out = join(work, "again");
    const first = (await importInto(out, seed("000_e03f6bac14756b11")));
    const bytes = readFileSync(first.target!);
    expect((await importInto(out, seed("000_e03f6bac14756b11"))).status).toBe("unchanged");
    expect(readFileSync(first.target!)).toEqual(bytes);

    const edited = join(work, "000-edited.txt");
    writeFileSync(edited, readFileSync(seed("000_e03f6bac14756b11"), "utf8").replace("此外，", "另外，"));
    const refused = (await importInto(out, edited));
    expect(refused.status).toBe("error");
    expect(refused.error).toBe(`duplicate 文号 医保函〔2020〕135号: ${first.target} already holds it, imported from 000_e03f6bac14756b11.txt; this file (000-edited.txt) is another source. Keep one: remove ${first.target} and import again, or import with --force to replace it with this file`);
    expect(readFileSync(first.target!)).toEqual(bytes);
    const forced = await importInto(out, edited, true);
    expect(forced.status).toBe("written");
    expect(forced.review).toContain(`--force: this file replaced ${first.target}, imported from 000_e03f6bac14756b11.txt; check that this one should stand`);
    expect(readFileSync(first.target!, "utf8")).toContain("另外，");
  });

  it("npm run check accepts letters/", async () => {
    const output = execFileSync(tsx, [join(root, "scripts/check.ts")], { cwd: root, encoding: "utf8" });
    expect(output).toContain("4 letter(s), 1 related document(s), 0 problem(s)");
  });
});
