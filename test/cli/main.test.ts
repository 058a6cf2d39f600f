import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
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
    expect(r.stdout).toContain('yanyin admin');
    const admin = runCli(['admin', '--help']);
    expect(admin.status).toBe(0);
    for (const sub of ['bootstrap', 'org-template', 'import-orgs', 'create-campaign', 'reset-password']) expect(admin.stdout).toContain(sub);
    expect(admin.stdout).toContain('须先停止服务器');
    const unknown = runCli(['admin', 'frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('未知的 admin 命令');
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

  it('serve starts the server on an embedded database, answers /api/health and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yanyin-serve-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, YANYIN_DATA_DIR: join(dir, 'pglite'), NODE_ENV: 'development' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      // This line comes after listen, in the same tick as the signal handlers (the demo banner comes earlier).
      await waitFor(() => out.includes(`Yanyin server: http://localhost:${port}/`) || child.exitCode !== null, 110_000, () => out);
      expect(child.exitCode, out).toBeNull();
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
      expect(out).toContain('nn1-clerk');
      // Sign-in is in the Excel pane: the banner points at the manifest, and at the look-up as look-up only.
      expect(out).toContain(`http://localhost:${port}/manifest.xml`);
      expect(out).toContain(`http://localhost:${port}/lookup/`);
      expect(out).not.toContain('sign in at');
      expect(existsSync(join(dir, 'demo-accounts.txt'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(ok: () => boolean, ms: number, describe: () => string): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out; output so far:\n${describe()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
