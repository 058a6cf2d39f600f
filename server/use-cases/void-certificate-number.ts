/**
 * Voids a certificate number (a misprint, a damaged blank …). The row stays, VOIDED, with the reason:
 * unique (series_id, serial) then guarantees the number is never given again, and the voided numbers
 * are reported by list-school-certificate-numbers. The graduate gets a new number at the next
 * assign-certificate-numbers run.
 */
import { AppError } from '../errors';
import { audit, SCHOOL_ROLES, type Actor, type DbOrTx } from './context';
import { inTransaction, requireRole, requireSchoolInScope } from './certificate-support';

export interface VoidCertificateNumberOptions {
  actor: Actor;
  /** The certificate's id or its printed number. */
  certificate: { id: string } | { number: string };
  reason: string;
  now?: Date;
}

export async function voidCertificateNumber(db: DbOrTx, options: VoidCertificateNumberOptions) {
  const { actor } = options;
  requireRole(actor, ['PROVINCE_ADMIN', ...SCHOOL_ROLES]);
  const reason = options.reason.trim();
  if (!reason) throw new AppError('invalid-input', { detail: '请填写作废原因' });
  const now = options.now ?? new Date();
  const where = 'id' in options.certificate ? { id: options.certificate.id } : { number: options.certificate.number.trim() };

  return inTransaction(db, async (tx) => {
    const before = await tx.certificate.findUnique({ where });
    if (!before) throw new AppError('not-found', { what: '证书编号' });
    await requireSchoolInScope(tx, actor, before.schoolId);
    const changed = await tx.certificate.updateMany({
      where: { id: before.id, status: 'ISSUED' },
      data: { status: 'VOIDED', voidedAt: now, voidedById: actor.userId, voidReason: reason },
    });
    if (changed.count === 0) throw new AppError('certificate-already-voided', { number: before.number });
    const after = await tx.certificate.findUniqueOrThrow({ where: { id: before.id } });
    await audit(tx, actor, {
      action: 'certificate.void',
      entity: 'certificate',
      entityId: before.id,
      before: { number: before.number, status: before.status },
      after: { number: after.number, status: after.status, voidReason: reason },
    });
    return after;
  });
}
