/**
 * The WPS package as WPS reads it: every callback ribbon.xml names is defined in main.js, and the server
 * hands out jsplugins.xml (the add-in list oem.ini's JSPluginsServer points at) naming its own /wps/.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { jspluginsXml, mountPublicFiles, publicFilesUnder } from '../../server/http/public-files';

const dir = join(import.meta.dirname, 'package');

describe('WPS package', () => {
  it('defines every ribbon callback in main.js', () => {
    const ribbon = readFileSync(join(dir, 'ribbon.xml'), 'utf8');
    const main = readFileSync(join(dir, 'main.js'), 'utf8');
    const callbacks = [...ribbon.matchAll(/(?:onLoad|onAction|getImage)="(\w+)"/g)].map((m) => m[1]);
    expect(callbacks).toEqual(['OnAddinLoad', 'OnAction', 'GetImage']);
    for (const name of callbacks) expect(main).toMatch(new RegExp(`function ${String(name)}\\(`));
  });

  it('is listed by the server in jsplugins.xml as an online ET add-in at its own /wps/', async () => {
    const wpsDir = mkdtempSync(join(tmpdir(), 'yanyin-wps-'));
    writeFileSync(join(wpsDir, 'ribbon.xml'), '<customUI/>');
    const app = express();
    mountPublicFiles(app, { ...publicFilesUnder('/nonexistent'), wpsDir });
    const list = await request(app).get('/wps/jsplugins.xml').set('host', 'yanyin.school.local:3000');
    expect(list.status).toBe(200);
    expect(list.type).toBe('application/xml');
    expect(list.text).toBe(jspluginsXml('http://yanyin.school.local:3000/wps/'));
    expect(list.text).toContain('<jspluginonline name="yanyin" type="et" url="http://yanyin.school.local:3000/wps/" />');
    expect((await request(app).get('/wps/ribbon.xml')).text).toBe('<customUI/>');
  });
});
