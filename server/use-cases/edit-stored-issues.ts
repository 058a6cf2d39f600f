/**
 * Changes to a stored version's issues made by a later decision (the province's enrollment-conflict
 * decision), without a re-upload: the `submission_issue` rows, the version's stored report (stats, `valid`,
 * and `columns`, which holds each issue's column by its position in id order — see get-submission's
 * readIssues) and `submission_version.valid` move together.
 */
import type { Issue } from '../../core/issues/issue';
import type { ValidationStats } from '../../core/report';
import type { Prisma } from '../../generated/prisma/client';
import type { Tx } from './context';

interface StoredReport {
  valid: boolean;
  stats: ValidationStats;
  columns?: number[];
  [key: string]: unknown;
}

/** A stored issue as the edit sees it. */
export interface StoredIssueRef {
  code: string;
  severity: 'ERROR' | 'WARNING';
  sheet: string | null;
  row: number | null;
}

/** Removes the version's issues `drop` selects; answers how many went. */
export async function removeStoredIssues(tx: Tx, versionId: string, drop: (issue: StoredIssueRef) => boolean): Promise<number> {
  const rows = await tx.submissionIssue.findMany({
    where: { versionId },
    orderBy: { id: 'asc' },
    select: { id: true, code: true, severity: true, sheet: true, row: true },
  });
  const dropped = new Set<number>();
  rows.forEach((r, i) => {
    if (drop(r)) dropped.add(i);
  });
  if (dropped.size === 0) return 0;
  const version = await tx.submissionVersion.findUniqueOrThrow({ where: { id: versionId }, select: { report: true } });
  const report = structuredClone(version.report as unknown as StoredReport);
  const gone = rows.filter((_, i) => dropped.has(i));
  for (const r of gone) count(report.stats, r.code, r.severity, -1);
  if (report.columns) report.columns = report.columns.filter((_, i) => !dropped.has(i));
  await tx.submissionIssue.deleteMany({ where: { id: { in: gone.map((r) => r.id) } } });
  await save(tx, versionId, report);
  return gone.length;
}

/** Appends issues to the version (after its others, as the stored order is the id order). */
export async function appendStoredIssues(tx: Tx, versionId: string, issues: Issue[]): Promise<void> {
  if (issues.length === 0) return;
  const version = await tx.submissionVersion.findUniqueOrThrow({ where: { id: versionId }, select: { report: true } });
  const report = structuredClone(version.report as unknown as StoredReport);
  for (const issue of issues) {
    const severity = issue.severity === 'error' ? 'ERROR' : 'WARNING';
    await tx.submissionIssue.create({
      data: {
        versionId,
        code: issue.code,
        severity,
        sheet: issue.sheet,
        row: issue.row,
        column: String(issue.column),
        address: issue.address,
        params: issue.params as Prisma.InputJsonValue,
      },
    });
    count(report.stats, issue.code, severity, 1);
    if (report.columns) report.columns.push(issue.column);
  }
  await save(tx, versionId, report);
}

function count(stats: ValidationStats, code: string, severity: 'ERROR' | 'WARNING', by: 1 | -1): void {
  if (severity === 'ERROR') stats.errors = Math.max(0, stats.errors + by);
  else stats.warnings = Math.max(0, stats.warnings + by);
  const n = (stats.byCode[code] ?? 0) + by;
  stats.byCode = Object.fromEntries(Object.entries({ ...stats.byCode, [code]: n }).filter(([, v]) => v > 0));
}

async function save(tx: Tx, versionId: string, report: StoredReport): Promise<void> {
  report.valid = report.stats.errors === 0;
  await tx.submissionVersion.update({
    where: { id: versionId },
    data: { valid: report.valid, report: report as unknown as Prisma.InputJsonValue },
  });
}
