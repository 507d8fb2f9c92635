/**
 * The words each assembly's replies use, defined once: NPC deputies (代表) make suggestions
 * (建议), CPPCC members (委员) make proposals (提案). Validation, import, titles, the site and
 * the print edition all read this table.
 */
export type Assembly = "npc" | "cppcc";

export interface AssemblyVocabulary {
  /** 全国人大, 全国政协 */
  name: string;
  /** 人大, 政协 */
  shortName: string;
  proposalType: "建议" | "提案";
  /** The role of a person who makes one. */
  role: "代表" | "委员";
  /** ASCII slug of the type, for URLs. */
  typeSlug: string;
}

export const ASSEMBLIES: Readonly<Record<Assembly, AssemblyVocabulary>> = {
  npc: { name: "全国人大", shortName: "人大", proposalType: "建议", role: "代表", typeSlug: "jianyi" },
  cppcc: { name: "全国政协", shortName: "政协", proposalType: "提案", role: "委员", typeSlug: "tian" },
};

export const ASSEMBLY_ORDER: readonly Assembly[] = ["npc", "cppcc"];

export function vocabularyOf(assembly: Assembly): AssemblyVocabulary {
  return ASSEMBLIES[assembly];
}

/** The assembly whose proposals have this type. */
export function assemblyOfType(type: string): Assembly | undefined {
  return ASSEMBLY_ORDER.find((a) => ASSEMBLIES[a].proposalType === type);
}
