/** npm run check: validates every file under letters/ against the schema and the sessions catalogue. */
import { loadArchive } from "../src/archive.ts";
import { formatProblem } from "../src/model/validate.ts";

const root = process.cwd();
const dir = process.argv[2] ?? "letters";
const archive = loadArchive(root, dir);
for (const problem of archive.problems) console.error(formatProblem(problem));
const summary = `${archive.letters.length} letter(s), ${archive.documents.length} related document(s), ${archive.problems.length} problem(s)`;
if (archive.problems.length) {
  console.error(`\n${summary}. Fix the files named above, then run npm run check again.`);
  process.exit(1);
}
console.log(`${summary}.`);
