/** The province refuses a number application (with a comment); nothing is allocated. */
import { AppError } from '../errors';
import { audit, type Actor, type DbOrTx } from './context';
import { inTransaction, requireRole, requireSchoolInScope } from './certificate-support';

export interface RejectNumberApplicationOptions {
  actor: Actor;
  applicationId: string;
  comment: string;
  now?: Date;
}

export async function rejectNumberApplication(db: DbOrTx, options: RejectNumberApplicationOptions) {
  const { actor, applicationId } = options;
  requireRole(actor, ['PROVINCE_ADMIN', 'CITY_REVIEWER']);
  const comment = options.comment.trim();
  if (!comment) throw new AppError('comment-required');
  return inTransaction(db, async (tx) => {
    const claimed = await tx.numberApplication.updateMany({
      where: { id: applicationId, status: 'PENDING' },
      data: { status: 'REJECTED', decidedById: actor.userId, decidedAt: options.now ?? new Date(), decisionComment: comment },
    });
    const application = await tx.numberApplication.findUnique({ where: { id: applicationId } });
    if (!application) throw new AppError('not-found', { what: '编号申请' });
    await requireSchoolInScope(tx, actor, application.schoolId);
    if (claimed.count === 0) throw new AppError('application-not-pending', { status: application.status });
    await audit(tx, actor, {
      action: 'number-application.reject',
      entity: 'number_application',
      entityId: applicationId,
      before: { status: 'PENDING' },
      after: { status: 'REJECTED', comment },
    });
    return application;
  });
}
