// Size of the WeChat build's main package (everything outside the subpackage roots listed in
// app.json), which WeChat caps at 2 MB. Exits 1 above the cap, so CI fails before WeChat would.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT = 2 * 1024 * 1024;
const root = fileURLToPath(new URL('../miniapp/dist/weapp', import.meta.url));

if (!existsSync(join(root, 'app.json'))) {
  console.error(`no weapp build at ${root} (run pnpm --filter @vip-club/miniapp build:weapp)`);
  process.exit(1);
}

const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'));
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/+$/, ''));

function dirSize(dir, skip = () => false) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (skip(relative(root, p))) continue;
    total += entry.isDirectory() ? dirSize(p, skip) : statSync(p).size;
  }
  return total;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const main = dirSize(root, (rel) => subRoots.includes(rel));
for (const sub of subRoots) {
  const dir = join(root, sub);
  console.log(`weapp subpackage ${sub}: ${existsSync(dir) ? kb(dirSize(dir)) : 'missing'}`);
}
console.log(`weapp main package: ${main} bytes (${kb(main)}), limit ${LIMIT} bytes (${kb(LIMIT)})`);
if (main > LIMIT) {
  console.error('weapp main package is over WeChat\'s 2 MB limit');
  process.exit(1);
}
