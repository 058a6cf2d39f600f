/**
 * Internet Explorer 11 (Trident) and Edge Legacy (EdgeHTML) load only addin/legacy/: it must parse as
 * ES5, or those panes are blank instead of showing their message. es-check parses it with acorn at ES5.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const esCheck = resolve(here, '../../node_modules/.bin/es-check');

function check(level: string, files: string[], extra: string[] = []): { ok: boolean; output: string } {
  try {
    return {
      ok: true,
      output: execFileSync(esCheck, [level, ...files, ...extra], { encoding: 'utf8', stdio: 'pipe' }),
    };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('the ES5 loader', () => {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(here, f));

  it('parses as ES5', () => {
    expect(files.length).toBeGreaterThan(0);
    const result = check('es5', files);
    expect(result.output).toContain('ES5');
    expect(result.ok).toBe(true);
  });

  it('es-check would catch ES2015+ in it (the check is not vacuous)', () => {
    const result = check('es5', [join(here, 'legacy-es.test.ts')]);
    expect(result.ok).toBe(false);
  });
});
