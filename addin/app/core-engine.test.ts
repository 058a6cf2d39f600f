import { describe, expect, it } from 'vitest';
import { validate } from '../../core';
import { filledAtt2, rows } from '../../test/e2e/pane/fixtures';
import { createCoreEngine } from './core-engine';
import { createMirrorSession, type LiveSession } from './engine';
import { addNotesSheet, att2Workbook, rowEdits, sessionOptions } from './testing/session-fixture';

const keys = (s: LiveSession): string[] =>
  s
    .report()
    .issues.map((i) => `${i.address}:${i.code}`)
    .sort();
const options = sessionOptions;

describe('core engine adapter', () => {
  it('recognises the filled 附件2 and finds the planted mistakes', async () => {
    const s = await createCoreEngine().createSession(att2Workbook(), options);
    const rec = s.report().sheets[0];
    expect(rec?.kindId).toBe('att2');
    expect(rec?.firstDataRow).toBe(rows.first);
    expect(rec?.lastDataRow).toBe(rows.last);
    const codes = keys(s);
    expect(codes).toContain(`D${rows.spaced}:id-cleanup`);
    expect(codes).toContain(`D${rows.wrongCheck}:id-checksum`);
    expect(codes.some((c) => c.endsWith('gender-id-mismatch'))).toBe(true);
    expect(codes.some((c) => c.endsWith('grade-failing'))).toBe(true);
    expect(s.cell(filledAtt2().name, rows.first, 2)?.value).toBe('韦小宝');
  });

  it('gives the same issues as a full validate after edits, inserts, deletes and sheet replacement', async () => {
    const live = await createCoreEngine().createSession(att2Workbook(), options);
    const mirror = createMirrorSession(att2Workbook(), options, validate);
    const steps = [...rowEdits, addNotesSheet];
    for (const step of steps) {
      await step(live);
      await step(mirror);
      expect(keys(live)).toEqual(keys(mirror));
    }
    expect(live.rowCount('说明')).toBe(1);
  });
});
