import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, runCli } from '../helpers/xlsx';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

describe('yanyin (launcher, help, version)', () => {
  it('--help prints the Chinese and English usage; exit 0', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('用法 Usage');
    expect(r.stdout).toContain('yanyin validate');
    expect(r.stdout).toContain('yanyin template');
    expect(r.stdout).toContain('yanyin serve');
    for (const cmd of ['validate', 'template']) {
      const h = runCli([cmd, '--help']);
      expect(h.status).toBe(0);
      expect(h.stdout).toContain(`yanyin ${cmd}`);
    }
  });

  it('--version prints the package version', () => {
    const r = runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`yanyin ${pkg.version}`);
  });

  it('works from any working directory (package.json bin points at the launcher)', () => {
    expect(join(REPO, pkg.bin.yanyin ?? '')).toBe(BIN);
    const r = runCli(['--version'], { cwd: tmpdir() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(pkg.version);
  });

  it('no command or an unknown one → exit 2 with the usage on stderr', () => {
    const none = runCli([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('用法');
    const bad = runCli(['frobnicate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('未知命令');
    expect(bad.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('serve --help explains the server settings without starting it', () => {
    const r = runCli(['serve', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('DATABASE_URL');
    expect(runCli(['serve', '--port', 'abc']).status).toBe(2);
  });

  it.skipIf(existsSync(join(REPO, 'server/main.ts')))(
    'serve without server/main.ts → exit 2 with a clear message',
    () => {
      const r = runCli(['serve']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('server/main.ts');
    },
  );
});
