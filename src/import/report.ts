/**
 * What the importer tells the archivist. The full report, per file: what was written, every
 * change, what needs review. The short form, per file: one line, plus what needs review or
 * failed. Both end with the same totals. Pure.
 */
import type { FileReport } from "./files.ts";

export function formatReport(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(statusLine(report));
    if (report.status === "error") continue;
    if (report.summary) lines.push(`  ${report.summary}`);
    for (const note of report.notes) lines.push(`  · ${note}`);
    for (const change of report.changes) lines.push(`  ${change.line ? `line ${change.line}: ` : ""}${change.note}`);
    if (report.audit) lines.push(`  audit: ${report.audit}`);
    for (const item of report.review) lines.push(`  needs review: ${item}`);
  }
  return [...lines, "", ...totals(reports)].join("\n");
}

/** One line per file, with its review items; the changes are in the full report. */
export function formatSummary(reports: FileReport[], only: "all" | "attention" = "all"): string {
  const lines: string[] = [];
  for (const report of reports) {
    if (only === "attention" && report.status !== "error" && !report.review.length) continue;
    lines.push(statusLine(report));
    for (const item of report.review) lines.push(`  needs review: ${item}`);
  }
  return [...lines, "", ...table(reports), "", ...totals(reports)].join("\n");
}

export function statusLine(report: FileReport): string {
  if (report.status === "error") return `✗ ${report.file}: ${report.error}`;
  return `${report.status === "written" ? "✓" : "="} ${report.file} → ${report.target} (${report.status})`;
}

function table(reports: FileReport[]): string[] {
  const count = (test: (r: FileReport) => boolean) => reports.filter(test).length;
  const rows: [string, number][] = [
    ["imported", count((r) => r.status === "written")],
    ["unchanged", count((r) => r.status === "unchanged")],
    ["needs review", count((r) => r.status !== "error" && r.review.length > 0)],
    ["refused", count((r) => r.status === "error")],
  ];
  return rows.map(([label, n]) => `${label.padEnd(14)}${String(n).padStart(6)}`);
}

function totals(reports: FileReport[]): string[] {
  const failed = reports.filter((r) => r.status === "error").length;
  const written = reports.filter((r) => r.status === "written").length;
  const unchanged = reports.filter((r) => r.status === "unchanged").length;
  const review = reports.reduce((n, r) => n + r.review.length, 0);
  const lines = [`${reports.length} file(s): ${written} written, ${unchanged} unchanged, ${failed} failed, ${review} item(s) need review.`];
  const kinds = new Map<string, number>();
  for (const report of reports) for (const change of report.changes) kinds.set(change.kind, (kinds.get(change.kind) ?? 0) + 1);
  if (kinds.size) lines.push(`changes by kind: ${[...kinds].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([kind, n]) => `${kind} ${n}`).join(", ")}.`);
  return lines;
}
