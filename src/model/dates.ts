/**
 * Dates, defined once. A reply's date is a calendar date in China: it is formatted from the
 * date itself, and turned into an instant only as midnight in Beijing time (Asia/Shanghai),
 * never through the machine's local time zone. The formatting functions have no dependencies,
 * so the search page's bundle takes them without luxon.
 */
import { DateTime } from "luxon";

const BEIJING = "Asia/Shanghai";

/** 2020-10-27 → 2020年10月27日. */
export function formatChineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

/** 2020-10 → 2020年10月. */
export function chineseMonth(yearMonth: string): string {
  const [year, month] = yearMonth.split("-").map(Number);
  return `${year}年${month}月`;
}

/** 2020-10-27 → 2020-10-27T00:00:00+08:00: the start of that day in Beijing, as RFC 3339. */
export function beijingMidnightIso(isoDate: string): string {
  const midnight = DateTime.fromISO(isoDate, { zone: BEIJING });
  if (!midnight.isValid) throw new RangeError(`not a calendar date: ${isoDate}`);
  return midnight.toISO({ suppressMilliseconds: true })!;
}

/** The instant Beijing's day begins. */
export function beijingMidnight(isoDate: string): Date {
  return new Date(beijingMidnightIso(isoDate));
}

/** The calendar date in Beijing at an instant, YYYY-MM-DD. */
export function beijingDateOf(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: BEIJING }).toISODate()!;
}

/** A duration for progress lines: 125 s → 2:05. */
export function formatMinutes(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
