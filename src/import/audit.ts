/**
 * The no-text-lost audit: every Han character of the source is either in the body
 * or in something the report lists as removed. Counts are compared exactly. Pure.
 */
import type { Change } from "./changes.ts";

function countHan(text: string, into = new Map<string, number>(), sign = 1): Map<string, number> {
  for (const char of text.match(/\p{Script=Han}/gu) ?? []) into.set(char, (into.get(char) ?? 0) + sign);
  return into;
}

export function auditHanCharacters(source: string, body: string, changes: Change[]): { ok: boolean; message: string; source: number; body: number; removed: number } {
  const balance = countHan(source);
  countHan(body, balance, -1);
  let removed = 0;
  for (const change of changes) {
    if (!change.removed) continue;
    removed += change.removed.match(/\p{Script=Han}/gu)?.length ?? 0;
    countHan(change.removed, balance, -1);
  }
  const sourceCount = source.match(/\p{Script=Han}/gu)?.length ?? 0;
  const bodyCount = body.match(/\p{Script=Han}/gu)?.length ?? 0;
  const lost = [...balance].filter(([, n]) => n > 0).map(([c, n]) => `${c}×${n}`);
  const gained = [...balance].filter(([, n]) => n < 0).map(([c, n]) => `${c}×${-n}`);
  const ok = !lost.length && !gained.length;
  const message = ok
    ? `${sourceCount} Han characters in the source = ${bodyCount} in the body + ${removed} listed as removed`
    : `${lost.length ? `lost ${lost.slice(0, 10).join(" ")}` : ""}${gained.length ? ` gained ${gained.slice(0, 10).join(" ")}` : ""}`;
  return { ok, message, source: sourceCount, body: bodyCount, removed };
}
