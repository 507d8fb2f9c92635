/** The import report an archivist reads: per file, what was written, every change, what needs review. Pure. */
import type { FileReport } from "./files.ts";

export function formatReport(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    if (report.status === "error") {
      lines.push(`✗ ${report.file}: ${report.error}`);
      continue;
    }
    lines.push(`${report.status === "written" ? "✓" : "="} ${report.file} → ${report.target} (${report.status})`);
    if (report.summary) lines.push(`  ${report.summary}`);
    for (const note of report.notes) lines.push(`  · ${note}`);
    for (const change of report.changes) lines.push(`  ${change.line ? `line ${change.line}: ` : ""}${change.note}`);
    if (report.audit) lines.push(`  audit: ${report.audit}`);
    for (const item of report.review) lines.push(`  needs review: ${item}`);
  }
  const failed = reports.filter((r) => r.status === "error").length;
  const written = reports.filter((r) => r.status === "written").length;
  const unchanged = reports.filter((r) => r.status === "unchanged").length;
  const review = reports.reduce((n, r) => n + r.review.length, 0);
  lines.push("", `${reports.length} file(s): ${written} written, ${unchanged} unchanged, ${failed} failed, ${review} item(s) need review.`);
  const kinds = new Map<string, number>();
  for (const report of reports) for (const change of report.changes) kinds.set(change.kind, (kinds.get(change.kind) ?? 0) + 1);
  if (kinds.size) lines.push(`changes by kind: ${[...kinds].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([kind, n]) => `${kind} ${n}`).join(", ")}.`);
  return lines.join("\n");
}
