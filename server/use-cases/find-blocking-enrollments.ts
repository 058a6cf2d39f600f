/**
 * Approval re-checks enrollment (issue #8): two schools can upload the same student while neither is
 * approved (a live warning only), so the upload-time check alone would let both be approved. A city or
 * province approval is refused (409 `approval-enrollment-conflict`) while the version being approved lists
 * an ID that is
 *
 * - approved (current version of a CITY_APPROVED / PROVINCE_APPROVED submission) or numbered (an issued
 *   certificate) at another school of the campaign — unless the province accepted a transfer between the
 *   two schools for that ID (either direction: the other school's row is then a transferred-out record,
 *   or this school's is), or
 * - the claiming side of an OPEN or REFUSED enrollment conflict.
 *
 * Only the claiming side is blocked: a conflict raised AGAINST an approved school does not stop its own
 * approval, or any school could hold up another by listing its students.
 *
 * The check runs in the approving transaction after a per-campaign advisory lock, so two approvals that
 * share an ID take turns and the second sees the first one's commit (READ COMMITTED re-reads per
 * statement): exactly one passes. Approvals are rare human actions, so one lock per campaign costs nothing.
 * A refused approval records the cases it found as enrollment conflicts (outside the rolled-back
 * transaction) so the reviewers see them in 学籍冲突 and the province can decide them.
 */
import { registerErrorCodes } from '../errors';
import type { DbOrTx, Tx } from './context';

registerErrorCodes({
  'approval-enrollment-conflict': {
    status: 409,
    zh: (p) =>
      `该校上报数据中有 ${String(p.count ?? '')} 名学生的身份证号已在其他学校审核通过或已编证书号（或存在未处理、已驳回的学籍冲突），不能审核通过。请在“学籍冲突”中查看双方情况，由自治区（省）教育厅处理后再审核，或退回学校修改。`,
    en: (p) =>
      `${String(p.count ?? '')} students of this submission are already approved or numbered at another school (or have an open or refused enrollment conflict): it cannot be approved. See the enrollment conflicts; the province decides them, or return the submission.`,
  },
});

export interface BlockingEnrollment {
  idNumber: string;
  holdingSchoolId: string;
  /** APPROVED / NUMBERED: held now; OPEN / REFUSED: a recorded case not (or negatively) decided. */
  reason: 'APPROVED' | 'NUMBERED' | 'OPEN' | 'REFUSED';
}

export interface FindBlockingEnrollmentsOptions {
  campaignId: string;
  schoolId: string;
  versionId: string;
}

/** Takes the campaign's approval lock (released at commit); call it first in the approving transaction. */
export async function lockCampaignApprovals(tx: Tx, campaignId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`enrollment-approval:${campaignId}`}, 0))) AS l`;
}

/** The IDs of the version that stop its approval, one line per (ID, other school). */
export async function findBlockingEnrollments(db: DbOrTx, options: FindBlockingEnrollmentsOptions): Promise<BlockingEnrollment[]> {
  const { campaignId, schoolId, versionId } = options;
  return db.$queryRaw<BlockingEnrollment[]>`
    WITH mine AS (
      SELECT DISTINCT id_number FROM student WHERE version_id = ${versionId}::uuid AND length(id_number) >= 15
    ), held AS (
      SELECT s.id_number, s.school_id, 'APPROVED' AS reason
      FROM student s JOIN submission sub ON sub.current_version_id = s.version_id
      WHERE s.campaign_id = ${campaignId}::uuid AND s.school_id <> ${schoolId}::uuid
        AND sub.status IN ('CITY_APPROVED', 'PROVINCE_APPROVED')
        AND s.id_number IN (SELECT id_number FROM mine)
      UNION ALL
      SELECT c.holder_id_number, c.school_id, 'NUMBERED'
      FROM certificate c
      WHERE c.campaign_id = ${campaignId}::uuid AND c.school_id <> ${schoolId}::uuid AND c.status = 'ISSUED'
        AND c.holder_id_number IN (SELECT id_number FROM mine)
    )
    SELECT h.id_number AS "idNumber", h.school_id::text AS "holdingSchoolId", min(h.reason) AS reason
    FROM held h
    WHERE NOT EXISTS (
      SELECT 1 FROM enrollment_conflict ec
      WHERE ec.campaign_id = ${campaignId}::uuid AND ec.id_number = h.id_number AND ec.status = 'TRANSFER_ACCEPTED'
        AND ((ec.claiming_school_id = ${schoolId}::uuid AND ec.holding_school_id = h.school_id)
          OR (ec.claiming_school_id = h.school_id AND ec.holding_school_id = ${schoolId}::uuid))
    )
    GROUP BY h.id_number, h.school_id
    UNION ALL
    SELECT ec.id_number, ec.holding_school_id::text, ec.status::text
    FROM enrollment_conflict ec
    WHERE ec.campaign_id = ${campaignId}::uuid AND ec.claiming_school_id = ${schoolId}::uuid
      AND ec.status IN ('OPEN', 'REFUSED') AND ec.id_number IN (SELECT id_number FROM mine)`;
}

/**
 * Records the newly found holdings as OPEN conflicts (a case already recorded keeps its decision), so a
 * refused approval leaves the province something to decide.
 */
export async function recordBlockingEnrollments(db: DbOrTx, campaignId: string, schoolId: string, found: BlockingEnrollment[]): Promise<void> {
  const held = found.filter((f) => f.reason === 'APPROVED' || f.reason === 'NUMBERED');
  if (held.length === 0) return;
  await db.enrollmentConflict.createMany({
    data: held.map((h) => ({ campaignId, idNumber: h.idNumber, claimingSchoolId: schoolId, holdingSchoolId: h.holdingSchoolId, holdingReason: h.reason })),
    skipDuplicates: true,
  });
}

export function countStudents(found: BlockingEnrollment[]): number {
  return new Set(found.map((f) => f.idNumber)).size;
}
