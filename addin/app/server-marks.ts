import type { CellValue } from '../../core/grid/cell';
import type { Issue } from '../../core/issues/issue';
import type { RowShift } from './coalesce-changes';
import type { LiveSession } from './engine';
import { issueKey, shiftIssues } from './issue-diff';
import type { PaneState } from './pane-state';

/**
 * What the bureau's server said on the last submit, kept beside the pane's own checks: the issues only the
 * server finds (each with the value its cell held when the verdict arrived, so a changed cell drops its
 * mark) and everything it listed (for "what the server said is now stale").
 */
export interface ServerMarks {
  /** The server-only issues still standing (a local issue on the same cell with the same code wins). */
  standing(session: LiveSession | null): Issue[];
  /** Replaces the previous verdict; the issues the session finds itself are not kept as marks. */
  replace(session: LiveSession, given: Issue[]): void;
  /** Marks follow inserted and deleted rows (those on deleted rows go with them). */
  shift(shifts: readonly RowShift[]): void;
  /** The server's verdict no longer applies to a cell the clerk (or a fix) changed since. */
  dropChanged(session: LiveSession | null): void;
  /** The server's error and warning counts, and how many of its errors `issues` still list. */
  verdict(issues: readonly Issue[]): PaneState['serverVerdict'];
}

export function createServerMarks(): ServerMarks {
  let serverMarks: { issue: Issue; value: CellValue }[] = [];
  let serverGiven: Issue[] | null = null;
  return {
    standing(session) {
      if (!session || serverMarks.length === 0) return [];
      const local = new Set(session.report().issues.map(issueKey));
      return serverMarks.map((m) => m.issue).filter((i) => !local.has(issueKey(i)));
    },
    replace(current, given) {
      const local = new Set(current.report().issues.map(issueKey));
      const seen = new Set<string>();
      serverMarks = [];
      serverGiven = given;
      for (const issue of given) {
        const key = issueKey(issue);
        if (local.has(key) || seen.has(key)) continue;
        seen.add(key);
        serverMarks.push({ issue, value: current.cell(issue.sheet, issue.row, issue.column)?.value ?? null });
      }
    },
    shift(shifts) {
      if (shifts.length === 0 || serverMarks.length === 0) return;
      const next: typeof serverMarks = [];
      for (const m of serverMarks) {
        const [moved] = shiftIssues([m.issue], shifts);
        if (moved) next.push({ issue: moved, value: m.value });
      }
      serverMarks = next;
    },
    dropChanged(session) {
      if (!session || serverMarks.length === 0) return;
      const current = session;
      const sheets = new Set(current.report().sheets.map((r) => r.sheet));
      serverMarks = serverMarks.filter(
        (m) =>
          sheets.has(m.issue.sheet) &&
          (current.cell(m.issue.sheet, m.issue.row, m.issue.column)?.value ?? null) === m.value,
      );
    },
    verdict(issues) {
      if (serverGiven === null) return null;
      const now = new Set(issues.filter((i) => i.severity === 'error').map(issueKey));
      const errors = serverGiven.filter((i) => i.severity === 'error');
      return {
        errors: errors.length,
        warnings: serverGiven.length - errors.length,
        remaining: errors.filter((i) => now.has(issueKey(i))).length,
      };
    },
  };
}
