/**
 * A short-lived link to a school's 附件3 审核表 for the signed-in user (issue #10): the task pane opens it
 * in a browser (Office's openBrowserWindow, WPS's shell, a new tab) where no session exists. Minted only
 * for a school the user may export now; the link is scoped to that campaign, school and user.
 */
import { signClaims, signingKey, SIGNED_LINK_MINUTES } from '../auth/signed-link';
import { loadCampaignInScope, loadSchoolInScope, type Actor, type DbOrTx } from './context';

export const AUDIT_SHEET_PURPOSE = 'audit-sheet';
export const SIGNED_AUDIT_SHEET_PATH = '/api/signed/audit-sheet.xlsx';

export interface SignAuditSheetLinkOptions {
  actor: Actor;
  campaignId: string;
  schoolId: string;
  now?: Date;
}

export async function signAuditSheetLink(db: DbOrTx, options: SignAuditSheetLinkOptions) {
  const { actor, now = new Date() } = options;
  const campaign = await loadCampaignInScope(db, actor, options.campaignId);
  const school = await loadSchoolInScope(db, actor, options.schoolId);
  const expires = Math.floor(now.getTime() / 1000) + SIGNED_LINK_MINUTES * 60;
  const claims = { purpose: AUDIT_SHEET_PURPOSE, scope: [campaign.id, school.id], userId: actor.userId, expires };
  const sig = signClaims(await signingKey(db), claims);
  const query = new URLSearchParams({ campaign: campaign.id, school: school.id, user: actor.userId, expires: String(expires), sig });
  return { url: `${SIGNED_AUDIT_SHEET_PATH}?${query.toString()}`, expiresAt: new Date(expires * 1000).toISOString() };
}
