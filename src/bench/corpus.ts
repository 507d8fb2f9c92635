/**
 * A synthetic archive for benchmarks and scale tests: N replies with realistic Chinese bodies
 * assembled from the seed replies' paragraphs, spread over the sessions of terms 12–14 and
 * twenty issuers with their own 文号 codes, valid against the schema, written as real letter
 * files. Every kind of letter occurs: replies to one deputy or member, to several, to a
 * delegation or a party (about 5%); summaries without 文号 (about 10%, half of them naming
 * no one); a second issuer answering the same suggestion (about 5%); 抄送 and contacts.
 * Deterministic for a given N and seed.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LetterData } from "../model/letter.ts";
import type { Session, SessionCatalogue } from "../model/sessions.ts";
import { letterPath } from "../model/ids.ts";
import { serializeLetterFile } from "../model/letter-file.ts";
import { vocabularyOf } from "../model/vocabulary.ts";

const SEEDS = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "seed-paragraphs.json"), "utf8")) as {
  headings: string[];
  paragraphs: string[];
};

const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"];
const GIVEN = [..."伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉兰志强文斌海燕红梅晓东立新国华春梅素萍祖安海军文贤雪梅德明永红丽华建华"];
const AGENCIES = [
  "国家卫生健康委", "全国总工会", "民政部", "财政部", "人力资源社会保障部", "银保监会", "国家税务总局", "国家药监局",
  "国家发展改革委", "教育部", "工业和信息化部", "公安部", "司法部", "国家中医药局", "国务院国资委", "市场监管总局",
  "国家乡村振兴局", "中国残联", "全国妇联", "国家统计局", "商务部", "农业农村部", "退役军人事务部", "应急管理部",
];
const TOPICS = [
  "加大困难职工医疗帮扶力度", "完善基本医疗保险参保缴费工作机制", "适时调整社会保险缴纳比例减轻企业负担", "解决“因病致困”难题",
  "推进医保关系跨省转移接续", "提高基本医保统筹层次", "完善职工门诊共济保障机制", "加强医保基金监管",
  "扩大异地就医直接结算范围", "完善罕见病用药保障机制", "推进药品集中带量采购常态化", "发展商业健康保险",
  "健全重特大疾病医疗保险和救助制度", "推进长期护理保险制度试点", "完善医疗服务价格形成机制", "支持中医药传承创新发展",
  "加强基层医疗卫生服务能力建设", "完善灵活就业人员参保政策", "推进“互联网+医疗”医保支付", "规范定点医药机构管理",
  "提高城乡居民医保财政补助标准", "加快医疗保障立法", "完善医保目录动态调整机制", "推进按病种付费改革",
];
const CATEGORIES = ["社会管理类", "医药卫生类", "经济发展类", "农业农村类", "教育文化类"];

/** Twenty issuers (official names, as in _data/issuers.json), their 文号 codes for NPC and CPPCC replies, and their field of work. */
const ISSUERS = [
  { name: "国家医疗保障局", npc: "医保函", cppcc: "医保提", work: "医疗保障" },
  { name: "国家发展和改革委员会", npc: "发改办建议", cppcc: "发改办提案", work: "发展改革" },
  { name: "教育部", npc: "教建议", cppcc: "教提案", work: "教育" },
  { name: "科学技术部", npc: "国科建议", cppcc: "国科提案", work: "科技" },
  { name: "工业和信息化部", npc: "工信建议", cppcc: "工信提案", work: "工业和信息化" },
  { name: "民政部", npc: "民函建", cppcc: "民函提", work: "民政" },
  { name: "财政部", npc: "财建函", cppcc: "财社函", work: "财政" },
  { name: "人力资源和社会保障部", npc: "人社建字", cppcc: "人社提字", work: "人力资源社会保障" },
  { name: "自然资源部", npc: "自然资人议复字", cppcc: "自然资政协复字", work: "自然资源" },
  { name: "生态环境部", npc: "环建复", cppcc: "环提复", work: "生态环境保护" },
  { name: "住房和城乡建设部", npc: "建复字", cppcc: "建办复字", work: "住房和城乡建设" },
  { name: "交通运输部", npc: "交办建议", cppcc: "交办提案", work: "交通运输" },
  { name: "文化和旅游部", npc: "文旅建", cppcc: "文旅提", work: "文化和旅游" },
  { name: "国家卫生健康委员会", npc: "国卫建", cppcc: "国卫提", work: "卫生健康" },
  { name: "应急管理部", npc: "应急建议", cppcc: "应急提案", work: "应急管理" },
  { name: "国家税务总局", npc: "税总建议", cppcc: "税总提案", work: "税收" },
  { name: "国家市场监督管理总局", npc: "国市监建", cppcc: "国市监提", work: "市场监管" },
  { name: "国家药品监督管理局", npc: "国药监建", cppcc: "国药监提", work: "药品监管" },
  { name: "中国残疾人联合会", npc: "残联建", cppcc: "残联提", work: "残疾人" },
  { name: "中华全国总工会", npc: "总工建", cppcc: "总工提", work: "工会" },
] as const;

/** Delegations and the bodies of 集体提案, who also make suggestions and proposals. */
const DELEGATIONS = ["河北代表团", "山西代表团", "四川代表团", "云南代表团", "青海代表团", "广西代表团", "江西代表团", "黑龙江代表团"];
const PARTIES = ["中国民主同盟中央委员会", "中国民主建国会中央委员会", "九三学社中央委员会", "中国农工民主党中央委员会", "中华全国工商业联合会", "中华全国妇女联合会"];
const CC = { npc: "全国人大常委会办公厅联络局", cppcc: "全国政协提案委员会" } as const;
const NUMERALS = ["一", "二", "三", "四", "五", "六"];

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticLetter {
  data: LetterData;
  body: string;
  /** Path relative to the archive root. */
  file: string;
}

export function generateCorpus(count: number, catalogue: SessionCatalogue, seed = 20201027): SyntheticLetter[] {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const sessions: Session[] = catalogue.sessions.filter((s) => s.term >= 12 && s.term <= 14);
  if (!sessions.length) throw new Error("the sessions catalogue has no sessions of terms 12–14");

  // About three letters per person, as deputies and members write several suggestions over a term.
  const poolSize = Math.max(8, Math.ceil(count / 3));
  const names = new Set<string>();
  while (names.size < poolSize && names.size < SURNAMES.length * GIVEN.length * GIVEN.length) {
    names.add(pick(SURNAMES) + pick(GIVEN) + (rand() < 0.7 ? pick(GIVEN) : ""));
  }
  const people = [...names];

  const serialByCode = new Map<string, number>();
  const numbersBySession = new Map<string, number>();
  /** The last suggestion of each session: its number, who made it, its title and the issuers that answered it. */
  const lastBySession = new Map<string, { number: number; recipients: LetterData["recipients"]; title: string; issuers: Set<string> }>();
  const letters: SyntheticLetter[] = [];
  for (let i = 0; i < count; i++) {
    const session = sessions[i % sessions.length]!;
    const { proposalType, role, groupRole } = vocabularyOf(session.assembly);
    // CPPCC proposals carry five-digit numbers and a category.
    const npc = session.assembly === "npc";
    const month = 5 + Math.floor(rand() * 7);
    const day = 1 + Math.floor(rand() * 28);
    const date = `${session.year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    const summary = rand() < 0.1;
    // A co-handling unit's reply: the session's last suggestion again, answered by another issuer.
    const previous = lastBySession.get(session.id);
    const coHandled = previous !== undefined && rand() < 0.05;
    let issuer = pick(ISSUERS);
    // Never an issuer that answered it already: its second summary would have the first one's id.
    while (coHandled && previous.issuers.has(issuer.name)) issuer = pick(ISSUERS);

    const number = coHandled ? previous.number : (numbersBySession.get(session.id) ?? 0) + 1 + Math.floor(rand() * 5);
    numbersBySession.set(session.id, number);
    const code = npc ? issuer.npc : issuer.cppcc;
    const serialKey = `${code}-${session.year}`;
    const serial = (serialByCode.get(serialKey) ?? 0) + 1;
    serialByCode.set(serialKey, serial);
    const docNumber = summary ? undefined : `${code}〔${session.year}〕${serial}号`;
    const kindOfProposer = rand();
    const recipients = coHandled ? previous.recipients
      : kindOfProposer < 0.05 ? [{ name: pick(npc ? DELEGATIONS : PARTIES), role: groupRole }]
      : [...new Set(Array.from({ length: kindOfProposer < 0.85 ? 1 : 2 + Math.floor(rand() * 2) }, () => pick(people)))].map((name) => ({ name, role }));
    const consulted = [...new Set(Array.from({ length: Math.floor(rand() * 3) }, () => pick(AGENCIES)))];
    const title = coHandled ? previous.title : `关于${pick(TOPICS)}的${proposalType}`;
    lastBySession.set(session.id, { number, recipients, title, issuers: new Set([...(coHandled ? previous.issuers : []), issuer.name]) });

    const sections = 2 + Math.floor(rand() * 3);
    const parts = [
      `您提出的《${title}》收悉，${consulted.length ? `经商${consulted.join("、")}，` : ""}现答复如下：`,
    ];
    for (let s = 0; s < sections; s++) {
      parts.push(`## ${NUMERALS[s]}、${pick(SEEDS.headings)}`);
      const paragraphs = 1 + Math.floor(rand() * 3);
      for (let p = 0; p < paragraphs; p++) parts.push(pick(SEEDS.paragraphs));
    }
    parts.push(`您的${proposalType}对我们的工作很有借鉴意义。下一步，我们将认真研究吸收，持续推进相关工作。`);
    parts.push(`感谢您对${issuer.work}工作的关心和支持。`);

    const data: LetterData = {
      ...(summary ? { kind: "summary" as const } : { docNumber }), issuer: issuer.name,
      assembly: session.assembly, term: session.term, meeting: session.meeting,
      session: session.name, proposalType, proposalNumber: npc ? String(number) : String(number).padStart(5, "0"),
      ...(npc ? {} : { category: `${pick(CATEGORIES)}${1 + Math.floor(rand() * 400)}号` }),
      // Half of the summaries name no one.
      recipients: summary && rand() < 0.5 ? [] : recipients, title, consulted, date,
      ...(rand() < 0.5 ? { disclosure: "主动公开" } : {}),
      ...(rand() < 0.2 ? { cc: [CC[session.assembly]] } : {}),
      ...(rand() < 0.15 ? { contact: { name: pick(people), phone: `010-5555${String(i % 10000).padStart(4, "0")}` } } : {}),
      source: { file: `synthetic-${String(i + 1).padStart(6, "0")}.txt`, sha256: (i + 1).toString(16).padStart(64, "0") },
    };
    letters.push({ data, body: parts.join("\n\n"), file: `letters/${letterPath(data)}` });
  }
  return letters;
}

/** Writes an archive (letters/, and the catalogues _data/sessions.json and _data/issuers.json from dataDir) into dir. */
export function writeCorpus(dir: string, letters: readonly SyntheticLetter[], dataDir: string): void {
  mkdirSync(join(dir, "_data"), { recursive: true });
  for (const file of ["sessions.json", "issuers.json"]) copyFileSync(join(dataDir, file), join(dir, "_data", file));
  const made = new Set<string>();
  for (const letter of letters) {
    const path = join(dir, letter.file);
    const parent = dirname(path);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(path, serializeLetterFile(letter.data as unknown as Record<string, unknown>, letter.body));
  }
}
