/**
 * Serves the 附件3 审核表 behind a signed link (sign-audit-sheet-link), without a session: the signature
 * and expiry are checked first, then the user named in the link must still be active and still have the
 * right to export that school's sheet NOW (a disabled account, a moved reviewer or a clerk of another
 * school is refused as the export route would refuse them).
 */
import { AppError } from '../errors';
import { verifyClaims, signingKey } from '../auth/signed-link';
import type { DbOrTx } from './context';
import { exportAuditSheet } from './export-audit-sheet';
import { AUDIT_SHEET_PURPOSE } from './sign-audit-sheet-link';

export interface OpenSignedAuditSheetOptions {
  query: { campaign: string; school: string; user: string; expires: number; sig: string };
  now?: Date;
}

export async function openSignedAuditSheet(db: DbOrTx, options: OpenSignedAuditSheetOptions) {
  const { query, now = new Date() } = options;
  verifyClaims(
    await signingKey(db),
    { purpose: AUDIT_SHEET_PURPOSE, scope: [query.campaign, query.school], userId: query.user, expires: query.expires },
    query.sig,
    now,
  );
  const user = await db.user.findUnique({ where: { id: query.user }, select: { id: true, role: true, orgId: true, disabled: true, mustChangePassword: true } });
  if (!user || user.disabled) throw new AppError('signed-link-invalid');
  if (user.mustChangePassword) throw new AppError('password-change-required');
  return exportAuditSheet(db, { actor: { userId: user.id, role: user.role, orgId: user.orgId }, campaignId: query.campaign, schoolId: query.school });
}
