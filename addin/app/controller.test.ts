import { afterEach, describe, expect, it } from 'vitest';
import { createPaneController, type PaneController } from './controller';
import { FakePort } from './testing/fake-port';
import { toyEngine } from './testing/fake-engine';

const noYield = (): Promise<void> => Promise.resolve();
let controllers: PaneController[] = [];

function setup(sheets: Record<string, (string | number | null)[][]>, fixChunk?: number) {
  const port = new FakePort(sheets);
  const engine = toyEngine();
  const controller = createPaneController({
    port,
    engine,
    debounceMs: 5,
    yieldToUi: noYield,
    ...(fixChunk ? { fixChunk } : {}),
  });
  controllers.push(controller);
  return { port, engine, controller, state: () => controller.getState() };
}

afterEach(async () => {
  for (const c of controllers) await c.dispose();
  controllers = [];
});

const list = (): (string | number | null)[][] => [
  ['名单', '身份证号码'],
  ['张三', 'bad1'],
  ['李四', '110'],
  ['warn王五', '120'],
];

describe('start', () => {
  it('reads, validates, paints every issue and goes live', async () => {
    const { port, controller, state } = setup({ 名单A: list(), 说明: [['这不是模板']] });
    await controller.start();
    expect(state().phase).toBe('ready');
    expect(state().live).toBe(true);
    expect(port.subscribed).toBe(true);
    expect([...port.highlights]).toEqual([
      ['名单A!B2', 'error'],
      ['名单A!A4', 'warning'],
    ]);
    expect(state().summaries.map((s) => [s.sheet, s.recognition.kindId, s.errors, s.warnings])).toEqual([
      ['名单A', 'list', 1, 1],
      ['说明', null, 0, 0],
    ]);
    expect(state().summaries[0]?.kindTitle).toBe('名单');
    expect(state().groups.map((g) => [g.code, g.severity, g.count, g.fixable])).toEqual([
      ['toy-bad', 'error', 1, 1],
      ['toy-warn', 'warning', 1, 0],
    ]);
    expect(state().templates).toEqual([
      { packId: 'toy', packName: '玩具包', kinds: [{ kindId: 'list', attachment: '附件9', title: '名单' }] },
    ]);
    expect(state().busy).toBeNull();
  });

  it('shows a failed read as an error and stays usable', async () => {
    const { port, controller, state } = setup({ 名单A: list() });
    port.failNext.set('readWorkbook', new Error('RichApi.Error: 网络中断'));
    await controller.start();
    expect(state().errors).toEqual([
      { id: expect.any(Number), task: 'read', message: 'RichApi.Error: 网络中断' },
    ]);
    expect(state().busy).toBeNull();
    expect(port.subscribed).toBe(false);
    await controller.validateAll();
    expect(state().phase).toBe('ready');
    expect(port.subscribed).toBe(true);
    controller.dismissError(state().errors[0]?.id ?? -1);
    expect(state().errors).toEqual([]);
  });

  it('reports read progress', async () => {
    const { controller } = setup({ a: [['x']], b: [['y']] });
    const seen: string[] = [];
    controller.subscribe(() => {
      const b = controller.getState().busy;
      if (b) seen.push(`${b.task}:${b.done}/${b.total}`);
    });
    await controller.start();
    expect(seen).toContain('read:1/2');
    expect(seen).toContain('read:2/2');
    expect(seen).toContain('validate:null/null');
  });
});

describe('selection and filters', () => {
  it('selects the issue cell in Excel and marks it selected', async () => {
    const { port, controller, state } = setup({ 名单A: list() });
    await controller.start();
    const issue = state().groups[0]?.issues[0];
    if (!issue) throw new Error('no issue');
    await controller.selectIssue(issue);
    expect(port.selection).toEqual({ sheet: '名单A', address: 'B2' });
    expect(state().selectedKey).toBe('名单A!B2#toy-bad');
  });

  it('filters by sheet and severity', async () => {
    const { controller, state } = setup({ 名单A: list(), 名单B: [['名单'], ['bad9', 'bad8']] });
    await controller.start();
    expect(state().groups.find((g) => g.code === 'toy-bad')?.count).toBe(3);
    controller.setFilters({ sheet: '名单B' });
    expect(state().groups.map((g) => [g.code, g.count])).toEqual([['toy-bad', 2]]);
    controller.setFilters({ sheet: null, severity: 'warning' });
    expect(state().groups.map((g) => [g.code, g.count])).toEqual([['toy-warn', 1]]);
  });
});

describe('fixes', () => {
  it('fixes one issue, re-reads its row and removes its highlight', async () => {
    const { port, controller, state } = setup({ 名单A: list() });
    await controller.start();
    const issue = state().groups[0]?.issues[0];
    if (!issue) throw new Error('no issue');
    await controller.fixIssue(issue);
    expect(port.value('名单A', 'B2')).toBe('good1');
    expect(port.highlights.has('名单A!B2')).toBe(false);
    expect(port.highlights.get('名单A!A4')).toBe('warning');
    expect(state().groups.map((g) => g.code)).toEqual(['toy-warn']);
    expect(state().notices.map((n) => [n.kind, n.count])).toEqual([['fixed', 1]]);
  });

  it('fix all of a kind goes in chunks, leaves stale cells alone and lists them', async () => {
    const rows: (string | null)[][] = [['名单']];
    for (let i = 0; i < 7; i++) rows.push([`bad${i}`]);
    const { port, controller, state } = setup({ 名单A: rows }, 3);
    await controller.start();
    port.set('名单A', 'A3', 'changed by the clerk'); // no event yet: the controller still believes bad1
    await controller.fixAll('toy-bad');
    expect(port.calls.filter((c) => c === 'applyFixes')).toHaveLength(3);
    expect(port.value('名单A', 'A2')).toBe('good0');
    expect(port.value('名单A', 'A3')).toBe('changed by the clerk');
    expect(port.value('名单A', 'A8')).toBe('good6');
    expect(state().stale).toEqual([{ sheet: '名单A', address: 'A3' }]);
    expect(state().notices.at(-1)?.count).toBe(6);
    expect(state().groups).toEqual([]);
    expect(port.highlights.size).toBe(0);
    controller.clearStale();
    expect(state().stale).toEqual([]);
  });

  it('fix all respects the sheet filter', async () => {
    const { port, controller } = setup({ 名单A: [['名单'], ['bad1']], 名单B: [['名单'], ['bad2']] });
    await controller.start();
    controller.setFilters({ sheet: '名单B' });
    await controller.fixAll('toy-bad');
    expect(port.value('名单A', 'A2')).toBe('bad1');
    expect(port.value('名单B', 'A2')).toBe('good2');
  });

  it('a failing fix is shown, not swallowed', async () => {
    const { port, controller, state } = setup({ 名单A: list() });
    await controller.start();
    port.failNext.set('applyFixes', new Error('InvalidOperation'));
    const issue = state().groups[0]?.issues[0];
    if (!issue) throw new Error('no issue');
    await expect(controller.fixIssue(issue)).resolves.toBeUndefined();
    expect(state().errors.map((e) => [e.task, e.message])).toEqual([['fix', 'InvalidOperation']]);
  });
});

describe('live validation', () => {
  it('re-reads only the edited rows and repaints only rows whose issues changed', async () => {
    const { port, controller, state, engine } = setup({ 名单A: list() });
    await controller.start();
    port.calls = [];
    port.userEdit('名单A', 'B3', 'bad7');
    port.userEdit('名单A', 'B3', 'bad8'); // same burst: one read
    await controller.whenIdle();
    expect(port.calls.filter((c) => c === 'readRows')).toHaveLength(1);
    expect(port.calls).not.toContain('readWorkbook');
    expect(port.calls).toContain('showIssuesForRows:名单A:3-3');
    expect(port.highlights.get('名单A!B3')).toBe('error');
    expect(
      state()
        .groups.find((g) => g.code === 'toy-bad')
        ?.issues.map((i) => i.address),
    ).toEqual(['B2', 'B3']);
    expect(engine.sessions).toBe(1);
  });

  it('repaints other rows a cross-row rule touches', async () => {
    const { port, controller } = setup({ 名单A: list() });
    await controller.start();
    port.userEdit('名单A', 'B4', '110'); // duplicates B3
    await controller.whenIdle();
    expect(port.highlights.get('名单A!B3')).toBe('error');
    expect(port.highlights.get('名单A!B4')).toBe('error');
    port.userEdit('名单A', 'B4', '120');
    await controller.whenIdle();
    expect(port.highlights.has('名单A!B3')).toBe(false);
  });

  it('follows inserted and deleted rows without re-reading the sheet', async () => {
    const { port, controller, state } = setup({ 名单A: list() });
    await controller.start();
    port.calls = [];
    port.userInsertRows('名单A', 2, 2);
    await controller.whenIdle();
    expect(port.calls).not.toContain('readWorkbook');
    expect(state().groups.find((g) => g.code === 'toy-bad')?.issues[0]?.address).toBe('B4');
    expect(port.highlights.get('名单A!B4')).toBe('error');
    port.userDeleteRows('名单A', 4, 1); // the bad row itself
    await controller.whenIdle();
    expect(state().groups.find((g) => g.code === 'toy-bad')).toBeUndefined();
    expect(state().groups.find((g) => g.code === 'toy-warn')?.issues[0]?.address).toBe('A5');
    expect([...port.highlights]).toEqual([['名单A!A5', 'warning']]);
  });

  it('a sheet becoming a template is recognised live', async () => {
    const { port, controller, state } = setup({ 空白: [['x']] });
    await controller.start();
    expect(state().summaries[0]?.recognition.kindId).toBeNull();
    port.userEdit('空白', 'A1', '名单');
    port.userEdit('空白', 'A2', 'bad');
    await controller.whenIdle();
    expect(state().summaries[0]?.recognition.kindId).toBe('list');
    expect(port.highlights.get('空白!A2')).toBe('error');
  });

  it('stops following edits after dispose', async () => {
    const { port, controller } = setup({ 名单A: list() });
    await controller.start();
    await controller.dispose();
    expect(port.subscribed).toBe(false);
    expect(controller.getState().live).toBe(false);
  });
});

describe('other actions', () => {
  it('sets ID columns to text and remembers it', async () => {
    const { port, controller, state } = setup({
      名单A: [
        ['名单', '身份证号码'],
        ['张三', 450103200403150000],
      ],
    });
    await controller.start();
    expect(state().damagedIdColumns).toEqual([
      { sheet: '名单A', column: 2, header: '身份证号码', cells: ['B2'], textFormatSet: false },
    ]);
    await controller.setIdColumnsToText('名单A', [2]);
    expect(port.textColumns).toEqual([{ sheet: '名单A', column: 2 }]);
    expect(state().damagedIdColumns[0]?.textFormatSet).toBe(true);
    expect(state().notices.at(-1)?.kind).toBe('text-format');
  });

  it('inserts a template and recognises the new sheet', async () => {
    const { port, controller, state } = setup({ 说明: [['x']] });
    await controller.start();
    port.sheets.set('will-be-replaced', []);
    port.sheets.delete('will-be-replaced');
    const original = port.insertTemplate.bind(port);
    port.insertTemplate = async (p, k) => {
      const name = await original(p, k);
      port.sheets.set(name, [[{ value: '名单', type: 'string' }], [{ value: 'bad', type: 'string' }]]);
      return name;
    };
    await controller.insertTemplate('toy', 'list');
    expect(state().summaries.map((s) => [s.sheet, s.recognition.kindId])).toEqual([
      ['说明', null],
      ['list-1', 'list'],
    ]);
    expect(port.highlights.get('list-1!A2')).toBe('error');
    expect(state().notices.at(-1)).toMatchObject({ kind: 'template-inserted', sheet: 'list-1' });
  });

  it('warns in the pane when the reader stopped at its row cap', async () => {
    const { port, controller, state } = setup({ 名单A: list() });
    const read = port.readWorkbook.bind(port);
    port.readWorkbook = async (...args) => {
      const wb = await read(...args);
      return { sheets: wb.sheets.map((s) => ({ ...s, truncatedAfter: 200_000 })) };
    };
    await controller.start();
    expect(state().notices.map((n) => [n.kind, n.sheet, n.count])).toContainEqual(['read-capped', '名单A', 200_000]);
  });
});

describe('server-only issues', () => {
  const otherSchool = (row: number, column = 2) => ({
    sheet: '名单A',
    row,
    column,
    address: `${String.fromCharCode(64 + column)}${row}`,
    code: 'id-duplicate-other-school',
    severity: 'error' as const,
    params: { otherSchool: '某某学校' },
    message: '身份证号码与某某学校的学生重复',
  });
  // The server re-validates the whole workbook: it also reports what the pane finds itself.
  const localToo = {
    sheet: '名单A',
    row: 2,
    column: 2,
    address: 'B2',
    code: 'toy-bad',
    severity: 'error' as const,
    params: { text: 'bad1' },
    message: '错误：bad1',
  };

  it('lists them, labelled as from the server, next to the local issues', async () => {
    const { port, controller, state } = setup({ 名单A: list() });
    await controller.start();
    await controller.showServerIssues([localToo, otherSchool(3)]);
    expect(state().serverIssues.map((i) => [i.address, i.code])).toEqual([['B3', 'id-duplicate-other-school']]);
    expect(state().groups.map((g) => [g.code, g.count, g.server])).toEqual([
      ['id-duplicate-other-school', 1, 1],
      ['toy-bad', 1, 0],
      ['toy-warn', 1, 0],
    ]);
    expect(state().summaries[0]?.errors).toBe(2);
    expect(port.highlights.get('名单A!B3')).toBe('error');
    expect(port.highlights.get('名单A!B2')).toBe('error');
    expect(port.highlights.get('名单A!A4')).toBe('warning');
    expect(state().busy).toBeNull();
  });

  it('keeps the mark across a live re-check of another cell of the row, in two syncs', async () => {
    const { port, controller, state } = setup({ 名单A: list() });
    await controller.start();
    await controller.showServerIssues([localToo, otherSchool(3)]);
    port.calls = [];
    port.userEdit('名单A', 'A3', 'warn李四'); // same row, another cell
    await controller.whenIdle();
    expect(port.calls.filter((c) => c === 'readRows' || c === 'showIssuesForRows')).toEqual([
      'readRows',
      'showIssuesForRows',
    ]);
    expect(port.calls).toContain('showIssuesForRows:名单A:3-3');
    expect(port.highlights.get('名单A!B3')).toBe('error');
    expect(port.highlights.get('名单A!A3')).toBe('warning');
    expect(state().groups.find((g) => g.code === 'id-duplicate-other-school')?.issues.map((i) => i.address)).toEqual([
      'B3',
    ]);
  });

  it('drops the mark when the clerk changes the marked cell', async () => {
    const { port, controller, state } = setup({ 名单A: list() });
    await controller.start();
    await controller.showServerIssues([otherSchool(3)]);
    port.userEdit('名单A', 'B3', '130');
    await controller.whenIdle();
    expect(port.highlights.has('名单A!B3')).toBe(false);
    expect(state().serverIssues).toEqual([]);
    expect(state().groups.find((g) => g.code === 'id-duplicate-other-school')).toBeUndefined();
    // Typing the old value back does not bring the server's verdict back: only a new submit does.
    port.userEdit('名单A', 'B3', '110');
    await controller.whenIdle();
    expect(port.highlights.has('名单A!B3')).toBe(false);
  });

  it('follows moved rows and a full re-check; the next submit replaces the set', async () => {
    const { port, controller, state } = setup({ 名单A: list() });
    await controller.start();
    await controller.showServerIssues([otherSchool(3), otherSchool(4)]);
    port.userInsertRows('名单A', 2, 1);
    await controller.whenIdle();
    expect(state().serverIssues.map((i) => i.address)).toEqual(['B4', 'B5']);
    expect(port.highlights.get('名单A!B4')).toBe('error');
    await controller.validateAll();
    expect(state().serverIssues.map((i) => i.address)).toEqual(['B4', 'B5']);
    expect(port.highlights.get('名单A!B5')).toBe('error');
    await controller.showServerIssues([]);
    expect(state().serverIssues).toEqual([]);
    expect(port.highlights.has('名单A!B4')).toBe(false);
    expect(port.highlights.has('名单A!B5')).toBe(false);
    expect(port.highlights.get('名单A!B3')).toBe('error'); // the local toy-bad, moved down
  });

  it('a failed paint is shown, not thrown', async () => {
    const { port, controller, state } = setup({ 名单A: list() });
    await controller.start();
    port.failNext.set('showIssues', new Error('InvalidOperation'));
    await expect(controller.showServerIssues([otherSchool(3)])).resolves.toBeUndefined();
    expect(state().errors.map((e) => [e.task, e.message])).toEqual([['highlight', 'InvalidOperation']]);
  });
});

describe('the server verdict after local fixes', () => {
  it('counts how many of the errors the server found are still there', async () => {
    const { controller, state } = setup({ 名单A: list() });
    await controller.start();
    const [bad] = state().groups.flatMap((g) => g.issues).filter((i) => i.code === 'toy-bad');
    if (!bad) throw new Error('no toy-bad issue');
    await controller.showServerIssues([bad]);
    expect(state().serverVerdict).toEqual({ errors: 1, warnings: 0, remaining: 1 });
    await controller.fixIssue(bad);
    expect(state().serverVerdict).toEqual({ errors: 1, warnings: 0, remaining: 0 });
  });

  it('names the student of each issue', async () => {
    const { controller, state } = setup({ 名单A: list() });
    await controller.start();
    const issue = state().groups.flatMap((g) => g.issues).find((i) => i.code === 'toy-bad');
    expect(issue?.student).toMatchObject({ name: '张三', column: '身份证号码' });
  });
});
