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
