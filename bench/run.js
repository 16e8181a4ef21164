// `npm run bench`: runs every bench/*.bench.js in its own process, one after another (the machine has two
// cores; parallel benchmarks would measure each other). Each prints its own table; compare ratios within a run.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.js"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const result = spawnSync(process.execPath, ["--expose-gc", dir + file], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
console.log(
  `\n${files.length - failed} benchmarks ran, ${failed} failed (${new Date().toISOString()}, ${process.version})`,
);
process.exitCode = failed === 0 ? 0 : 1;
