/** The stand-in's events as strict as Excel's (issue #10): versions, missing details, picks, moves. */
import { afterEach, describe, expect, it } from 'vitest';
import { createStandin, type Standin } from '.';

let s: Standin;
afterEach(() => s.uninstall());

async function record(maxApi: string, act: () => void, omitDetails = false): Promise<{ kind: string; args: Record<string, unknown> }[]> {
  s = createStandin({ maxApi, omitDetails });
  s.install();
  s.addSheet('S', [['b', 2], ['a', 1], ['c', 3]]);
  s.userNote('S', 'A1', 'note on b');
  s.userFill('S', 'A1', '#FFC7CE');
  const seen: { kind: string; args: Record<string, unknown> }[] = [];
  for (const kind of ['changed', 'rowSorted', 'selectionChanged'] as const)
    s.host.registrations.push({ kind, sheetId: null, active: true, generation: 1, handler: ((args: Record<string, unknown>) => void seen.push({ kind, args })) as never });
  act();
  await s.eventsDelivered();
  return seen;
}

describe('the stand-in', () => {
  it('reports inserted rows as RowInserted from 1.9 and as a plain RangeEdited before (office-js-docs-pr#1303)', async () => {
    expect((await record('1.9', () => s.userInsertRows('S', 2)))[0]?.args.changeType).toBe('RowInserted');
    expect((await record('1.8', () => s.userInsertRows('S', 2)))[0]?.args).toMatchObject({ changeType: 'RangeEdited', address: '2:2' });
  });

  it('can leave details out, as Excel does for many edits', async () => {
    expect((await record('1.18', () => s.userEdit('S', 'B2', 5)))[0]?.args.details).toBeDefined();
    expect((await record('1.18', () => s.userEdit('S', 'B2', 5), true))[0]?.args.details).toBeUndefined();
  });

  it('fires nothing for a dropdown pick but the selection change', async () => {
    const seen = await record('1.18', () => s.userPick('S', 'B3', 9));
    expect(seen.map((e) => e.kind)).toEqual(['selectionChanged']);
    expect(s.cell('S', 'B3').value).toBe(9);
  });

  it('sorts rows with their fills and notes; onRowSorted from 1.10 only', async () => {
    const seen = await record('1.10', () => s.userSort('S', 'A1:B3', 1));
    expect(s.values('S')).toEqual([['a', 1], ['b', 2], ['c', 3]]);
    expect(s.fills('S')).toEqual({ A2: '#FFC7CE' });
    expect(s.notes('S')).toEqual({ A2: 'note on b' });
    expect(seen.map((e) => e.kind)).toEqual(['rowSorted', 'changed']);
    expect((await record('1.9', () => s.userSort('S', 'A1:B3', 1))).map((e) => e.kind)).toEqual(['changed']);
  });

  it('moves a cut cell with its fill and note, firing for source and destination', async () => {
    const seen = await record('1.18', () => s.userMove('S', 'A1', 'D5'));
    expect(s.fills('S')).toEqual({ D5: '#FFC7CE' });
    expect(s.notes('S')).toEqual({ D5: 'note on b' });
    expect(s.cell('S', 'A1').value).toBeNull();
    expect(seen.map((e) => e.args.address)).toEqual(['A1', 'D5']);
  });
});
