/**
 * Replies of other ministries than the seeds' 国家医疗保障局: their 文号 as printed (any brackets,
 * a 第 before the serial, long issuer codes) and the agencies they consulted. The replies are
 * written for this test in the genre: the wording and the names are made up.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAgencies, loadCatalogue } from "../src/archive.ts";
import { consultedAgencies } from "../src/import/agencies.ts";
import { importFile } from "../src/import/files.ts";
import { parseHeader } from "../src/import/header.ts";
import { importText } from "../src/import/text.ts";
import { docNumberKey, letterId } from "../src/model/ids.ts";
import { serializeLetterFile } from "../src/model/letter-file.ts";
import type { LetterData } from "../src/model/letter.ts";
import { validateArchive } from "../src/model/validate.ts";
import { PROJECT_ROOT } from "./helpers/fixture-archive.ts";

const catalogue = loadCatalogue(PROJECT_ROOT);
const agencies = loadAgencies(PROJECT_ROOT);
const SHA = "ab".repeat(32);

/** 住房和城乡建设部, （） around the year; consulted agencies with 和 in their names and a 和 between two. */
const HOUSING = `建办复字（2023）156号

住房和城乡建设部对十四届全国人大一次会议第1234号建议的答复

陈明远代表：

您提出的《关于加快推进老旧小区加装电梯的建议》收悉，经商工业和信息化部、财政部和中国人民银行，现答复如下：

一、关于加装电梯的资金保障

近年来，我部指导各地将既有住宅加装电梯纳入城镇老旧小区改造内容，印发《关于进一步做好既有住宅加装电梯工作的通知》（建城（2021）12号），鼓励居民出资、社会资本参与和财政适当补助相结合。

二、关于电梯产品质量和维护保养

下一步，我们将会同有关部门总结推广各地经验，推动加装电梯产品标准化，督促落实维护保养责任。

感谢您对住房和城乡建设工作的关心和支持。

住房和城乡建设部
2023年7月18日
`;

/** 工业和信息化部 to a CPPCC member, 【】 around the year; 会同… names with 和. */
const INDUSTRY = `工信建议【2023】88号

工业和信息化部关于政协第十四届全国委员会第一次会议第01234号（工交邮电类056号）提案答复的函

林晓雯委员：

您提出的《关于支持中小企业数字化转型的提案》收悉，我部会同国家发展和改革委员会、人力资源和社会保障部认真研究，现答复如下：

一、关于数字化转型的政策支持

我部持续实施中小企业数字化赋能专项行动，遴选一批数字化转型服务商，为中小企业提供低成本、易部署的解决方案。

二、关于数字技能人才培养

我们将加强产教融合，支持职业院校开设相关专业，培养既懂技术又懂管理的复合型人才。

感谢您对工业和信息化工作的关心和支持。

工业和信息化部
2023年8月2日
`;

/** 教育部 prints 第 before the serial; 征求…意见. */
const education = (docNumber: string) => `${docNumber}

教育部对十三届全国人大五次会议第4567号建议的答复

赵文博代表：

您提出的《关于加强乡村教师队伍建设的建议》收悉，我部征求了财政部和人力资源社会保障部的意见，现答复如下：

一、关于乡村教师待遇保障

我部会同相关部门落实乡村教师生活补助政策，推动乡村教师工资收入不低于当地公务员平均工资收入水平。

二、关于乡村教师培训

下一步，我们将继续实施教师培训计划，向乡村学校倾斜，提高乡村教师专业能力。

感谢您对教育工作的关心和支持。

教育部
2022年8月30日
`;

/** 人力资源社会保障部, [] around the year; 经商…同意. */
const LABOUR = `人社建字[2024]45号

人力资源社会保障部对十四届全国人大二次会议第0789号建议的答复

周海燕、吴建国代表：

您们提出的《关于完善新就业形态劳动者权益保障的建议》收悉，经商住房和城乡建设部、财政部同意，现答复如下：

一、关于劳动者权益保障制度

我部会同有关部门研究制定新就业形态劳动者权益保障政策，指导平台企业依法合规用工。

二、关于职业伤害保障

我们将稳步扩大职业伤害保障试点范围，总结试点经验，完善相关制度。

感谢您对人力资源和社会保障工作的关心和支持。

人力资源社会保障部
2024年6月20日
`;

function letterOf(text: string, file = "reply.txt") {
  const outcome = importText({ text, source: { file, sha256: SHA }, catalogue, agencies });
  if (outcome.kind !== "letter") throw new Error(outcome.kind === "error" ? outcome.message : "read as a document");
  return outcome;
}

function bracketNotes(outcome: { changes: { kind: string; note: string }[] }): string[] {
  return outcome.changes.filter((c) => c.kind === "bracket").map((c) => c.note.replace(/ ….*$/u, ""));
}

describe("文号 as printed, by other ministries", () => {
  it("住房和城乡建设部: （） become 〔〕, in the header and in a cited 文号, each listed", async () => {
    const outcome = letterOf(HOUSING);
    expect(outcome.data).toMatchObject({
      docNumber: "建办复字〔2023〕156号", issuer: "住房和城乡建设部", session: "十四届全国人大一次会议", proposalType: "建议",
      proposalNumber: "1234", recipients: [{ name: "陈明远", role: "代表" }], title: "关于加快推进老旧小区加装电梯的建议",
      consulted: ["工业和信息化部", "财政部", "中国人民银行"], date: "2023-07-18",
    });
    expect(letterId(outcome.data.docNumber!)).toBe("jbfz-2023-156");
    expect(bracketNotes(outcome)).toEqual([
      "文号 brackets normalized: 建办复字（2023）156号 → 建办复字〔2023〕156号 (header)",
      "文号 brackets normalized: 建城（2021）12号 → 建城〔2021〕12号",
    ]);
    expect(outcome.changes.find((c) => c.kind === "bracket")!.line).toBe(1);
    expect(outcome.body).toContain("（建城〔2021〕12号）");
    expect(outcome.review).toEqual([]);
  });

  it("工业和信息化部: 【】 become 〔〕; a CPPCC 提案 with its category", async () => {
    const outcome = letterOf(INDUSTRY);
    expect(outcome.data).toMatchObject({
      docNumber: "工信建议〔2023〕88号", issuer: "工业和信息化部", assembly: "cppcc", session: "全国政协十四届一次会议",
      proposalType: "提案", proposalNumber: "01234", category: "工交邮电类056号", recipients: [{ name: "林晓雯", role: "委员" }],
      consulted: ["国家发展和改革委员会", "人力资源和社会保障部"], date: "2023-08-02",
    });
    expect(letterId(outcome.data.docNumber!)).toBe("gxjy-2023-88");
    expect(bracketNotes(outcome)).toEqual(["文号 brackets normalized: 工信建议【2023】88号 → 工信建议〔2023〕88号 (header)"]);
    expect(outcome.review).toEqual([]);
  });

  it("教育部: the 第 before the serial is kept as printed, the id is the one without it", async () => {
    const outcome = letterOf(education("教建议〔2022〕第317号"));
    expect(outcome.data).toMatchObject({
      docNumber: "教建议〔2022〕第317号", issuer: "教育部", session: "十三届全国人大五次会议", proposalNumber: "4567",
      recipients: [{ name: "赵文博", role: "代表" }], consulted: ["财政部", "人力资源社会保障部"], date: "2022-08-30",
    });
    expect(bracketNotes(outcome)).toEqual([]);
    expect(letterId("教建议〔2022〕第317号")).toBe("jjy-2022-317");
    expect(letterId("教建议〔2022〕317号")).toBe("jjy-2022-317");
    expect(letterId("教建议〔2023〕317号")).toBe("jjy-2023-317");
    expect(docNumberKey("教建议〔2022〕第317号")).toBe("教建议〔2022〕317号");
    expect(docNumberKey("教建议〔2022〕317号")).toBe("教建议〔2022〕317号");
    expect(outcome.review).toEqual([]);
  });

  it("a 第 printed with other brackets keeps the 第 and gets 〔〕", async () => {
    const outcome = letterOf(education("教建议（２０２２）第３１７号"));
    expect(outcome.data.docNumber).toBe("教建议〔2022〕第317号");
    expect(bracketNotes(outcome)).toEqual(["文号 brackets normalized: 教建议（２０２２）第３１７号 → 教建议〔2022〕第317号 (header)"]);
  });

  it("人力资源社会保障部: [] become 〔〕; two deputies; 经商…同意", async () => {
    const outcome = letterOf(LABOUR);
    expect(outcome.data).toMatchObject({
      docNumber: "人社建字〔2024〕45号", issuer: "人力资源和社会保障部", session: "十四届全国人大二次会议", proposalNumber: "0789",
      recipients: [{ name: "周海燕", role: "代表" }, { name: "吴建国", role: "代表" }],
      consulted: ["住房和城乡建设部", "财政部"], date: "2024-06-20",
    });
    expect(letterId(outcome.data.docNumber!)).toBe("rsjz-2024-45");
    expect(bracketNotes(outcome)).toEqual(["文号 brackets normalized: 人社建字[2024]45号 → 人社建字〔2024〕45号 (header)"]);
    expect(outcome.review).toEqual([]);
  });

  it("reads issuer codes of up to 12 characters", async () => {
    expect(parseHeader("自然资人议复字〔2023〕12号\n自然资源部对十四届全国人大一次会议第3456号建议的答复\n孙立新代表：")).toMatchObject({
      docNumber: "自然资人议复字〔2023〕12号", issuer: "自然资源部", proposalNumber: "3456",
    });
    expect(parseHeader("发改办函［2021]９号\n国家发展和改革委员会对十三届全国人大四次会议第12号建议的答复\n孙立新代表：").docNumber).toBe("发改办函〔2021〕9号");
  });
});

describe("the same 文号 with and without 第", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "fuwen-genre-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("import refuses 教建议〔2022〕第317号 when 教建议〔2022〕317号 is in the archive", async () => {
    const out = join(work, "out");
    const raw = join(work, "raw");
    mkdirSync(raw, { recursive: true });
    writeFileSync(join(raw, "plain.txt"), education("教建议〔2022〕317号"));
    writeFileSync(join(raw, "di.txt"), education("教建议〔2022〕第317号"));
    const first = (await importFile(join(raw, "plain.txt"), { outDir: out, catalogue, agencies }))[0]!;
    expect(first.status, first.error).toBe("written");
    expect(first.target).toBe(join(out, "2022", "jjy-2022-317.md"));

    // The same target: another source for the same 文号.
    const same = (await importFile(join(raw, "di.txt"), { outDir: out, catalogue, agencies }))[0]!;
    expect(same.status).toBe("error");
    expect(same.error).toBe(`duplicate 文号 教建议〔2022〕317号: ${first.target} already holds it, imported from plain.txt; this file (di.txt) is another source. Keep one: remove ${first.target} and import again, or import with --force to replace it with this file`);

    // The earlier file under another name: the 文号 clash check finds it.
    const elsewhere = join(out, "2022", "jiaoyubu-317.md");
    renameSync(first.target!, elsewhere);
    const clash = (await importFile(join(raw, "di.txt"), { outDir: out, catalogue, agencies }))[0]!;
    expect(clash.status).toBe("error");
    // The message names the 文号, both source files and the existing letter file.
    expect(clash.error).toBe(`duplicate 文号 教建议〔2022〕第317号 (the same number, with or without 第): ${elsewhere} already holds it, imported from plain.txt; this file (di.txt) is another source. Keep one: remove ${elsewhere} and import again, or import with --force to replace it with this file`);
    expect(clash.file).toBe(join(raw, "di.txt"));

    const forced = (await importFile(join(raw, "di.txt"), { outDir: out, catalogue, agencies, force: true }))[0]!;
    expect(forced.status, forced.error).toBe("written");
    expect(existsSync(elsewhere)).toBe(false);
    expect(readFileSync(forced.target!, "utf8")).toContain("docNumber: 教建议〔2022〕第317号");
    // Not silently: the archivist is asked to confirm which source stands.
    expect(forced.review).toContain(`--force: this file replaced ${elsewhere}, which held the same 文号 from another source; check that this one should stand`);
  });

  it("validateArchive reports the two files as the same 文号, once", async () => {
    const plain = letterOf(education("教建议〔2022〕317号"), "plain.txt");
    const di = letterOf(education("教建议〔2022〕第317号"), "di.txt");
    const file = (data: LetterData, body: string) => serializeLetterFile(data as unknown as Record<string, unknown>, body);
    const archive = validateArchive(
      [
        { file: "letters/2022/jjy-2022-317.md", text: file(plain.data, plain.body) },
        { file: "letters/2022/jiaoyubu-317.md", text: file(di.data, di.body) },
      ],
      catalogue,
    );
    expect(archive.problems).toEqual([
      {
        file: "letters/2022/jiaoyubu-317.md", field: "docNumber",
        message: "the same 文号 as letters/2022/jjy-2022-317.md (教建议〔2022〕第317号 and 教建议〔2022〕317号); keep one",
      },
    ]);
  });
});

describe("consulted agencies", () => {
  const read = (opening: string) => {
    const review: string[] = [];
    return { agencies: consultedAgencies(`您提出的《关于X的建议》收悉，${opening}`, review, agencies), review };
  };

  it("keeps names with 和 whole and splits a 和 between two agency names", async () => {
    expect(read("经商住房和城乡建设部、财政部，现答复如下：")).toEqual({ agencies: ["住房和城乡建设部", "财政部"], review: [] });
    expect(read("经商住房和城乡建设部和财政部，现答复如下：")).toEqual({ agencies: ["住房和城乡建设部", "财政部"], review: [] });
    expect(read("经商财政部、税务总局和民政部，现答复如下：")).toEqual({ agencies: ["财政部", "税务总局", "民政部"], review: [] });
    expect(read("经商文化和旅游部及国家林业和草原局同意，现答复如下：")).toEqual({ agencies: ["文化和旅游部", "国家林业和草原局"], review: [] });
    expect(read("经商生态环境部、自然资源部、退役军人事务部、交通运输部、国家卫生健康委，现答复如下：").agencies)
      .toEqual(["生态环境部", "自然资源部", "退役军人事务部", "交通运输部", "国家卫生健康委"]);
  });

  it("reads 会同…, 商…同意 and 征求…意见", async () => {
    expect(read("我部会同工业和信息化部、中国人民银行认真研究，现答复如下：").agencies).toEqual(["工业和信息化部", "中国人民银行"]);
    expect(read("商国家发展和改革委员会同意，现答复如下：").agencies).toEqual(["国家发展和改革委员会"]);
    expect(read("我们征求了教育部、人力资源和社会保障部的意见，现答复如下：").agencies).toEqual(["教育部", "人力资源和社会保障部"]);
    expect(read("经商财政部同意，并征求了民政部意见，现答复如下：").agencies).toEqual(["财政部", "民政部"]);
    expect(read("经商教育部等部门，现答复如下：").agencies).toEqual(["教育部"]);
    expect(read("我部会同有关部门认真研究，现答复如下：")).toEqual({ agencies: [], review: [] });
    expect(read("现答复如下：")).toEqual({ agencies: [], review: [] });
  });

  it("keeps what it cannot tell apart whole, with a needs-review line", async () => {
    expect(read("经商科技和金融服务中心，现答复如下：")).toEqual({
      agencies: ["科技和金融服务中心"],
      review: ["consulted agency “科技和金融服务中心”: its 和 may join two agencies or be part of one name; check it (names with 和 come from the agencies catalogue, _data/issuers.json)"],
    });
    expect(read("经商某某平台，现答复如下：")).toEqual({
      agencies: ["某某平台"],
      review: ["consulted agency “某某平台” does not end like an agency name (部, 委, 局, 署, 办, 院, 会, 行…): check the opening"],
    });
  });

  it("puts the review lines in the import report", async () => {
    const outcome = letterOf(LABOUR.replace("经商住房和城乡建设部、财政部同意", "经商城乡和社区服务中心同意"));
    expect(outcome.data.consulted).toEqual(["城乡和社区服务中心"]);
    expect(outcome.review).toEqual([expect.stringContaining("consulted agency “城乡和社区服务中心”: its 和 may join")]);
  });
});
