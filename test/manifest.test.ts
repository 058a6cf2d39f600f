import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(repo, 'manifest.xml');
const xsd = resolve(repo, '../shared/office-xsd/OfficeAppManifestV1_1.xsd');
const manifest = readFileSync(manifestPath, 'utf8');

function xmllintAvailable(): boolean {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  return !r.error;
}

describe('manifest.xml', () => {
  it('is valid against the Office add-in manifest schema (xmllint)', () => {
    // CI installs libxml2-utils; a missing xmllint is a broken environment, not a reason to skip.
    if (!xmllintAvailable()) {
      throw new Error(
        'xmllint not found: install libxml2-utils (apt-get install -y libxml2-utils) to validate manifest.xml',
      );
    }
    expect(existsSync(xsd), `schema not found at ${xsd} (see ../shared/office-xsd/README.md)`).toBe(true);
    const r = spawnSync('xmllint', ['--noout', '--schema', xsd, manifestPath], { encoding: 'utf8' });
    expect(r.stderr.trim(), r.stderr).toMatch(/manifest\.xml validates$/);
    expect(r.status).toBe(0);
  });

  it('declares the Excel task pane the way the notes ask', () => {
    expect(manifest).toMatch(/xsi:type="TaskPaneApp"/);
    expect(manifest).toMatch(/<DefaultLocale>zh-CN<\/DefaultLocale>/);
    expect(manifest).toMatch(/<DisplayName DefaultValue="验印">/);
    expect(manifest).toMatch(/<Host Name="Workbook" \/>/);
    expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1\.7" \/>/);
    expect(manifest).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
    expect(manifest).toMatch(
      /<SourceLocation DefaultValue="https:\/\/localhost:3000\/addin\/index\.html" \/>/,
    );
  });

  it('has a fixed GUID id and refers only to icons that exist in addin/assets', () => {
    expect(manifest).toMatch(/<Id>0b962827-99ce-4d11-93ef-83bc6bb3404d<\/Id>/);
    const icons = [...manifest.matchAll(/https:\/\/localhost:3000\/addin\/assets\/([\w-]+\.png)/g)].map(
      (m) => m[1] ?? '',
    );
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of new Set(icons)) {
      const file = join(repo, 'addin/assets', icon);
      expect(existsSync(file), `${icon} is missing`).toBe(true);
      // PNG signature and the size the file name promises (IHDR width/height).
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const size = Number(/icon-(\d+)\.png/.exec(icon)?.[1]);
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
    }
  });

  it('defines every resid it uses in Resources', () => {
    const used = new Set([...manifest.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]));
    const defined = new Set(
      [...manifest.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]),
    );
    for (const id of used) expect(defined.has(id), `resid ${id} is not defined`).toBe(true);
  });
});
