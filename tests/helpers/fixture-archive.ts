/**
 * A small valid archive in a temp directory: the four seed replies (abridged), one reply made
 * up to test prev/next, several signatories and template-like text, the related document the
 * first seed cites, and six letters of other issuers (MULTI_ISSUER_LETTERS) made up to reach
 * every kind of letter and recipient. The sessions and agencies catalogues are the project's own.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serializeLetterFile } from "../../src/model/letter-file.ts";
import { documentId, letterPath as letterFilePath } from "../../src/model/ids.ts";
import type { DocumentData, LetterData } from "../../src/model/letter.ts";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const SHA = (n: number) => n.toString(16).padStart(2, "0").repeat(32);

export interface FixtureLetter {
  data: LetterData;
  body: string;
}

export const FIXTURE_LETTERS: FixtureLetter[] = [
  {
    data: {
      docNumber: "医保函〔2020〕135号", issuer: "国家医疗保障局", assembly: "npc", term: 13, meeting: 3,
      session: "十三届全国人大三次会议", proposalType: "建议", proposalNumber: "2152",
      recipients: [{ name: "李素萍", role: "代表" }], title: "关于在深化医改中加大困难职工帮扶力度的建议",
      consulted: ["国家卫生健康委", "全国总工会"], date: "2020-10-27",
      source: { file: "000_e03f6bac14756b11.txt", sha256: SHA(1) },
    },
    body: `您提出的《关于在深化医改中加大困难职工帮扶力度的建议》收悉，经商国家卫生健康委、全国总工会，现答复如下：

## 一、关于减轻职工医疗费用负担

国家高度重视职工医疗保障待遇工作，健全多层次医疗保障制度，统筹发挥基本医保、补充医保和医疗救助三重保障作用，减轻参保群众医疗费用负担。

关于您提出的推动“三保合一”的建议。今年《中共中央 国务院关于深化医疗保障制度改革的意见》对完善基本医疗保险制度、促进医疗保障制度更加成熟定型提出了进一步要求。

## 二、关于提高医疗服务水平

近年来，我国覆盖城乡居民的医疗卫生服务体系不断健全、资源配置不断优化、能力不断提升。

感谢您对医疗保障工作的关心和支持。`,
  },
  {
    data: {
      docNumber: "医保函〔2021〕194号", issuer: "国家医疗保障局", assembly: "npc", term: 13, meeting: 4,
      session: "十三届全国人大四次会议", proposalType: "建议", proposalNumber: "1589",
      recipients: [{ name: "谭祖安", role: "代表" }], title: "关于完善基本医疗保险参保缴费工作机制的建议",
      consulted: [], date: "2021-09-16",
      source: { file: "001_b10b437fa8d236fd.txt", sha256: SHA(2) },
    },
    body: `您提出的“关于完善基本医疗保险参保缴费工作机制的建议”收悉，现答复如下：

## 一、关于“稳定居民参保缴费标准,稳步推进医保法制建设”的建议

城乡居民基本医疗保险实行财政补助和个人缴费相结合的筹资机制，近年来，各级财政持续加大对城乡居民医保的投入力度。

感谢您对医疗保障工作的关心和支持。`,
  },
  {
    data: {
      docNumber: "医保函〔2023〕90号", issuer: "国家医疗保障局", assembly: "npc", term: 14, meeting: 1,
      session: "十四届全国人大一次会议", proposalType: "建议", proposalNumber: "5525",
      recipients: [{ name: "张海军", role: "代表" }], title: "关于适时调整社会保险缴纳比例减轻企业负担的建议",
      consulted: [], date: "2023-08-23", disclosure: "主动公开",
      source: { file: "003_da1bd8ef65d363e6.txt", sha256: SHA(3) },
    },
    body: `您提出的关于适时调整社会保险缴纳比例减轻企业负担的建议收悉。现将有关基本医疗保险相关内容答复如下：

## 一、关于巩固健全全民医保

党的十八大以来，党中央一直把社会保障工作覆盖全民作为重要目标任务。

感谢您对医疗保障工作的关心和支持。`,
  },
  {
    data: {
      docNumber: "医保函〔2022〕132号", issuer: "国家医疗保障局", assembly: "cppcc", term: 13, meeting: 5,
      session: "全国政协十三届五次会议", proposalType: "提案", proposalNumber: "01983", category: "社会管理类184号",
      recipients: [{ name: "刘文贤", role: "委员" }], title: "关于解决“因病致困”难题的提案",
      consulted: ["民政部", "银保监会"], date: "2022-07-26", disclosure: "主动公开",
      source: { file: "004_7c9c88a51df08aa6.txt", sha256: SHA(4) },
    },
    body: `您提出的关于解决“因病致困”难题的提案收悉，经商民政部、银保监会，现答复如下：

党中央、国务院高度重视人民健康，部署深化医疗保障制度改革。

## 一、关于精准识别救助对象

《意见》明确，医疗救助公平覆盖医疗费用负担较重的困难职工和城乡居民。

感谢您对医疗保障工作的关心和支持。`,
  },
  {
    // Made up: a second reply in the first seed's session (prev/next), two signatories,
    // and text that looks like template syntax or HTML, which must come out as text.
    data: {
      docNumber: "医保函〔2020〕201号", issuer: "国家医疗保障局", assembly: "npc", term: 13, meeting: 3,
      session: "十三届全国人大三次会议", proposalType: "建议", proposalNumber: "3001",
      recipients: [{ name: "王芳", role: "代表" }, { name: "单磊", role: "代表" }], title: "关于规范{{ 模板 }}与<b>标记</b>文本的建议",
      consulted: ["国家卫生健康委"], date: "2020-11-03",
      source: { file: "fixture-201.txt", sha256: SHA(5) },
    },
    body: `您们提出的关于规范{{ site.title }}与{% if true %}标记{% endif %}文本的建议收悉，现答复如下：

正文中的 <script>alert("x")</script> 与 {{ 7 * 7 }} 应原样显示。

感谢您们对医疗保障工作的关心和支持。`,
  },
];

/**
 * Made up, in the genre, with fictional names: six letters of 2023 from five more issuers.
 *   - 教育部 answers a joint suggestion of three deputies (文号 printed with 第), with 抄送 and a contact;
 *   - 财政部 answers the same suggestion as a co-handling unit (the pair the pages link);
 *   - 交通运输部 answers a delegation (代表团), consulting agencies under their short forms;
 *   - 生态环境部 answers a CPPCC party (党派团体) with a category;
 *   - 国家发展和改革委员会 publishes a summary (答复摘要) without 文号 and without recipients;
 *   - 中华全国总工会 answers a member, to give the issuer overview a group other than the State Council's.
 */
export const MULTI_ISSUER_LETTERS: FixtureLetter[] = [
  {
    data: {
      docNumber: "教建议〔2023〕第215号", issuer: "教育部", assembly: "npc", term: 14, meeting: 1,
      session: "十四届全国人大一次会议", proposalType: "建议", proposalNumber: "3176",
      recipients: [{ name: "周立群", role: "代表" }, { name: "程晓岚", role: "代表" }, { name: "单宏宇", role: "代表" }],
      title: "关于加强乡村学校教师队伍建设的建议", consulted: ["财政部", "人力资源社会保障部"], date: "2023-07-12",
      disclosure: "主动公开", cc: ["全国人大常委会办公厅联络局", "国务院办公厅督查室"],
      contact: { name: "郑明远", phone: "010-55550123", unit: "教育部教师工作司" },
      source: { file: "fixture-jyb-215.txt", sha256: SHA(11) },
    },
    body: `你们提出的关于加强乡村学校教师队伍建设的建议收悉，经商财政部、人力资源社会保障部，现答复如下：

## 一、关于补充乡村教师

近年来，教育部会同有关部门实施农村义务教育阶段学校教师特设岗位计划，引导高校毕业生到乡村学校任教，乡村教师队伍结构持续改善。

## 二、关于提高乡村教师待遇

各地落实乡村教师生活补助政策，按照越往基层、越是艰苦，补助标准越高的原则实行差别化补助。

感谢你们对教育工作的关心和支持。`,
  },
  {
    data: {
      docNumber: "财教函〔2023〕41号", issuer: "财政部", assembly: "npc", term: 14, meeting: 1,
      session: "十四届全国人大一次会议", proposalType: "建议", proposalNumber: "3176",
      recipients: [{ name: "周立群", role: "代表" }, { name: "程晓岚", role: "代表" }, { name: "单宏宇", role: "代表" }],
      title: "关于加强乡村学校教师队伍建设的建议", consulted: [], date: "2023-07-20",
      source: { file: "fixture-czb-41.txt", sha256: SHA(12) },
    },
    body: `你们提出的关于加强乡村学校教师队伍建设的建议收悉。作为协办单位，现将财政部职责范围内的有关情况答复如下：

中央财政通过相关转移支付对地方实施乡村教师生活补助给予综合奖补，支持地方改善乡村教师工作和生活条件。

感谢你们对财政工作的关心和支持。`,
  },
  {
    data: {
      docNumber: "交办建议〔2023〕88号", issuer: "交通运输部", assembly: "npc", term: 14, meeting: 1,
      session: "十四届全国人大一次会议", proposalType: "建议", proposalNumber: "6021",
      recipients: [{ name: "青海代表团", role: "代表团" }], title: "关于支持高原地区农村公路提质改造的建议",
      consulted: ["国家发展改革委", "财政部"], date: "2023-06-30",
      source: { file: "fixture-jtb-88.txt", sha256: SHA(13) },
    },
    body: `你们提出的关于支持高原地区农村公路提质改造的建议收悉，经商国家发展改革委、财政部，现答复如下：

交通运输部高度重视高原地区农村公路建设，持续加大车购税资金支持力度，推动农村公路由“通”向“好”转变。

感谢你们对交通运输工作的关心和支持。`,
  },
  {
    data: {
      docNumber: "环提复〔2023〕57号", issuer: "生态环境部", assembly: "cppcc", term: 14, meeting: 1,
      session: "全国政协十四届一次会议", proposalType: "提案", proposalNumber: "01245", category: "资源环境类096号",
      recipients: [{ name: "中国民主促进会中央委员会", role: "党派团体" }], title: "关于推进重点流域水生态保护修复的提案",
      consulted: ["水利部", "自然资源部"], date: "2023-08-18", disclosure: "主动公开",
      source: { file: "fixture-sthjb-57.txt", sha256: SHA(14) },
    },
    body: `贵会提出的关于推进重点流域水生态保护修复的提案收悉，经商水利部、自然资源部，现答复如下：

生态环境部会同有关部门编制重点流域水生态环境保护规划，将水生态保护修复作为重要任务，推动水资源、水环境、水生态统筹治理。

感谢贵会对生态环境保护工作的关心和支持。`,
  },
  {
    data: {
      kind: "summary", issuer: "国家发展和改革委员会", assembly: "npc", term: 14, meeting: 1,
      session: "十四届全国人大一次会议", proposalType: "建议", proposalNumber: "5012",
      recipients: [], title: "关于完善县域商业体系建设的建议", consulted: [], date: "2023-09-05",
      source: { file: "fixture-fgw-zy-5012.txt", sha256: SHA(15) },
    },
    body: `该建议提出完善县域商业网点布局、发展农村物流配送等意见。国家发展改革委答复表示，将会同有关部门推动县域商业设施补短板，支持建设县级物流配送中心和乡镇商贸中心。`,
  },
  {
    data: {
      docNumber: "总工函〔2023〕19号", issuer: "中华全国总工会", assembly: "cppcc", term: 14, meeting: 1,
      session: "全国政协十四届一次会议", proposalType: "提案", proposalNumber: "02317",
      recipients: [{ name: "韩静怡", role: "委员" }], title: "关于维护新就业形态劳动者劳动保障权益的提案",
      consulted: ["人力资源社会保障部"], date: "2023-08-02",
      source: { file: "fixture-zgh-19.txt", sha256: SHA(16) },
    },
    body: `您提出的关于维护新就业形态劳动者劳动保障权益的提案收悉，经商人力资源社会保障部，现答复如下：

全国总工会推动各级工会建设服务站点，吸引新就业形态劳动者加入工会，帮助解决急难愁盼问题。

感谢您对工会工作的关心和支持。`,
  },
];

/** The whole fixture archive: the seed replies and the made-up letters of other issuers. */
export const ALL_FIXTURE_LETTERS: FixtureLetter[] = [...FIXTURE_LETTERS, ...MULTI_ISSUER_LETTERS];

export const FIXTURE_DOCUMENT: { data: DocumentData; body: string } = {
  data: {
    title: "中共中央 国务院关于深化医疗保障制度改革的意见", publisher: "新华社", date: "2020-03-05", truncated: true,
    source: { file: "002_eee1c5757fbe19fc.txt", sha256: SHA(6) },
  },
  body: `医疗保障是减轻群众就医负担、增进民生福祉、维护社会和谐稳定的重大制度安排。

## 一、总体要求

(一)指导思想。以习近平新时代中国特色社会主义思想为指导，加快建成覆盖全民、城乡统筹、权责清晰、保障适度、可持续的多层次医疗保障体系。`,
};

export function letterPath(data: LetterData): string {
  return `letters/${letterFilePath(data)}`;
}

/** Writes the archive into a new temp directory (or `dir`) and returns its path. */
export function writeFixtureArchive(dir = mkdtempSync(join(tmpdir(), "fuwen-fixture-")), letters = ALL_FIXTURE_LETTERS): string {
  mkdirSync(join(dir, "_data"), { recursive: true });
  for (const file of ["sessions.json", "issuers.json"]) copyFileSync(join(PROJECT_ROOT, "_data", file), join(dir, "_data", file));
  for (const { data, body } of letters) {
    const file = join(dir, letterPath(data));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, serializeLetterFile(data as unknown as Record<string, unknown>, body));
  }
  const doc = FIXTURE_DOCUMENT;
  const docFile = join(dir, `letters/documents/${doc.data.date.slice(0, 4)}/${documentId(doc.data.title, doc.data.date)}.md`);
  mkdirSync(dirname(docFile), { recursive: true });
  writeFileSync(docFile, serializeLetterFile(doc.data as unknown as Record<string, unknown>, doc.body));
  return dir;
}
