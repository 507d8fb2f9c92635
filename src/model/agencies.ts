/** The catalogue of agencies that answer suggestions and proposals (_data/issuers.json). Pure. */
import { z } from "zod";
import { byPinyin } from "./order.ts";

export interface Agency {
  /** The official name, as replies sign it: 教育部, 国家发展和改革委员会. */
  name: string;
  /** How replies abbreviate it when they list the agencies consulted: 国家发展改革委, 发改委. */
  shortForms: string[];
  /** The issuer codes of its 文号: 教建议, 人社建字, or a stem such as 国卫. */
  codes: string[];
  /** 国务院组成部门, 国家局, 人民团体… */
  kind: string;
  /** A former name: the year it stopped being used. */
  until?: number;
  /** A former name: the entry that took over. */
  successor?: string;
}

export class AgencyCatalogue {
  readonly agencies: readonly Agency[];
  private readonly byName = new Map<string, Agency>();
  private readonly byExactCode = new Map<string, Agency>();
  /** Codes longest first, so that a 文号's code finds its most specific stem. */
  private readonly codesByLength: string[];

  constructor(agencies: readonly Agency[]) {
    this.agencies = agencies;
    const claim = (index: Map<string, Agency>, what: string, value: string, agency: Agency) => {
      const key = compact(value);
      const owner = index.get(key);
      // One entry may repeat itself harmlessly; two entries on one key would make lookups depend on order.
      if (owner && owner !== agency) throw new Error(`${what} “${value}” is shared by “${owner.name}” and “${agency.name}”`);
      index.set(key, agency);
    };
    for (const agency of agencies) {
      for (const name of [agency.name, ...agency.shortForms]) claim(this.byName, "name or short form", name, agency);
      for (const code of agency.codes) claim(this.byExactCode, "code", code, agency);
    }
    for (const agency of agencies) {
      if (agency.successor && !this.byName.has(compact(agency.successor))) {
        throw new Error(`“${agency.name}”: successor “${agency.successor}” is not in the catalogue`);
      }
    }
    this.codesByLength = [...this.byExactCode.keys()].sort((a, b) => b.length - a.length);
  }

  /** By official name or any short form, ignoring white space (OCR spacing): "国家 发展改革委" → the entry. */
  find(name: string): Agency | undefined {
    const key = compact(name);
    // Some replies sign with the state's name in front: 中华人民共和国海关总署.
    return this.byName.get(key) ?? (key.startsWith(STATE) ? this.byName.get(key.slice(STATE.length)) : undefined);
  }

  /** By a 文号's issuer code: exact code first, then the longest catalogue code that the given code starts with. */
  byCode(code: string): Agency | undefined {
    const key = compact(code);
    const exact = this.byExactCode.get(key);
    if (exact) return exact;
    const stem = this.codesByLength.find((c) => key.startsWith(c));
    return stem === undefined ? undefined : this.byExactCode.get(stem);
  }

  /** Every name and short form that contains 和, longest first: the importer must not split agency lists on those. */
  namesWithHe(): string[] {
    const names = new Set(this.agencies.flatMap((a) => [a.name, ...a.shortForms]).filter((n) => n.includes("和")));
    return [...names].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  }
}

const STATE = "中华人民共和国";

const AgencySchema = z.strictObject({
  name: z.string().min(2),
  shortForms: z.array(z.string().min(2)),
  codes: z.array(z.string().min(1)),
  kind: z.string().min(2),
  until: z.number().int().min(1949).max(2100).optional(),
  successor: z.string().min(2).optional(),
});

/** Validates _data/issuers.json (already parsed) and builds the catalogue; errors name the entry index and field. */
export function loadAgencyCatalogue(json: unknown): AgencyCatalogue {
  const parsed = z.array(AgencySchema).safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const [index, ...field] = issue.path;
      const entry = typeof index === "number" && Array.isArray(json) ? (json[index] as { name?: unknown } | undefined) : undefined;
      const named = typeof entry?.name === "string" ? ` “${entry.name}”` : "";
      const where = index === undefined ? "the catalogue" : `entry ${String(index)}${named}${field.length ? `, field ${field.join(".")}` : ""}`;
      return `${where}: ${issue.message}`;
    });
    throw new Error(`_data/issuers.json is not a valid agencies catalogue:\n  ${lines.join("\n  ")}`);
  }
  return new AgencyCatalogue(parsed.data);
}

function compact(text: string): string {
  return text.replace(/\s+/g, "");
}

// One name and one order per body for the outputs: letters print short forms and former names;
// the browse pages, search filters and editions file each body once, under its official name.

/** The official name for a printed name or short form (国家卫生健康委 → 国家卫生健康委员会); the printed name when the catalogue lacks it. */
export function canonicalAgency(name: string, agencies?: AgencyCatalogue): string {
  return agencies?.find(name)?.name ?? name;
}

/**
 * The catalogue's order (the State Council's own listing: its departments, then the
 * administrations, …), names it lacks after them in pinyin order; pinyin alone without a catalogue.
 */
export function agencyOrder(agencies?: AgencyCatalogue): (a: string, b: string) => number {
  const position = new Map((agencies?.agencies ?? []).map((agency, i) => [agency.name, i]));
  const rank = (name: string) => position.get(name) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => rank(a) - rank(b) || byPinyin(a, b);
}

/** The catalogue's kind of a body (国务院组成部门, 人民团体…), for grouping an overview; undefined when it is not listed. */
export function agencyKind(name: string, agencies?: AgencyCatalogue): string | undefined {
  return agencies?.find(name)?.kind;
}
