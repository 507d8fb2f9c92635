/**
 * A small valid archive in a temp directory: the four seed replies (abridged), one reply made
 * up to test prev/next, several signatories and template-like text, and the related document
 * the first seed cites. The sessions catalogue is the project's own.
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
export function writeFixtureArchive(dir = mkdtempSync(join(tmpdir(), "fuwen-fixture-")), letters = FIXTURE_LETTERS): string {
  mkdirSync(join(dir, "_data"), { recursive: true });
  copyFileSync(join(PROJECT_ROOT, "_data", "sessions.json"), join(dir, "_data", "sessions.json"));
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
