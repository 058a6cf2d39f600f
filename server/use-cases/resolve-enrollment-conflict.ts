/**
 * The province decides an enrollment conflict: `accept-transfer` (the student really moved) or `refuse`
 * (the row stays an error with the reason). Decided once, audited; a second decision is refused (409),
 * also when two arrive at once.
 *
 * Accepting takes effect at once, in the same transaction (apply-transfer-decision): the listing school's
 * stored `id-held-by-other-school` error for the student is removed (no re-upload needed), and the
 * holding school's row becomes a transferred-out record — no longer its graduate, so its numbering and
 * its graduate counts skip it, with a warning on the row, and a certificate number already issued there
 * for the student is voided.
 */
import { AppError } from '../errors';
import { applyTransferDecision } from './apply-transfer-decision';
import './enrollment-integrity'; // registers `conflict-already-resolved`
import { actorCovers, audit, formatBeijing, type Actor, type Db } from './context';

export interface ResolveEnrollmentConflictOptions {
  actor: Actor;
  conflictId: string;
  decision: 'accept-transfer' | 'refuse';
  comment: string;
  now?: Date;
}

export async function resolveEnrollmentConflict(db: Db, options: ResolveEnrollmentConflictOptions) {
  const { actor, conflictId, decision, comment, now = new Date() } = options;
  if (actor.role !== 'PROVINCE_ADMIN') throw new AppError('forbidden');
  const found = await db.enrollmentConflict.findUnique({ where: { id: conflictId } });
  if (!found || !(await actorCovers(db, actor, found.claimingSchoolId))) throw new AppError('not-found', { what: '学籍冲突' });
  const status = decision === 'accept-transfer' ? 'TRANSFER_ACCEPTED' : 'REFUSED';
  return db.$transaction(async (tx) => {
    const moved = await tx.enrollmentConflict.updateMany({
      where: { id: conflictId, status: 'OPEN' },
      data: { status, resolvedAt: now, resolvedById: actor.userId, resolutionComment: comment },
    });
    if (moved.count !== 1) {
      const current = await tx.enrollmentConflict.findUniqueOrThrow({ where: { id: conflictId } });
      throw new AppError('conflict-already-resolved', { resolvedAt: current.resolvedAt ? formatBeijing(current.resolvedAt) : '' });
    }
    const effects = status === 'TRANSFER_ACCEPTED' ? await applyTransferDecision(tx, actor, found, now) : null;
    await audit(tx, actor, {
      action: 'enrollment-conflict.resolve',
      entity: 'enrollment_conflict',
      entityId: conflictId,
      before: { status: 'OPEN' },
      after: { status, comment, ...(effects ? { effects } : {}) },
    });
    return { id: conflictId, status, resolvedAt: now.toISOString() };
  });
}
