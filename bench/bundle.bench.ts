/**
 * What a browser downloads before a page is usable, gzipped, read from the built dist/ (runs `npm run
 * build` first when dist/addin or dist/lookup is missing; it does not rebuild a stale dist — build first
 * after changing the front ends). Targets: the task pane's first load ≤ 200 KB, the look-up page ≤ 60 KB.
 *
 *   npx tsx bench/bundle.bench.ts
 *
 * "First load" = the scripts and style sheets index.html names (src, stylesheet, modulepreload) plus every
 * chunk they import statically, transitively. Chunks reached only through import() and the validation
 * worker (started when the first check runs) are listed separately, not counted. Office.js comes from
 * Microsoft's CDN (or the server's copy) and is not ours to shrink, so it is not counted either. KB = 1,024 bytes.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

const TARGETS = { addin: 200, lookup: 60 } as const;

if (!existsSync(join(dist, 'addin/index.html')) || !existsSync(join(dist, 'lookup/index.html'))) {
  console.log('  dist/ missing: npm run build');
  execSync('npm run build', { cwd: root, stdio: 'ignore' });
}

const gz = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const line = (label: string, value: string): void => console.log(`  ${label.padEnd(60)} ${value}`);

/** Files (absolute paths) the page loads before it runs: the HTML's own references and their static imports. */
function firstLoad(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const queue: string[] = [];
  for (const m of html.matchAll(/<script[^>]*\bsrc="(\.\/[^"]+)"/g)) queue.push(resolve(dir, m[1] as string));
  for (const m of html.matchAll(/<link[^>]*\brel="(?:stylesheet|modulepreload)"[^>]*\bhref="(\.\/[^"]+)"/g)) queue.push(resolve(dir, m[1] as string));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(file, 'utf8');
    // Static imports only: `import … from "./x.js"`, `export … from "./x.js"`, `import "./x.js"`; not import("./x.js").
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\.?\/[^"']+\.(?:js|css))["']/g)) queue.push(resolve(dirname(file), m[1] as string));
  }
  return [...seen];
}

function report(name: keyof typeof TARGETS | 'console', title: string): void {
  const dir = join(dist, name);
  if (!existsSync(join(dir, 'index.html'))) {
    line(title, 'not built');
    return;
  }
  const first = firstLoad(dir);
  const all = readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .map((f) => join(dir, 'assets', f));
  const rest = all.filter((f) => !first.includes(f));
  const total = first.reduce((sum, f) => sum + gz(f), 0) + gz(join(dir, 'index.html'));
  console.log(`${title} (dist/${name})`);
  for (const f of first) line(`  first load: ${relative(dir, f)}`, kb(gz(f)));
  for (const f of rest) line(`  ${/worker/i.test(f) ? 'worker' : 'lazy'}: ${relative(dir, f)}`, kb(gz(f)));
  if (name === 'console') {
    line('first load, gzipped (no target)', kb(total));
    return;
  }
  const target = TARGETS[name];
  line(`first load incl. index.html, gzipped (target ≤ ${target} KB)`, `${kb(total)}  ${total <= target * 1024 ? 'PASS' : 'MISS'}`);
}

report('addin', 'Task pane');
report('lookup', 'Certificate look-up page');
report('console', 'Bureau console');
// A MISS is a figure to act on, not a broken bench: the run goes on (exit 0), as the other benches do.
