/** The catalogue of NPC and CPPCC sessions (_data/sessions.json) and how names map onto it. */
import { parseChineseNumber } from "./chinese.ts";

export interface Session {
  id: string;
  assembly: "npc" | "cppcc";
  term: number;
  meeting: number;
  year: number;
  name: string;
  aliases: string[];
}

export class SessionCatalogue {
  readonly sessions: readonly Session[];
  private readonly byName = new Map<string, Session>();
  private readonly byKey = new Map<string, Session>();

  constructor(sessions: readonly Session[]) {
    this.sessions = sessions;
    for (const session of sessions) {
      this.byKey.set(key(session.assembly, session.term, session.meeting), session);
      for (const name of [session.name, ...session.aliases]) this.byName.set(compact(name), session);
    }
  }

  get(assembly: string, term: number, meeting: number): Session | undefined {
    return this.byKey.get(key(assembly, term, meeting));
  }

  /** Position in catalogue order, for sorting. */
  order(session: Session): number {
    return this.sessions.indexOf(session);
  }

  /**
   * Finds a session by any of the ways it is written: the display name, an alias,
   * or a wording the aliases lack (第十三届全国人民代表大会第三次会议).
   */
  find(name: string): Session | undefined {
    const exact = this.byName.get(compact(name));
    if (exact) return exact;
    const parsed = parseSessionName(name);
    return parsed && this.get(parsed.assembly, parsed.term, parsed.meeting);
  }

  /** Why a session name is not in the catalogue, in words an archivist can act on; undefined when it is there or cannot be parsed. */
  explainMissing(name: string): string | undefined {
    const parsed = parseSessionName(name);
    if (!parsed || this.find(name)) return undefined;
    const { assembly, term, meeting } = parsed;
    const ofAssembly = this.sessions.filter((s) => s.assembly === assembly);
    const ofTerm = ofAssembly.filter((s) => s.term === term).sort((a, b) => a.meeting - b.meeting);
    if (!ofTerm.length) {
      if (!ofAssembly.length) return `the catalogue holds no ${ASSEMBLY_NAMES[assembly]} sessions at all`;
      const terms = ofAssembly.map((s) => s.term);
      const years = ofAssembly.map((s) => s.year);
      const held = `${ordinal(Math.min(...terms))}–${ordinal(Math.max(...terms))} ${ASSEMBLY_NAMES[assembly]} (${Math.min(...years)}–${Math.max(...years)})`;
      return `the catalogue holds the ${held}, not the ${ordinal(term)}: check the term as the letter writes it`;
    }
    const first = ofTerm[0]!;
    const last = ofTerm[ofTerm.length - 1]!;
    const met = `the ${ordinal(term)} ${ASSEMBLY_NAMES[assembly]} met ${countWord(ofTerm.length)} (${first.year}–${last.year})`;
    // Past the end (or before the start) of the term, the nearest meeting is the likely one.
    const nearest = meeting > last.meeting ? last : meeting < first.meeting ? first : undefined;
    if (nearest) return `${met}: there was no ${ordinal(meeting)} meeting; did you mean ${nearest.name} (${nearest.year})?`;
    return `${met}, but its ${ordinal(meeting)} meeting is not among them: check the meeting as the letter writes it`;
  }
}

const ASSEMBLY_NAMES = { npc: "NPC", cppcc: "CPPCC National Committee" } as const;

/** 1 → 1st, 2 → 2nd, 11 → 11th, 22 → 22nd. */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

/** 1 → once, 2 → twice, 5 → five times. */
function countWord(n: number): string {
  const words = ["", "once", "twice", "three times", "four times", "five times", "six times", "seven times"];
  return words[n] ?? `${n} times`;
}

export function parseSessionName(
  name: string,
): { assembly: "npc" | "cppcc"; term: number; meeting: number } | undefined {
  const text = compact(name);
  const assembly = /政协|政治协商/.test(text) ? "cppcc" : /人大|人民代表大会/.test(text) ? "npc" : undefined;
  const term = /第?([〇零一二三四五六七八九十\d]+)届/.exec(text)?.[1];
  const meeting = /第?([〇零一二三四五六七八九十\d]+)次(?:全体)?会议/.exec(text)?.[1];
  if (!assembly || !term || !meeting) return undefined;
  const termNumber = parseChineseNumber(term);
  const meetingNumber = parseChineseNumber(meeting);
  if (termNumber === undefined || meetingNumber === undefined) return undefined;
  return { assembly, term: termNumber, meeting: meetingNumber };
}

function key(assembly: string, term: number, meeting: number): string {
  return `${assembly}-${term}-${meeting}`;
}

function compact(text: string): string {
  return text.replace(/\s+/g, "");
}
