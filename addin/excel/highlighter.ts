/**
 * Paints issues into the clerk's cells and takes them away again, touching only what the add-in painted.
 *
 * One reconciliation serves the full repaint, the live per-row repaint and "clear": compare what should be
 * highlighted with the ledger (what the add-in painted, see ledger.ts), probe the current fill (and note)
 * of only the cells that change, then write in batches:
 * - fills grouped by colour: RangeAreas (ExcelApi 1.9; address lists kept under ~7,000 characters) or,
 *   on 1.7, one range per vertical run of cells, a bounded number of operations per sync;
 * - notes (1.18) or comments (1.10) carrying the message, never on a cell that already has the clerk's;
 * - a highlight is removed only while the cell still shows the add-in's colour (a clerk who recoloured the
 *   cell keeps their colour), and the cell gets back the fill it had before.
 * The ledger is saved in the first write batch as a superset (old ∪ new) and again, exact, in the last, so
 * an interrupted repaint never forgets a highlight it made.
 */
import type { Issue, Locale, Severity } from '../../core/issues/issue';
import { issueMessage } from '../../core/messages/render';
import { cellKey, chunkAreas, keyAddress, keyColumn, keyRow, runAddress, verticalRuns } from './cells';
import { errorCode, type HostFeatures } from './host';
import { HIGHLIGHT_COLORS, HighlightLedger, LEDGER_PREFIX, shortHash, type Highlight } from './ledger';
import type { Progress } from './port';

export { HIGHLIGHT_COLORS };
/** Every note/comment the add-in writes starts with this mark; others are the clerk's. */
export const NOTE_MARK = '【验印】';

export interface HighlighterLimits {
  /** Characters per RangeAreas address list (Excel fails at ≈ 8,200). */
  addressChars: number;
  /** Write operations per sync. */
  opsPerSync: number;
  /** Estimated request bytes per sync. */
  bytesPerSync: number;
  /** Cells probed per sync. */
  probeCellsPerSync: number;
}

export interface Desired {
  color: string;
  text: string;
}

export interface SheetRef {
  id: string;
  name: string;
}

export interface SheetJob {
  sheet: SheetRef;
  desired: Map<number, Desired>;
  /** Rows the job owns; ledger cells outside are left alone. null = the whole sheet. */
  rows: { from: number; to: number } | null;
}

interface ProbeCache {
  sheetId: string;
  from: number;
  to: number;
  fills: Map<number, string | null>;
  notes: Map<number, string | null> | null;
  values: Map<number, unknown>;
  at: number;
}

/** (sheet name, cell key, the fill written, the value the cell holds — undefined when not read). */
export type MarkOwn = (sheet: string, key: number, fill: string | null, value: unknown) => void;

type Op = { kind: 'fill' | 'note'; cost: number; bytes: number; apply: (ctx: Excel.RequestContext) => void; after?: () => void };

/** What the pane asked for, cell by cell: the worst severity wins, messages (rendered here, per cell) are joined. */
export function desiredFromIssues(issues: readonly Issue[], locale: Locale = 'zh-CN'): Map<string, Map<number, Desired>> {
  const bySheet = new Map<string, Map<number, { severity: Severity; lines: string[] }>>();
  for (const issue of issues) {
    if (issue.row < 1 || issue.column < 1) continue;
    let cells = bySheet.get(issue.sheet);
    if (!cells) bySheet.set(issue.sheet, (cells = new Map()));
    const key = cellKey(issue.row, issue.column);
    const cur = cells.get(key);
    const message = issueMessage(issue, locale);
    if (!cur) cells.set(key, { severity: issue.severity, lines: [message] });
    else {
      if (issue.severity === 'error') cur.severity = 'error';
      if (!cur.lines.includes(message)) cur.lines.push(message);
    }
  }
  const out = new Map<string, Map<number, Desired>>();
  for (const [sheet, cells] of bySheet) {
    const m = new Map<number, Desired>();
    for (const [key, c] of cells) m.set(key, { color: HIGHLIGHT_COLORS[c.severity], text: `${NOTE_MARK}${c.lines.join('\n')}` });
    out.set(sheet, m);
  }
  return out;
}

export class Highlighter {
  readonly ledger = new HighlightLedger();
  private probeCache: ProbeCache | null = null;
  /** Cells holding any comment (1.10 path), per sheet name; refreshed on full repaints. */
  private commentCells: Map<string, Map<number, { id: string; content: string }>> | null = null;
  private readonly features: () => HostFeatures;
  private readonly limits: HighlighterLimits;

  /** Set once the host refused a note or comment as unimplemented: fills only from then on. */
  private annotationsOff = false;

  private effectiveFeatures(): HostFeatures {
    const f = this.features();
    return this.annotationsOff ? { ...f, notesMode: 'none' } : f;
  }

  /**
   * Told of every cell the add-in fills, with the value the cell held: `onChanged` fires for format changes
   * too (excel-add-ins-worksheets, "Detect changes"), and before ExcelApi 1.14 nothing else says the fill
   * was ours; an event is the add-in's while the cell still shows this fill and value (own-writes.ts).
   */
  private readonly markOwn: MarkOwn;

  /**
   * Set by the port: live repaints (a few rows) leave the ledger dirty and call this instead of writing
   * the workbook setting in every keystroke's batch; the port writes it once the clerk pauses.
   */
  onLedgerDirty: (() => void) | null = null;

  /** Queues the dirty sheets' ledger records as workbook settings (ExcelApi 1.4). */
  queueLedgerSave(ctx: Excel.RequestContext): void {
    for (const id of this.ledger.dirty) {
      const record = this.ledger.toRecord(id) ?? { v: 1, sheet: this.ledger.existing(id)?.name ?? '', groups: [] };
      ctx.workbook.settings.add(LEDGER_PREFIX + id, record);
    }
    this.ledger.dirty.clear();
  }

  constructor(features: () => HostFeatures, limits: HighlighterLimits, markOwn: MarkOwn = () => undefined) {
    this.features = features;
    this.limits = limits;
    this.markOwn = markOwn;
  }

  /** Queues the ledger load (all of the add-in's settings) on `ctx`; call `finish` after the sync. */
  queueLedgerLoad(ctx: Excel.RequestContext): (() => void) | null {
    if (this.ledger.loaded) return null;
    const settings = ctx.workbook.settings;
    settings.load('items/key,items/value');
    return () => {
      this.ledger.clear();
      for (const s of settings.items) if (s.key.startsWith(LEDGER_PREFIX)) this.ledger.loadRecord(s.key.slice(LEDGER_PREFIX.length), s.value);
      this.ledger.loaded = true;
    };
  }

  async ensureLedger(ctx: Excel.RequestContext): Promise<void> {
    const finish = this.queueLedgerLoad(ctx);
    if (!finish) return;
    await ctx.sync();
    finish();
  }

  invalidateProbes(): void {
    this.probeCache = null;
  }

  /**
   * Queues, on a read of rows [from, to] of one sheet, the probes a following repaint of those rows needs
   * (so the live path is one read sync + one write sync). Returns the function to call after the sync.
   */
  queuePrefetch(ctx: Excel.RequestContext, ws: Excel.Worksheet, sheetId: string, range: Excel.Range, from: number, to: number, width: number): () => void {
    const f = this.effectiveFeatures();
    const cells = (to - from + 1) * width;
    if (cells > 2_000 || width < 1) return () => undefined;
    let readFills: () => Map<number, string | null>;
    if (f.batchedFormats) {
      const props = range.getCellProperties({ format: { fill: { color: true, pattern: true } } });
      readFills = () => {
        const m = new Map<number, string | null>();
        props.value.forEach((row, i) =>
          row.forEach((p, j) => m.set(cellKey(from + i, 1 + j), p.format?.fill?.pattern === 'None' ? null : (p.format?.fill?.color ?? null))),
        );
        return m;
      };
    } else {
      const fills: { key: number; fill: Excel.RangeFill }[] = [];
      for (let r = from; r <= to; r++)
        for (let c = 1; c <= width; c++) {
          const fill = range.getCell(r - from, c - 1).format.fill;
          fill.load('color');
          fills.push({ key: cellKey(r, c), fill });
        }
      readFills = () => new Map(fills.map((x) => [x.key, fillOf(x.fill.color)]));
    }
    let readNotes: (() => Map<number, string | null>) | null = null;
    if (f.notesMode === 'note') {
      const probes: { key: number; note: Excel.Note }[] = [];
      for (let r = from; r <= to; r++)
        for (let c = 1; c <= width; c++) {
          const key = cellKey(r, c);
          const note = ws.notes.getItemOrNullObject(keyAddress(key));
          note.load('content');
          probes.push({ key, note });
        }
      readNotes = () => new Map(probes.map((p) => [p.key, p.note.isNullObject ? null : p.note.content]));
    }
    return () => {
      const values = new Map<number, unknown>();
      range.values.forEach((row, i) => row.forEach((v, j) => values.set(cellKey(from + i, 1 + j), v)));
      this.probeCache = { sheetId, from, to, fills: readFills(), notes: readNotes ? readNotes() : null, values, at: Date.now() };
    };
  }

  /** Runs the reconciliation for the given sheets. Returns the number of syncs it made. */
  async reconcile(ctx: Excel.RequestContext, jobs: readonly SheetJob[], onProgress?: (p: Progress) => void): Promise<void> {
    await this.ensureLedger(ctx);
    const f = this.effectiveFeatures();
    type Action = { key: number; want: Desired | null; had: Highlight | null };
    const plans: { job: SheetJob; actions: Action[] }[] = [];
    for (const job of jobs) {
      const actions: Action[] = [];
      const existing = this.ledger.existing(job.sheet.id);
      const inRows = (key: number): boolean => !job.rows || (keyRow(key) >= job.rows.from && keyRow(key) <= job.rows.to);
      for (const [key, want] of job.desired) {
        if (!inRows(key)) continue;
        const had = existing?.cells.get(key) ?? null;
        if (had && had.color === want.color && (f.notesMode === 'none' || (had.note !== null && had.noteHash === shortHash(want.text)))) continue;
        actions.push({ key, want, had });
      }
      if (existing)
        for (const [key, had] of existing.cells) if (inRows(key) && !job.desired.has(key)) actions.push({ key, want: null, had });
      if (actions.length > 0) plans.push({ job, actions });
    }
    if (plans.length === 0) return;

    // Probe what the cells show now (and, where Excel cannot say which edits are ours, what they hold).
    const fills = new Map<string, Map<number, string | null>>();
    const notes = new Map<string, Map<number, string | null>>();
    const values = new Map<string, Map<number, unknown>>();
    const wantValues = !f.triggerSource;
    for (const { job, actions } of plans) {
      const keys = actions.map((a) => a.key);
      const cache = this.probeCache;
      const cached = cache && cache.sheetId === job.sheet.id && Date.now() - cache.at < 5_000 && keys.every((k) => cache.fills.has(k)) ? cache : null;
      const vals = cached ? cached.values : new Map<number, unknown>();
      values.set(job.sheet.id, vals);
      fills.set(job.sheet.id, cached ? cached.fills : await this.probeFills(ctx, job.sheet.name, keys, wantValues ? vals : undefined));
      if (f.notesMode === 'note') {
        const noteKeys = actions.filter((a) => a.want || a.had?.note === 'note').map((a) => a.key);
        notes.set(job.sheet.id, cached?.notes && noteKeys.every((k) => cached.notes?.has(k)) ? cached.notes : await this.probeNotes(ctx, job.sheet.name, noteKeys));
      }
    }
    this.probeCache = null;
    const needsComments = plans.some((p) => p.actions.some((a) => (a.want && !a.had) || (!a.want && a.had?.note === 'comment' && !a.had.commentId)));
    if (f.notesMode === 'comment' && (this.commentCells === null || jobs.some((j) => j.rows === null)) && needsComments)
      this.commentCells = await this.loadCommentCells(ctx);

    // Decide.
    const ops: Op[] = [];
    const removed: { id: string; key: number }[] = [];
    for (const { job, actions } of plans) {
      const sheet = job.sheet;
      const cur = fills.get(sheet.id) ?? new Map<number, string | null>();
      const noteNow = notes.get(sheet.id) ?? new Map<number, string | null>();
      const groups = new Map<string, number[]>();
      const paint = (color: string | null, key: number): void => {
        const g = color ?? '';
        let list = groups.get(g);
        if (!list) groups.set(g, (list = []));
        list.push(key);
      };
      const ws = (ctx: Excel.RequestContext): Excel.Worksheet => ctx.workbook.worksheets.getItem(sheet.name);
      const vals = values.get(sheet.id);
      const paintOwn = (color: string | null, key: number): void => {
        paint(color, key);
        this.markOwn(sheet.name, key, color, vals?.get(key));
      };
      for (const a of actions) {
        const now = cur.get(a.key) ?? null;
        const address = keyAddress(a.key);
        if (!a.want) {
          const had = a.had as Highlight;
          if (now === had.color) paintOwn(had.prev, a.key);
          if (had.note === 'note' && f.notesMode === 'note' && (noteNow.get(a.key) ?? '').startsWith(NOTE_MARK))
            ops.push({ kind: 'note', cost: 2, bytes: 80, apply: (c) => ws(c).notes.getItem(address).delete() });
          const commentId = had.commentId ?? this.ourCommentAt(sheet.name, a.key);
          if (had.note === 'comment' && commentId && f.notesMode === 'comment') {
            const id = commentId;
            ops.push({
              kind: 'note',
              cost: 2,
              bytes: 80,
              apply: (c) => (f.nullableComments ? c.workbook.comments.getItemOrNullObject(id) : c.workbook.comments.getItem(id)).delete(),
              after: () => this.commentCells?.get(sheet.name)?.delete(a.key),
            });
          }
          removed.push({ id: sheet.id, key: a.key });
          continue;
        }
        const want = a.want;
        const ours = a.had !== null && now === a.had.color;
        const next: Highlight = { color: want.color, prev: ours && a.had ? a.had.prev : now, note: null };
        if (now !== want.color) paintOwn(want.color, a.key);
        // The message on the cell.
        const hash = shortHash(want.text);
        if (f.notesMode === 'note') {
          const existing = noteNow.get(a.key) ?? null;
          if (existing === null) {
            ops.push({ kind: 'note', cost: 3, bytes: 100 + want.text.length * 3, apply: (c) => void ws(c).notes.add(ws(c).getRange(address), want.text) });
            next.note = 'note';
            next.noteHash = hash;
          } else if (existing.startsWith(NOTE_MARK)) {
            if (existing !== want.text) ops.push({ kind: 'note', cost: 3, bytes: 100 + want.text.length * 3, apply: (c) => void (ws(c).notes.getItem(address).content = want.text) });
            next.note = 'note';
            next.noteHash = hash;
          }
        } else if (f.notesMode === 'comment') {
          const mine = a.had?.note === 'comment' ? a.had.commentId : undefined;
          if (mine) {
            next.note = 'comment';
            next.commentId = mine;
            next.noteHash = hash;
            if (a.had?.noteHash !== hash)
              ops.push({
                kind: 'note',
                cost: 2,
                bytes: 100 + want.text.length * 3,
                apply: (c) => void ((f.nullableComments ? c.workbook.comments.getItemOrNullObject(mine) : c.workbook.comments.getItem(mine)).content = want.text),
              });
          } else if (!this.commentCells?.get(sheet.name)?.has(a.key)) {
            let comment: Excel.Comment | null = null;
            next.note = 'comment';
            next.noteHash = hash;
            ops.push({
              kind: 'note',
              cost: 3,
              bytes: 100 + want.text.length * 3,
              apply: (c) => {
                comment = c.workbook.comments.add(ws(c).getRange(address), want.text);
                comment.load('id');
              },
              after: () => {
                if (!comment) return;
                next.commentId = comment.id;
                this.ledger.dirty.add(sheet.id);
                let cells = this.commentCells?.get(sheet.name);
                if (this.commentCells && !cells) this.commentCells.set(sheet.name, (cells = new Map()));
                cells?.set(a.key, { id: comment.id, content: want.text });
              },
            });
          }
        }
        this.ledger.set(sheet.id, sheet.name, a.key, next);
      }
      for (const [color, keys] of groups) ops.unshift(...this.fillOps(sheet.name, color || null, keys));
    }

    // Write.
    const batches = this.batch(ops);
    const lazy = this.onLedgerDirty !== null && jobs.every((j) => j.rows !== null);
    const saveLedger = (ctx: Excel.RequestContext): void => {
      if (!lazy) this.queueLedgerSave(ctx);
    };
    const total = Math.max(batches.length, 1);
    for (let i = 0; i < batches.length || i === 0; i++) {
      const batch = batches[i] ?? [];
      if (i === 0 && batches.length > 1) saveLedger(ctx); // superset: old ∪ new
      for (const op of batch) op.apply(ctx);
      if (i === batches.length - 1 || batches.length === 0) {
        for (const r of removed) this.ledger.delete(r.id, r.key);
        saveLedger(ctx);
      }
      const applied = await this.syncTolerant(ctx, batch);
      for (const op of applied) op.after?.();
      onProgress?.({ done: i + 1, total });
    }
    if (lazy && this.ledger.dirty.size > 0) this.onLedgerDirty?.();
    // Comment ids learnt in the last batch are saved with the next repaint; until then a comment of the
    // add-in is found by its cell and its mark (ourCommentAt), so no extra sync is spent here.
  }

  /**
   * A batch that fails on a note or comment (the clerk deleted ours, or added their own in the meantime)
   * is retried without notes and comments, so the fills still land.
   */
  private async syncTolerant(ctx: Excel.RequestContext, batch: Op[]): Promise<Op[]> {
    try {
      await ctx.sync();
      return batch;
    } catch (e) {
      const code = errorCode(e);
      const annotating = batch.some((op) => op.kind !== 'fill');
      // `comments.add` has thrown NotImplemented on some builds (OfficeDev/office-js-docs-pr#2006,
      // office-js#1847): stop annotating cells for this session; the messages stay in the pane.
      if (annotating && (code === 'NotImplemented' || code === 'ApiNotFound')) this.annotationsOff = true;
      else if (code !== 'ItemNotFound' && code !== 'InvalidArgument') throw e;
      const fillsOnly = batch.filter((op) => op.kind === 'fill');
      for (const op of fillsOnly) op.apply(ctx);
      this.commentCells = null;
      await ctx.sync();
      return fillsOnly;
    }
  }

  private fillOps(sheetName: string, color: string | null, keys: number[]): Op[] {
    const areas = verticalRuns(keys).map(runAddress);
    const f = this.effectiveFeatures();
    const set = (r: { format: { fill: Excel.RangeFill } }): void => {
      if (color) r.format.fill.color = color;
      else r.format.fill.clear();
    };
    if (f.batchedFormats)
      return chunkAreas(areas, this.limits.addressChars).map((address) => ({
        kind: 'fill' as const,
        cost: 1,
        bytes: address.length + 120,
        apply: (ctx: Excel.RequestContext) => set(ctx.workbook.worksheets.getItem(sheetName).getRanges(address)),
      }));
    return areas.map((address) => ({
      kind: 'fill' as const,
      cost: 1,
      bytes: address.length + 120,
      apply: (ctx: Excel.RequestContext) => set(ctx.workbook.worksheets.getItem(sheetName).getRange(address)),
    }));
  }

  private batch(ops: Op[]): Op[][] {
    const out: Op[][] = [];
    let cur: Op[] = [];
    let cost = 0;
    let bytes = 0;
    for (const op of ops) {
      if (cur.length > 0 && (cost + op.cost > this.limits.opsPerSync || bytes + op.bytes > this.limits.bytesPerSync)) {
        out.push(cur);
        cur = [];
        cost = 0;
        bytes = 0;
      }
      cur.push(op);
      cost += op.cost;
      bytes += op.bytes;
    }
    if (cur.length > 0) out.push(cur);
    return out;
  }

  private ourCommentAt(sheetName: string, key: number): string | undefined {
    const c = this.commentCells?.get(sheetName)?.get(key);
    return c && c.content.startsWith(NOTE_MARK) ? c.id : undefined;
  }

  /** Current fill of each cell: null = no fill; with `values`, also what each cell holds. */
  async probeFills(ctx: Excel.RequestContext, sheetName: string, keys: number[], values?: Map<number, unknown>): Promise<Map<number, string | null>> {
    const out = new Map<number, string | null>();
    if (keys.length === 0) return out;
    const wanted = new Set(keys);
    const f = this.effectiveFeatures();
    const runs = verticalRuns(keys, 4);
    const ws = ctx.workbook.worksheets.getItem(sheetName);
    let pending: { run: (typeof runs)[number]; read: () => void }[] = [];
    let cells = 0;
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      await ctx.sync();
      for (const p of pending) p.read();
      pending = [];
      cells = 0;
    };
    const mixed: number[] = [];
    for (const run of runs) {
      const n = run.toRow - run.fromRow + 1;
      if (cells + n > this.limits.probeCellsPerSync || pending.length >= this.limits.opsPerSync / 2) await flush();
      const range = ws.getRange(runAddress(run));
      if (values) {
        range.load('values');
        pending.push({
          run,
          read: () =>
            range.values.forEach((row, i) => {
              const key = cellKey(run.fromRow + i, run.column);
              if (wanted.has(key)) values.set(key, row[0]);
            }),
        });
      }
      if (f.batchedFormats) {
        const props = range.getCellProperties({ format: { fill: { color: true, pattern: true } } });
        pending.push({
          run,
          read: () =>
            props.value.forEach((row, i) => {
              const key = cellKey(run.fromRow + i, run.column);
              const p = row[0];
              if (wanted.has(key)) out.set(key, p?.format?.fill?.pattern === 'None' ? null : (p?.format?.fill?.color ?? null));
            }),
        });
      } else {
        const fill = range.format.fill;
        fill.load('color');
        pending.push({
          run,
          read: () => {
            // A uniform run answers with its colour; a mixed one with null → ask cell by cell.
            for (let r = run.fromRow; r <= run.toRow; r++) {
              const key = cellKey(r, run.column);
              if (!wanted.has(key)) continue;
              if (fill.color === null) mixed.push(key);
              else out.set(key, fillOf(fill.color));
            }
          },
        });
      }
      cells += n;
    }
    await flush();
    for (let i = 0; i < mixed.length; i += this.limits.opsPerSync) {
      const slice = mixed.slice(i, i + this.limits.opsPerSync);
      const fillsByKey = slice.map((key) => {
        const fill = ws.getCell(keyRow(key) - 1, keyColumn(key) - 1).format.fill;
        fill.load('color');
        return { key, fill };
      });
      await ctx.sync();
      for (const x of fillsByKey) out.set(x.key, fillOf(x.fill.color));
    }
    return out;
  }

  /** Current note text of each cell (1.18); null = no note. */
  async probeNotes(ctx: Excel.RequestContext, sheetName: string, keys: number[]): Promise<Map<number, string | null>> {
    const out = new Map<number, string | null>();
    const ws = ctx.workbook.worksheets.getItem(sheetName);
    for (let i = 0; i < keys.length; i += this.limits.opsPerSync) {
      const probes = keys.slice(i, i + this.limits.opsPerSync).map((key) => {
        const note = ws.notes.getItemOrNullObject(keyAddress(key));
        note.load('content');
        return { key, note };
      });
      await ctx.sync();
      for (const p of probes) out.set(p.key, p.note.isNullObject ? null : p.note.content);
    }
    return out;
  }

  /** Every comment's cell (1.10): two syncs whatever the number of comments. */
  private async loadCommentCells(ctx: Excel.RequestContext): Promise<Map<string, Map<number, { id: string; content: string }>>> {
    const comments = ctx.workbook.comments;
    comments.load('items/id,items/content');
    await ctx.sync();
    const located = comments.items.map((c) => {
      const loc = c.getLocation();
      loc.load('address');
      return { c, loc };
    });
    if (located.length > 0) await ctx.sync();
    const out = new Map<string, Map<number, { id: string; content: string }>>();
    for (const { c, loc } of located) {
      const bang = loc.address.lastIndexOf('!');
      let sheet = loc.address.slice(0, bang);
      if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
      const m = /^\$?([A-Z]+)\$?(\d+)/.exec(loc.address.slice(bang + 1));
      if (!m?.[1] || !m[2]) continue;
      let col = 0;
      for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
      let cells = out.get(sheet);
      if (!cells) out.set(sheet, (cells = new Map()));
      cells.set(cellKey(Number(m[2]), col), { id: c.id, content: c.content });
    }
    return out;
  }
}

/** Excel reports "no fill" as white; before 1.9 (no `pattern`) white is taken as no fill. */
function fillOf(color: string | null): string | null {
  if (!color) return null;
  const c = color.toUpperCase();
  return c === '#FFFFFF' ? null : c;
}
