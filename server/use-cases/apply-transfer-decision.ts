/**
 * What an accepted transfer (转学, an enrollment conflict decided TRANSFER_ACCEPTED) changes, inside the
 * deciding transaction — what a province expects when it confirms that a student now belongs to the
 * listing school:
 *
 * - The listing (claiming) school: its stored `id-held-by-other-school` error on the student's rows is
 *   removed and the rows count as graduates again (by the rest of their issues and the pack's 结论), so the
 *   clerk can hand in without a re-upload — unless another school still holds the student (an OPEN or
 *   REFUSED case for the same ID), whose error stays.
 * - The holding school: the student's rows of its current version stop being its graduates (numbering,
 *   number applications and the 审核表 count graduates only) and carry an `id-transferred-out` warning
 *   that names no school; a certificate number issued there for the student is voided with the reason
 *   (a voided number is never given again, and the public look-up no longer confirms it). A later
 *   upload of the holding school keeps the mark (check-enrollment-integrity).
 */
import { campaignPackId, getPack } from '../../core/templates/registry';
import type { EnrollmentConflict } from '../../generated/prisma/client';
import { audit, type Actor, type Tx } from './context';
import { HELD_CODE, TRANSFERRED_OUT_CODE, transferredOutIssue } from './enrollment-integrity';
import { appendStoredIssues, removeStoredIssues } from './edit-stored-issues';
import { text } from './validate-workbook';

export interface TransferEffects {
  /** Stored errors removed from the listing school's current version. */
  clearedErrors: number;
  /** Rows of the holding school's current version marked transferred out. */
  transferredOutRows: number;
  voidedCertificates: string[];
}

export async function applyTransferDecision(tx: Tx, actor: Actor, conflict: EnrollmentConflict, now: Date): Promise<TransferEffects> {
  const { campaignId, idNumber } = conflict;
  const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  const graduated = getPack(campaignPackId(campaign))?.roles.graduates?.graduated;
  const effects: TransferEffects = { clearedErrors: 0, transferredOutRows: 0, voidedCertificates: [] };

  // The listing school: its error goes unless another school still holds the student.
  const stillHeld = await tx.enrollmentConflict.count({
    where: { campaignId, idNumber, claimingSchoolId: conflict.claimingSchoolId, status: { in: ['OPEN', 'REFUSED'] } },
  });
  const claiming = await currentVersionOf(tx, campaignId, conflict.claimingSchoolId);
  if (claiming && stillHeld === 0) {
    const rows = await tx.student.findMany({ where: { versionId: claiming, idNumber }, select: { id: true, sheet: true, rowNumber: true, extra: true } });
    const at = new Set(rows.map((r) => `${r.sheet}\u0000${r.rowNumber}`));
    effects.clearedErrors = await removeStoredIssues(tx, claiming, (i) => i.code === HELD_CODE && at.has(`${i.sheet ?? ''}\u0000${i.row ?? 0}`));
    for (const r of rows) {
      const errors = await tx.submissionIssue.count({ where: { versionId: claiming, sheet: r.sheet, row: r.rowNumber, severity: 'ERROR' } });
      const conclusion = graduated ? text((r.extra as Record<string, unknown> | null)?.[graduated.column]) : '';
      const graduate = errors === 0 && (conclusion === '' || (graduated?.values.includes(conclusion) ?? true));
      await tx.student.update({ where: { id: r.id }, data: { graduate } });
    }
  }

  // The holding school: a transferred-out record, numbered nowhere.
  const holding = await currentVersionOf(tx, campaignId, conflict.holdingSchoolId);
  if (holding) {
    const rows = await tx.student.findMany({ where: { versionId: holding, idNumber }, select: { id: true, sheet: true, rowNumber: true, extra: true } });
    const marked = await tx.submissionIssue.findMany({ where: { versionId: holding, code: TRANSFERRED_OUT_CODE }, select: { sheet: true, row: true } });
    const already = new Set(marked.map((m) => `${m.sheet ?? ''}\u0000${m.row ?? 0}`));
    const fresh = rows.filter((r) => !already.has(`${r.sheet}\u0000${r.rowNumber}`));
    await tx.student.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { graduate: false } });
    await appendStoredIssues(
      tx,
      holding,
      fresh.map((r) => transferredOutIssue(r.sheet, r.rowNumber, idColumnOf(r.extra))),
    );
    effects.transferredOutRows = rows.length;
  }
  const issued = await tx.certificate.findMany({
    where: { campaignId, schoolId: conflict.holdingSchoolId, holderIdNumber: idNumber, status: 'ISSUED' },
    select: { id: true, number: true },
  });
  const reason = '转学：自治区教育厅确认该学生已转入其他学校（学籍冲突处理）';
  for (const c of issued) {
    await tx.certificate.update({ where: { id: c.id }, data: { status: 'VOIDED', voidedAt: now, voidedById: actor.userId, voidReason: reason } });
    await audit(tx, actor, {
      action: 'certificate.void',
      entity: 'certificate',
      entityId: c.id,
      before: { number: c.number, status: 'ISSUED' },
      after: { number: c.number, status: 'VOIDED', voidReason: reason, enrollmentConflictId: conflict.id },
    });
    effects.voidedCertificates.push(c.number);
  }
  return effects;
}

async function currentVersionOf(tx: Tx, campaignId: string, schoolId: string): Promise<string | null> {
  const s = await tx.submission.findUnique({ where: { campaignId_schoolId: { campaignId, schoolId } }, select: { currentVersionId: true } });
  return s?.currentVersionId ?? null;
}

/** The ID column save-submission keeps in `extra.__idColumn` (as the cross-school warnings read it). */
function idColumnOf(extra: unknown): number {
  const n = Number((extra as Record<string, unknown> | null)?.__idColumn);
  return Number.isInteger(n) && n > 0 ? n : 4;
}
