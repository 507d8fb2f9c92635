import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadArchive } from "../src/archive.ts";
import { formatProblem } from "../src/model/validate.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
let work: string;
const letter = () => readFileSync(join(root, "letters/2020/ybh-2020-135.md"), "utf8");

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "fuwen-check-"));
  cpSync(join(root, "_data"), join(work, "_data"), { recursive: true });
  cpSync(join(root, "letters"), join(work, "letters"), { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("npm run check", () => {
  it("reads the committed archive: four letters, one related document, no problems", () => {
    const archive = loadArchive(root);
    expect(archive.problems).toEqual([]);
    expect(archive.letters.map((l) => l.id).sort()).toEqual(["ybh-2020-135", "ybh-2021-194", "ybh-2022-132", "ybh-2023-90"]);
    expect(archive.documents.map((d) => d.title)).toEqual(["中共中央 国务院关于深化医疗保障制度改革的意见"]);
  });

  it("names file, line and field for each problem, and exits non-zero", () => {
    writeFileSync(join(work, "letters/2020/bad-date.md"), letter().replace('date: "2020-10-27"', 'date: "2020-13-40"').replace("135号", "136号"));
    writeFileSync(join(work, "letters/2020/bad-session.md"), letter().replace("session: 十三届全国人大三次会议", "session: 十三届全国人大六次会议").replace("135号", "137号"));
    writeFileSync(join(work, "letters/2020/duplicate.md"), letter());
    writeFileSync(join(work, "letters/2020/no-title.md"), letter().replace(/^title: .*\n/m, "").replace("135号", "138号"));
    writeFileSync(join(work, "letters/2020/broken-yaml.md"), letter().replace("term: 13", "term: [13"));

    const problems = loadArchive(work).problems.map(formatProblem);
    expect(problems).toContain("letters/2020/bad-date.md:17: date: is not a calendar date");
    expect(problems.find((p) => p.startsWith("letters/2020/bad-session.md:7: session: “十三届全国人大六次会议” never existed: the 13th NPC met five times (2018–2022)"))).toBeDefined();
    expect(problems).toContain("letters/2020/ybh-2020-135.md: docNumber: the same 文号 as letters/2020/duplicate.md (医保函〔2020〕135号); keep one");
    expect(problems.filter((p) => p.includes("duplicate.md"))).toHaveLength(1);
    expect(problems).toContain("letters/2020/no-title.md: title: is missing: add it to the front matter");
    expect(problems.find((p) => /^letters\/2020\/broken-yaml\.md:6: YAML: .*[^:]$/.test(p))).toBeDefined();

    const run = spawnSync(join(root, "node_modules/.bin/tsx"), [join(root, "scripts/check.ts")], { cwd: work, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("letters/2020/bad-date.md:17: date: is not a calendar date");
    expect(run.stderr).toMatch(/5 letter\(s\), 1 related document\(s\), 5 problem\(s\)/);
  });
});
