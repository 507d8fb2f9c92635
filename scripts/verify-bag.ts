/**
 * npm run verify-bag -- <bag directory>
 *
 * Checks a BagIt bag written by `npm run build -- --bag`: every payload file listed with the
 * SHA-256 it has, nothing missing, the tag files intact. Exit 0 when valid, 1 with each problem.
 */
import { resolve } from "node:path";
import { verifyBag } from "../src/checksums.ts";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: npm run verify-bag -- <bag directory>");
  process.exit(2);
}
const problems = verifyBag(resolve(dir));
for (const problem of problems) console.error(problem);
console.log(problems.length ? `${dir}: not valid (${problems.length} problem${problems.length === 1 ? "" : "s"})` : `${dir}: valid`);
process.exitCode = problems.length ? 1 : 0;
