/**
 * A lost certificate is never re-issued: the school issues a 证明书 of equal force that cites the
 * original number. This records it; the original certificate stays ISSUED and keeps its number.
 */
import { AppError } from '../errors';
import { audit, SCHOOL_ROLES, type Actor, type DbOrTx } from './context';
import { inTransaction, requireRole, requireSchoolInScope, sqlState } from './certificate-support';

export interface RecordCertificateProofOptions {
  actor: Actor;
  certificate: { id: string } | { number: string };
  reason: string;
  /** The 证明书's own reference, if the school numbers them. */
  proofNumber?: string;
  now?: Date;
}

export async function recordCertificateProof(db: DbOrTx, options: RecordCertificateProofOptions) {
  const { actor } = options;
  requireRole(actor, ['PROVINCE_ADMIN', ...SCHOOL_ROLES]);
  const reason = options.reason.trim();
  if (!reason) throw new AppError('invalid-input', { detail: '请填写补办证明书的原因（如遗失）' });
  const where = 'id' in options.certificate ? { id: options.certificate.id } : { number: options.certificate.number.trim() };

  return inTransaction(db, async (tx) => {
    const certificate = await tx.certificate.findUnique({ where });
    if (!certificate) throw new AppError('not-found', { what: '证书编号' });
    await requireSchoolInScope(tx, actor, certificate.schoolId);
    if (certificate.status === 'VOIDED') throw new AppError('certificate-already-voided', { number: certificate.number });
    let proof;
    try {
      proof = await tx.certificateProof.create({
        data: {
          certificateId: certificate.id,
          schoolId: certificate.schoolId,
          proofNumber: options.proofNumber?.trim() || null,
          reason,
          issuedAt: options.now ?? new Date(),
          recordedById: actor.userId,
        },
      });
    } catch (error) {
      if (sqlState(error) === '23505') throw new AppError('certificate-conflict', { detail: `证明书编号 ${options.proofNumber ?? ''} 已使用` }, { cause: error });
      throw error;
    }
    await audit(tx, actor, {
      action: 'certificate-proof.record',
      entity: 'certificate_proof',
      entityId: proof.id,
      after: { certificateId: certificate.id, originalNumber: certificate.number, proofNumber: proof.proofNumber, reason },
    });
    return { ...proof, originalNumber: certificate.number };
  });
}
