/**
 * Gives each graduate of a school's current (province-approved) submission a certificate number from
 * the school's allocated ranges: major by major, in sheet and row order, lowest unused serial first.
 * A serial that ever had a certificate (issued OR voided) is never handed out again. Graduates that
 * already hold an issued number in this campaign keep it, so running it again only fills the gaps
 * (e.g. after a misprint was voided). All or nothing: one transaction.
 */
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../errors';
import { audit, SCHOOL_ROLES, type Actor, type DbOrTx } from './context';
import { currentGraduates, formatCertificateNumber, inTransaction, requireRole, requireSchoolInScope, sqlState } from './certificate-support';

export interface AssignCertificateNumbersOptions {
  actor: Actor;
  campaignId: string;
  schoolId: string;
  now?: Date;
}

export interface AssignCertificateNumbersResult {
  /** Numbers given by this call, per major. */
  byMajor: { major: string; assigned: number; first: string | null; last: string | null }[];
  assigned: number;
  /** Graduates that already held a number. */
  alreadyNumbered: number;
}

export async function assignCertificateNumbers(db: DbOrTx, options: AssignCertificateNumbersOptions): Promise<AssignCertificateNumbersResult> {
  const { actor, campaignId, schoolId } = options;
  requireRole(actor, ['PROVINCE_ADMIN', 'CITY_REVIEWER', ...SCHOOL_ROLES]);
  const now = options.now ?? new Date();
  await requireSchoolInScope(db, actor, schoolId);

  return inTransaction(db, async (tx) => {
    const { submission, students } = await currentGraduates(tx, campaignId, schoolId);
    if (!submission) throw new AppError('not-found', { what: '学校上报数据' });
    if (submission.status !== 'PROVINCE_APPROVED') throw new AppError('submission-not-approved', { status: submission.status });

    // Serialise assignment per school: a concurrent run waits here instead of racing for serials.
    await tx.$executeRaw`SELECT 1 FROM "submission" WHERE "id" = ${submission.id}::uuid FOR UPDATE`;

    const holders = new Set(
      (
        await tx.certificate.findMany({
          where: { campaignId, status: 'ISSUED', holderIdNumber: { in: students.map((st) => st.idNumber) } },
          select: { holderIdNumber: true },
        })
      ).map((c) => c.holderIdNumber),
    );
    const pending = students.filter((st) => !holders.has(st.idNumber));

    const ranges = await tx.certificateRange.findMany({
      where: { schoolId, series: { campaignId } },
      orderBy: [{ startSerial: 'asc' }],
      include: { series: { select: { id: true, prefix: true, serialWidth: true } } },
    });
    const used = new Set(
      (
        await tx.certificate.findMany({ where: { rangeId: { in: ranges.map((r) => r.id) } }, select: { rangeId: true, serial: true } })
      ).map((c) => `${c.rangeId}:${c.serial}`),
    );

    const majors = [...new Set(pending.map((st) => st.major))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    const byMajor: AssignCertificateNumbersResult['byMajor'] = [];
    const rows: Prisma.CertificateCreateManyInput[] = [];
    for (const major of majors) {
      const group = pending.filter((st) => st.major === major);
      // The major's own ranges first, then ranges allocated for the whole school (major '').
      const pool = [...ranges.filter((r) => r.major === major), ...ranges.filter((r) => r.major === '' && major !== '')];
      const free: { range: (typeof ranges)[number]; serial: number }[] = [];
      for (const range of pool) {
        for (let serial = range.startSerial; serial <= range.endSerial && free.length < group.length; serial++) {
          if (!used.has(`${range.id}:${serial}`)) free.push({ range, serial });
        }
        if (free.length >= group.length) break;
      }
      if (free.length < group.length) {
        throw new AppError('certificate-numbers-insufficient', { major: major || '（未填专业）', needed: group.length, available: free.length });
      }
      group.forEach((st, i) => {
        const slot = free[i];
        if (!slot) return; // unreachable: free.length >= group.length was checked above
        used.add(`${slot.range.id}:${slot.serial}`);
        rows.push({
          seriesId: slot.range.seriesId,
          rangeId: slot.range.id,
          serial: slot.serial,
          number: formatCertificateNumber(slot.range.series, slot.serial),
          campaignId,
          schoolId,
          studentId: st.id,
          holderName: st.name,
          holderIdNumber: st.idNumber,
          studentNumber: st.studentNumber,
          major: st.major,
          issuedAt: now,
        });
      });
      const first = free[0];
      const last = free[group.length - 1];
      byMajor.push({
        major,
        assigned: group.length,
        first: first ? formatCertificateNumber(first.range.series, first.serial) : null,
        last: last ? formatCertificateNumber(last.range.series, last.serial) : null,
      });
    }

    if (rows.length > 0) {
      try {
        await tx.certificate.createMany({ data: rows });
      } catch (error) {
        const state = sqlState(error);
        if (state === '23505' || state === '23514') {
          throw new AppError('certificate-conflict', { detail: '编号已被占用，请重试' }, { cause: error });
        }
        throw error;
      }
      await audit(tx, actor, {
        action: 'certificate.assign',
        entity: 'submission',
        entityId: submission.id,
        after: { campaignId, schoolId, versionId: submission.currentVersionId, byMajor },
      });
    }
    return { byMajor, assigned: rows.length, alreadyNumbered: students.length - pending.length };
  });
}
