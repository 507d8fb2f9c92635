/** A static SVG bar chart of replies per month, drawn at build time: no JavaScript, a few hundred bytes. Pure. */

export interface MonthCount {
  /** YYYY-MM */
  month: string;
  count: number;
}

/** Every month from the first to the last that has replies, with zeros for the quiet ones. */
export function fillMonths(counts: ReadonlyMap<string, number>): MonthCount[] {
  const months = [...counts.keys()].sort();
  if (!months.length) return [];
  const [firstYear, firstMonth] = months[0]!.split("-").map(Number) as [number, number];
  const [lastYear, lastMonth] = months[months.length - 1]!.split("-").map(Number) as [number, number];
  const result: MonthCount[] = [];
  for (let y = firstYear, m = firstMonth; y < lastYear || (y === lastYear && m <= lastMonth); m === 12 ? (y++, m = 1) : m++) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    result.push({ month, count: counts.get(month) ?? 0 });
  }
  return result;
}

const BAR = 6;
const GAP = 1;
const PLOT_HEIGHT = 100;
const AXIS = 16;
const LEFT = 34;

/**
 * Bars as one path (small), a y-axis maximum, and a year label under each January
 * (or under the first month). The description is the text a screen reader hears.
 */
export function monthlyChart(months: readonly MonthCount[], description: string): string {
  if (!months.length) return "";
  const max = Math.max(1, ...months.map((m) => m.count));
  const width = LEFT + months.length * (BAR + GAP) + 2;
  const height = PLOT_HEIGHT + AXIS + 6;
  const bars = months
    .map((m, i) => {
      if (!m.count) return "";
      const h = Math.max(1, Math.round((m.count / max) * PLOT_HEIGHT));
      return `M${LEFT + i * (BAR + GAP)} ${PLOT_HEIGHT + 4 - h}h${BAR}v${h}h-${BAR}z`;
    })
    .join("");
  const labels = months
    .map((m, i) => (i === 0 || m.month.endsWith("-01") ? { x: LEFT + i * (BAR + GAP), year: m.month.slice(0, 4) } : undefined))
    .filter((l): l is { x: number; year: string } => !!l)
    .filter((l, i, all) => i === 0 || l.x - all[i - 1]!.x >= 30)
    .map((l) => `<text x="${l.x}" y="${height - 2}">${l.year}</text>`)
    .join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title">` +
    `<title id="chart-title">${description}</title>` +
    `<g font-size="10" fill="currentColor"><text x="0" y="12">${max}</text><text x="0" y="${PLOT_HEIGHT + 4}">0</text>${labels}</g>` +
    `<path d="M${LEFT - 2} 4V${PLOT_HEIGHT + 4}H${width}" fill="none" stroke="currentColor" stroke-width="0.5"/>` +
    `<path d="${bars}" fill="#9b2c2c"/></svg>`
  );
}
