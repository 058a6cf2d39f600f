import { afterEach, describe, expect, it } from 'vitest';
import { rows } from '../../test/e2e/pane/fixtures';
import type { Cell, WorkbookGrid } from '../../core/grid/cell';
import { ATT2_META, att2Row, filledSheet, workbook as workbook2 } from '../../core/templates/testing';
import { createPaneController, type PaneController } from './controller';
import { createCoreEngine } from './core-engine';
import type { LiveSession, ValidationEngine } from './engine';
import { FakePort } from './testing/fake-port';
import { toyEngine } from './testing/fake-engine';
import {
  addNotesSheet,
  att2Name,
  att2Workbook,
  cell,
  rowEdits,
  sessionOptions,
  type SessionStep,
} from './testing/session-fixture';
import { createWorkerEngine, type WorkerEngine, type WorkerLike } from './worker-engine';
import { createRequestHandler, type EngineRequest, type EngineResponse } from './worker-protocol';

/**
 * An in-process Worker: runs validation-worker's handler on a later macrotask, with both directions
 * structured-cloned as postMessage does. Records what was posted.
 */
class ShimWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  posted: EngineRequest[] = [];
  answers: EngineResponse[] = [];
  terminated = false;
  private readonly handle: (request: EngineRequest) => Promise<EngineResponse>;

  constructor(
    engine: ValidationEngine,
    /** Makes the "worker" fail instead of answering (a script that does not load, a crash). */
    private readonly crash: (request: EngineRequest) => boolean = () => false,
  ) {
    this.handle = createRequestHandler(engine);
  }

  postMessage(message: EngineRequest): void {
    const request = structuredClone(message);
    this.posted.push(request);
    setTimeout(() => {
      if (this.terminated) return;
      if (this.crash(request)) {
        // Node has no ErrorEvent: the engine reads only these two members.
        this.onerror?.({ message: 'boom', preventDefault: () => undefined } as unknown as ErrorEvent);
        return;
      }
      void this.handle(request).then((response) => {
        this.answers.push(response);
        if (!this.terminated)
          this.onmessage?.(new MessageEvent('message', { data: structuredClone(response) }));
      });
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}

const workbook = att2Workbook;
const options = sessionOptions;
const name = att2Name;

let engines: WorkerEngine[] = [];
let controllers: PaneController[] = [];
afterEach(async () => {
  for (const c of controllers) await c.dispose();
  for (const e of engines) e.dispose();
  engines = [];
  controllers = [];
});

function shimEngine(
  inner: () => ValidationEngine = createCoreEngine,
  crash?: (request: EngineRequest, spawnIndex: number) => boolean,
  chunkRows?: number,
): { engine: WorkerEngine; workers: ShimWorker[] } {
  const workers: ShimWorker[] = [];
  const engine = createWorkerEngine({
    spawn: () => {
      const index = workers.length;
      const w = new ShimWorker(inner(), crash ? (r) => crash(r, index) : undefined);
      workers.push(w);
      return w;
    },
    fallback: createCoreEngine,
    ...(chunkRows ? { chunkRows } : {}),
  });
  engines.push(engine);
  return { engine, workers };
}

const steps: SessionStep[] = [
  ...rowEdits,
  (s) => s.replaceRows(name, rows.last + 40, [[cell('远处')]]), // pads the sheet
  addNotesSheet,
  (s) => s.deleteRows(name, rows.first, 3),
];

/** Everything the controller reads from a session. */
function snapshot(s: LiveSession): unknown {
  const cells: unknown[] = [];
  for (const sheet of [name, '说明', '没有']) {
    const count = s.rowCount(sheet);
    for (let r = 1; r <= count + 1; r++) for (let c = 1; c <= 9; c++) cells.push(s.cell(sheet, r, c) ?? null);
    cells.push(count);
  }
  return { report: s.report(), cells };
}

describe('worker engine', () => {
  it('gives exactly what the in-thread engine gives, step by step', async () => {
    const { engine } = shimEngine();
    const remote = await engine.createSession(workbook(), options);
    const local = await createCoreEngine().createSession(workbook(), options);
    expect(remote.report().issues.length).toBeGreaterThan(0);
    expect(snapshot(remote)).toEqual(snapshot(local));
    for (const step of steps) {
      const [a, b] = await Promise.all([step(remote), step(local)]);
      expect(a).toEqual(b);
      expect(snapshot(remote)).toEqual(snapshot(local));
    }
    expect(engine.packs()).toBe(createCoreEngine().packs());
  });

  it('sends the workbook once, then only the patched rows, one request id per call', async () => {
    const { engine, workers } = shimEngine();
    const s = await engine.createSession(workbook(), options);
    for (const step of steps.slice(0, 4)) await step(s);
    const posted = workers[0]?.posted ?? [];
    expect(workers).toHaveLength(1);
    expect(posted.map((p) => p.kind)).toEqual([
      'create',
      'replaceRows',
      'insertRows',
      'replaceRows',
      'deleteRows',
    ]);
    expect(new Set(posted.map((p) => p.id)).size).toBe(posted.length);
    expect(new Set(posted.map((p) => p.session))).toEqual(new Set([posted[0]?.session]));
    const [create, ...rest] = posted;
    expect(create?.kind === 'create' && create.workbook.sheets[0]?.rows.length).toBe(
      workbook().sheets[0]?.rows.length,
    );
    for (const p of rest) {
      expect(p).not.toHaveProperty('workbook');
      if (p.kind === 'replaceRows') expect(p.rows).toHaveLength(1);
    }
  });

  it('sends a large workbook, and a large replaced sheet, in acknowledged slices', async () => {
    const { engine, workers } = shimEngine(createCoreEngine, undefined, 5);
    const wb = workbook();
    wb.sheets.push({ name: '说明', rows: [[cell('说明')], [cell('第二行')]] });
    const remote = await engine.createSession(wb, options);
    const local = await createCoreEngine().createSession(wb, options);
    expect(snapshot(remote)).toEqual(snapshot(local));
    const posted = workers[0]?.posted ?? [];
    const total = wb.sheets.reduce((n, s) => n + s.rows.length, 0);
    expect(posted.filter((p) => p.kind === 'stage')).toHaveLength(Math.ceil((total - 2) / 5) + 1);
    for (const p of posted) if (p.kind === 'stage') expect(p.rows.length).toBeLessThanOrEqual(5);
    const create = posted.find((p) => p.kind === 'create');
    expect(create?.kind === 'create' && create.workbook.sheets.map((s) => s.rows.length)).toEqual([0, 0]);
    for (const step of steps) {
      expect(await step(remote)).toEqual(await step(local));
      expect(snapshot(remote)).toEqual(snapshot(local));
    }
    const big = { name: '说明', rows: wb.sheets[0]?.rows.slice(0, 12) ?? [] };
    expect(await remote.replaceSheet(big)).toEqual(await local.replaceSheet(big));
    expect(snapshot(remote)).toEqual(snapshot(local));
  });

  it('answers concurrent calls by id', async () => {
    const { engine } = shimEngine();
    const s = await engine.createSession(workbook(), options);
    const local = await createCoreEngine().createSession(workbook(), options);
    const remote = await Promise.all([s.insertRows(name, rows.first, 1), s.deleteRows(name, rows.first, 1)]);
    const expected = [
      await local.insertRows(name, rows.first, 1),
      await local.deleteRows(name, rows.first, 1),
    ];
    expect(remote).toEqual(expected);
  });

  it('returns errors as data: the call rejects with the worker-side message', async () => {
    const failing = (): ValidationEngine => ({
      packs: () => [],
      createSession: () => Promise.reject(new RangeError('内存不足')),
    });
    const { engine } = shimEngine(failing);
    await expect(engine.createSession(workbook(), options)).rejects.toMatchObject({
      name: 'RangeError',
      message: '内存不足',
    });
  });

  it('after the first report, an edit posts only the issues it changed', async () => {
    // Every row's ID is held three times: 30 id-duplicate issues (issue #12's shape, small).
    const dup = (): WorkbookGrid => workbook2(filledSheet('att2', { name: '附件2', meta: ATT2_META, rows: Array.from({ length: 30 }, (_, i) => att2Row(i % 10)) }));
    const { engine, workers } = shimEngine();
    const remote = await engine.createSession(dup(), options);
    const local = await createCoreEngine().createSession(dup(), options);
    const first = remote.report().issues.find((i) => i.code === 'id-duplicate')?.row ?? 0;
    const row = (r: number, id: string | null): (Cell | null)[] => {
      const copy = Array.from({ length: 12 }, (_, c) => remote.cell('附件2', r, c + 1) ?? null);
      copy[3] = { value: id };
      return copy;
    };
    for (const [r, id] of [[first + 13, String(att2Row(4).idNumber)], [first + 5, null], [first + 13, String(att2Row(3).idNumber)]] as const) {
      const [a, b] = await Promise.all([remote.replaceRows('附件2', r, [row(r, id)]), local.replaceRows('附件2', r, [row(r, id)])]);
      expect(a).toEqual(b);
      const answer = workers[0]?.answers.at(-1);
      const sent = answer?.ok && answer.delta ? answer.delta.ops.flatMap((op) => (Array.isArray(op) ? op : [])) : null;
      expect(answer?.ok && answer.report?.issues).toEqual([]);
      expect(sent?.length).toBeGreaterThan(0);
      // The issues of the ID groups the row left and joined (at most 3 + 4), not the sheet's 30.
      expect(sent?.length).toBeLessThanOrEqual(7);
    }
    await expect(remote.insertRows('附件2', first, 1)).resolves.toEqual(await local.insertRows('附件2', first, 1));
  });

  it('a replaced session refuses further calls', async () => {
    const { engine } = shimEngine();
    const old = await engine.createSession(workbook(), options);
    await engine.createSession(workbook(), options);
    await expect(old.deleteRows(name, 1, 1)).rejects.toThrow(/closed/);
  });

  it('falls back to the in-thread engine when the worker cannot start', async () => {
    const { engine, workers } = shimEngine(createCoreEngine, () => true);
    const s = await engine.createSession(workbook(), options);
    const local = await createCoreEngine().createSession(workbook(), options);
    expect(workers[0]?.terminated).toBe(true);
    expect(s.report()).toEqual(local.report());
    await engine.createSession(workbook(), options);
    expect(workers).toHaveLength(1); // stays on the fallback
  });

  it('a crash after start rejects the pending call; the next session starts a new worker', async () => {
    const { engine, workers } = shimEngine(createCoreEngine, (r, i) => i === 0 && r.kind === 'deleteRows');
    const s = await engine.createSession(workbook(), options);
    await expect(s.deleteRows(name, rows.first, 1)).rejects.toThrow(/validation worker failed: boom/);
    await expect(s.insertRows(name, rows.first, 1)).rejects.toThrow(/stopped/);
    const again = await engine.createSession(workbook(), options);
    expect(workers).toHaveLength(2);
    await expect(again.deleteRows(name, rows.first, 1)).resolves.toBeDefined();
  });
});

describe('controller on the worker engine', () => {
  const list = (): (string | number | null)[][] => [
    ['名单', '身份证号码'],
    ['张三', 'bad1'],
    ['李四', '110'],
    ['warn王五', '120'],
  ];
  const setup = (engine: ValidationEngine) => {
    const port = new FakePort({ 名单A: list() });
    const controller = createPaneController({
      port,
      engine,
      debounceMs: 5,
      yieldToUi: () => Promise.resolve(),
    });
    controllers.push(controller);
    return { port, controller, state: () => controller.getState() };
  };

  it('validates, follows edits and fixes across the worker boundary', async () => {
    const { engine } = shimEngine(toyEngine);
    const { port, controller, state } = setup(engine);
    await controller.start();
    expect([...port.highlights]).toEqual([
      ['名单A!B2', 'error'],
      ['名单A!A4', 'warning'],
    ]);
    port.userEdit('名单A', 'B4', '110'); // duplicates B3
    await controller.whenIdle();
    expect(port.highlights.get('名单A!B3')).toBe('error');
    const issue = state().groups.find((g) => g.code === 'toy-bad')?.issues[0];
    if (!issue) throw new Error('no issue');
    await controller.fixIssue(issue);
    expect(port.value('名单A', 'B2')).toBe('good1');
    expect(port.highlights.has('名单A!B2')).toBe(false);
    expect(state().errors).toEqual([]);
    expect(state().busy).toBeNull();
  });

  it('a worker error lands in state.errors and the pane stays usable', async () => {
    let fail = true;
    const flaky = (): ValidationEngine => {
      const inner = toyEngine();
      return {
        packs: inner.packs,
        createSession: (wb, o) =>
          fail ? Promise.reject(new Error('校验进程出错')) : inner.createSession(wb, o),
      };
    };
    const { engine } = shimEngine(flaky);
    const { controller, state } = setup(engine);
    await expect(controller.start()).resolves.toBeUndefined();
    expect(state().errors.map((e) => [e.task, e.message])).toEqual([['read', '校验进程出错']]);
    expect(state().busy).toBeNull();
    fail = false;
    await controller.validateAll();
    expect(state().phase).toBe('ready');
    expect(state().live).toBe(true);
  });
});
