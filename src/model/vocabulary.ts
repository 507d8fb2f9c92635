/**
 * The words each assembly's replies use, defined once: NPC deputies (代表) make suggestions
 * (建议), CPPCC members (委员) make proposals (提案), and the two write their sessions and
 * reply titles differently. Validation, import, titles, the site and the print edition all
 * read this table; a new kind of proposer or reply is a change here.
 */
import { chineseCount } from "./chinese.ts";

export type Assembly = "npc" | "cppcc";

export interface AssemblyVocabulary {
  /** 全国人大, 全国政协 */
  name: string;
  /** 人大, 政协 */
  shortName: string;
  proposalType: "建议" | "提案";
  /** The role of a person who makes one. */
  role: "代表" | "委员";
  /** The role of a body that makes one: an NPC delegation, a CPPCC party or organization. */
  groupRole: "代表团" | "党派团体";
  /** ASCII slug of the proposal type, for URLs. */
  typeSlug: string;
  /** The session as the replies write it: 十三届全国人大三次会议, 政协十三届全国委员会第五次会议. */
  formalSession(term: number, meeting: number): string;
  /** 第2152号建议, 第01983号（社会管理类184号）提案. */
  reference(number: string, category?: string): string;
  /** The full title of a reply, as printed at its head. */
  replyTitle(issuer: string, formalSession: string, reference: string): string;
}

export const ASSEMBLIES: Readonly<Record<Assembly, AssemblyVocabulary>> = {
  npc: {
    name: "全国人大",
    shortName: "人大",
    proposalType: "建议",
    role: "代表",
    groupRole: "代表团",
    typeSlug: "jianyi",
    formalSession: (term, meeting) => `${chineseCount(term)}届全国人大${chineseCount(meeting)}次会议`,
    reference: (number) => `第${number}号建议`,
    replyTitle: (issuer, session, reference) => `${issuer}对${session}${reference}的答复`,
  },
  cppcc: {
    name: "全国政协",
    shortName: "政协",
    proposalType: "提案",
    role: "委员",
    groupRole: "党派团体",
    typeSlug: "tian",
    formalSession: (term, meeting) => `政协${chineseCount(term)}届全国委员会第${chineseCount(meeting)}次会议`,
    reference: (number, category) => `第${number}号${category ? `（${category}）` : ""}提案`,
    replyTitle: (issuer, session, reference) => `${issuer}关于${session}${reference}答复的函`,
  },
};

/** Reading order: NPC first, as the State Council's own reports list them. */
export const ASSEMBLY_ORDER: readonly Assembly[] = ["npc", "cppcc"];

/** Whether a recipient's role belongs to an assembly: 代表 and 代表团 to the NPC, 委员 and 党派团体 to the CPPCC. */
export function takesRole(assembly: Assembly, role: string): boolean {
  const v = ASSEMBLIES[assembly];
  return role === v.role || role === v.groupRole;
}

/** A body's name is its whole salutation (河北代表团：); a person's takes the role after it (李素萍代表：). */
export function isGroupRole(role: string): boolean {
  return ASSEMBLY_ORDER.some((a) => ASSEMBLIES[a].groupRole === role);
}

export function vocabularyOf(assembly: Assembly): AssemblyVocabulary {
  return ASSEMBLIES[assembly];
}
