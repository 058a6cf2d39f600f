/**
 * The certificate-number use cases on a throwaway PGlite database: apply → approve + allocate → assign
 * → void → re-assign → 证明书 → list → spot check, and what each refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors';
import { allocateCertificateRange } from '../../server/use-cases/allocate-certificate-range';
import { applyForCertificateNumbers } from '../../server/use-cases/apply-for-certificate-numbers';
import { assignCertificateNumbers } from '../../server/use-cases/assign-certificate-numbers';
import { drawSpotCheckSample, sampleIndices, sampleSize } from '../../server/use-cases/draw-spot-check-sample';
import { listSchoolCertificateNumbers } from '../../server/use-cases/list-school-certificate-numbers';
import { recordCertificateProof } from '../../server/use-cases/record-certificate-proof';
import { rejectNumberApplication } from '../../server/use-cases/reject-number-application';
import { voidCertificateNumber } from '../../server/use-cases/void-certificate-number';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createWorld, req, submitStudents, type World } from './fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

async function rejects(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('apply for numbers and allocate ranges', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(t.prisma, { schools: 2 });
    await submitStudents(t.prisma, w, 0, [
      ...Array.from({ length: 3 }, (_, i) => ({ major: '计算机应用', rowNumber: 5 + i })),
      ...Array.from({ length: 2 }, (_, i) => ({ major: '会计', rowNumber: 5 + i })),
    ]);
  });

  it('approves applications into contiguous, non-overlapping ranges and audits each step', async () => {
    const clerk = req(w.clerks[0]);
    const [computing, accounting] = await applyForCertificateNumbers(t.prisma, {
      actor: clerk,
      campaignId: w.campaignId,
      items: [
        { major: '计算机应用', count: 3 },
        { major: '会计', count: 2 },
      ],
    });
    const a = await allocateCertificateRange(t.prisma, { actor: w.province, applicationId: req(computing).id });
    const b = await allocateCertificateRange(t.prisma, { actor: w.province, applicationId: req(accounting).id });
    expect([a.startSerial, a.endSerial, a.first, a.last]).toEqual([1, 3, '桂教中专毕字（2022）000001', '桂教中专毕字（2022）000003']);
    expect([b.startSerial, b.endSerial]).toEqual([4, 5]);
    const series = await t.prisma.certificateSeries.findUniqueOrThrow({ where: { id: w.seriesId } });
    expect(series.nextSerial).toBe(6);
    const actions = await t.prisma.auditLog.findMany({ where: { entityId: { in: [req(computing).id, a.id, b.id] } }, orderBy: { id: 'asc' } });
    expect(actions.map((x) => x.action)).toEqual(['number-application.create', 'certificate-range.allocate', 'certificate-range.allocate']);
    // A decided application cannot be decided again, and nothing more is allocated.
    await rejects(allocateCertificateRange(t.prisma, { actor: w.province, applicationId: req(computing).id }), 'application-not-pending');
    await rejects(rejectNumberApplication(t.prisma, { actor: w.province, applicationId: req(computing).id, comment: 'x' }), 'application-not-pending');
    expect((await t.prisma.certificateSeries.findUniqueOrThrow({ where: { id: w.seriesId } })).nextSerial).toBe(6);
  });

  it('refuses more numbers than the reported graduates of the major', async () => {
    const e = await rejects(
      applyForCertificateNumbers(t.prisma, { actor: req(w.clerks[0]), campaignId: w.campaignId, items: [{ major: '会计', count: 1 }] }),
      'numbers-exceed-graduates',
    );
    expect(e.params).toMatchObject({ major: '会计', requested: 3, graduates: 2 });
  });

  it('only lets school accounts apply and only bureaus allocate', async () => {
    await rejects(applyForCertificateNumbers(t.prisma, { actor: w.province, campaignId: w.campaignId, items: [{ major: 'x', count: 1 }] }), 'forbidden');
    await rejects(
      allocateCertificateRange(t.prisma, { actor: req(w.clerks[0]), campaignId: w.campaignId, schoolId: req(w.schoolIds[0]), major: 'x', count: 1 }),
      'forbidden',
    );
  });

  it('refuses an allocation the series cannot hold, changing nothing', async () => {
    const small = await createWorld(t.prisma, { schools: 1, serialWidth: 2, maxSerial: 10 });
    await allocateCertificateRange(t.prisma, { actor: small.province, campaignId: small.campaignId, schoolId: req(small.schoolIds[0]), major: 'A', count: 8 });
    const e = await rejects(
      allocateCertificateRange(t.prisma, { actor: small.province, campaignId: small.campaignId, schoolId: req(small.schoolIds[0]), major: 'A', count: 3 }),
      'series-exhausted',
    );
    expect(e.params).toMatchObject({ remaining: 2, count: 3 });
    expect((await t.prisma.certificateSeries.findUniqueOrThrow({ where: { id: small.seriesId } })).nextSerial).toBe(9);
    expect(await t.prisma.certificateRange.count({ where: { seriesId: small.seriesId } })).toBe(1);
  });

  it('a rejected application allocates nothing', async () => {
    const [app] = await applyForCertificateNumbers(t.prisma, { actor: req(w.clerks[1]), campaignId: w.campaignId, items: [{ major: '电子', count: 4 }] });
    await rejects(rejectNumberApplication(t.prisma, { actor: w.province, applicationId: req(app).id, comment: '  ' }), 'comment-required');
    const rejected = await rejectNumberApplication(t.prisma, { actor: w.province, applicationId: req(app).id, comment: '人数与上报不符' });
    expect(rejected.status).toBe('REJECTED');
    expect(await t.prisma.certificateRange.count({ where: { applicationId: req(app).id } })).toBe(0);
  });
});

describe('assign, void, re-assign, 证明书, list', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(t.prisma, { schools: 1 });
  });

  it('numbers graduates major by major in row order; a voided number is never given again', async () => {
    const school = req(w.schoolIds[0]);
    const { students } = await submitStudents(t.prisma, w, 0, [
      { major: '会计', rowNumber: 7 },
      { major: '会计', rowNumber: 5 },
      { major: '会计', rowNumber: 6, graduate: false },
      { major: '计算机应用', rowNumber: 5 },
      { major: '计算机应用', rowNumber: 6 },
    ]);
    await allocateCertificateRange(t.prisma, { actor: w.province, campaignId: w.campaignId, schoolId: school, major: '计算机应用', count: 3 });
    await allocateCertificateRange(t.prisma, { actor: w.province, campaignId: w.campaignId, schoolId: school, major: '会计', count: 3 });

    const first = await assignCertificateNumbers(t.prisma, { actor: req(w.clerks[0]), campaignId: w.campaignId, schoolId: school });
    expect(first.assigned).toBe(4);
    const byStudent = async () => {
      const certs = await t.prisma.certificate.findMany({ where: { schoolId: school }, orderBy: { serial: 'asc' } });
      return certs.map((c) => {
        const st = students.find((s) => s.id === c.studentId);
        return `${c.serial}:${st?.major}:${st?.rowNumber}:${c.status}`;
      });
    };
    // 计算机应用 got 1–3, 会计 4–6; within a major, row order; the non-graduate gets none.
    expect(await byStudent()).toEqual(['1:计算机应用:5:ISSUED', '2:计算机应用:6:ISSUED', '4:会计:5:ISSUED', '5:会计:7:ISSUED']);

    // Running again changes nothing.
    expect((await assignCertificateNumbers(t.prisma, { actor: w.province, campaignId: w.campaignId, schoolId: school })).assigned).toBe(0);

    // Void 000001 (misprint): it stays voided, is reported, and the graduate gets the next free number.
    const voided = await voidCertificateNumber(t.prisma, { actor: req(w.clerks[0]), certificate: { number: '桂教中专毕字（2022）000001' }, reason: '打印错误' });
    expect(voided.status).toBe('VOIDED');
    await rejects(voidCertificateNumber(t.prisma, { actor: w.province, certificate: { id: voided.id }, reason: 'again' }), 'certificate-already-voided');
    const again = await assignCertificateNumbers(t.prisma, { actor: req(w.clerks[0]), campaignId: w.campaignId, schoolId: school });
    expect(again.byMajor).toEqual([{ major: '计算机应用', assigned: 1, first: '桂教中专毕字（2022）000003', last: '桂教中专毕字（2022）000003' }]);
    expect(await byStudent()).toEqual([
      '1:计算机应用:5:VOIDED',
      '2:计算机应用:6:ISSUED',
      '3:计算机应用:5:ISSUED',
      '4:会计:5:ISSUED',
      '5:会计:7:ISSUED',
    ]);

    // Void 000002 as well: the major's range is used up (1 voided, 3 taken) — refused, never reused.
    await voidCertificateNumber(t.prisma, { actor: w.province, certificate: { number: '桂教中专毕字（2022）000002' }, reason: '污损' });
    const e = await rejects(assignCertificateNumbers(t.prisma, { actor: w.province, campaignId: w.campaignId, schoolId: school }), 'certificate-numbers-insufficient');
    expect(e.params).toMatchObject({ major: '计算机应用', needed: 1, available: 0 });
    const serials = (await t.prisma.certificate.findMany({ where: { schoolId: school } })).map((c) => c.serial);
    expect(new Set(serials).size).toBe(serials.length);

    const listing = await listSchoolCertificateNumbers(t.prisma, { actor: req(w.clerks[0]), campaignId: w.campaignId, schoolId: school });
    expect(listing.ranges.map((r) => [r.major, r.first, r.last, r.used, r.voided])).toEqual([
      ['计算机应用', '桂教中专毕字（2022）000001', '桂教中专毕字（2022）000003', 3, 2],
      ['会计', '桂教中专毕字（2022）000004', '桂教中专毕字（2022）000006', 2, 0],
    ]);
    expect(listing.voided.map((v) => [v.number, v.reason])).toEqual([
      ['桂教中专毕字（2022）000001', '打印错误'],
      ['桂教中专毕字（2022）000002', '污损'],
    ]);
    const audits = await t.prisma.auditLog.findMany({ where: { action: { in: ['certificate.assign', 'certificate.void'] }, entityId: { in: [voided.id, req(students[0]).submissionId] } } });
    expect(audits.map((a) => a.action).sort()).toEqual(['certificate.assign', 'certificate.assign', 'certificate.void']);
  });

  it('records a 证明书 for a lost certificate without issuing a new number', async () => {
    const cert = await t.prisma.certificate.findFirstOrThrow({ where: { schoolId: req(w.schoolIds[0]), status: 'ISSUED' } });
    const before = await t.prisma.certificate.count();
    const proof = await recordCertificateProof(t.prisma, { actor: req(w.clerks[0]), certificate: { number: cert.number }, reason: '遗失', proofNumber: '证明字第001号' });
    expect(proof.originalNumber).toBe(cert.number);
    expect(await t.prisma.certificate.count()).toBe(before);
    expect((await t.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } })).status).toBe('ISSUED');
    const voided = await t.prisma.certificate.findFirstOrThrow({ where: { schoolId: req(w.schoolIds[0]), status: 'VOIDED' } });
    await rejects(recordCertificateProof(t.prisma, { actor: w.province, certificate: { id: voided.id }, reason: '遗失' }), 'certificate-already-voided');
    const listing = await listSchoolCertificateNumbers(t.prisma, { actor: w.province, campaignId: w.campaignId, schoolId: req(w.schoolIds[0]) });
    expect(listing.certificates.find((c) => c.id === cert.id)?.proofs.map((p) => p.proofNumber)).toEqual(['证明字第001号']);
  });

  it('hides other schools: a clerk of another school gets not-found', async () => {
    const other = await createWorld(t.prisma, { schools: 1 });
    await rejects(listSchoolCertificateNumbers(t.prisma, { actor: req(other.clerks[0]), campaignId: w.campaignId, schoolId: req(w.schoolIds[0]) }), 'not-found');
  });

  it('refuses to number a submission the province has not approved', async () => {
    const draft = await createWorld(t.prisma, { schools: 1 });
    await submitStudents(t.prisma, draft, 0, [{ major: 'A', rowNumber: 1 }], 'DRAFT');
    await rejects(assignCertificateNumbers(t.prisma, { actor: draft.province, campaignId: draft.campaignId, schoolId: req(draft.schoolIds[0]) }), 'submission-not-approved');
  });
});

describe('spot-check sample', () => {
  it('is reproducible from its seed, 5 % rounded up, at least one, recorded once', async () => {
    expect(sampleSize(0, 50)).toBe(0);
    expect(sampleSize(1, 50)).toBe(1);
    expect(sampleSize(19, 50)).toBe(1);
    expect(sampleSize(21, 50)).toBe(2);
    expect(sampleSize(1000, 50)).toBe(50);
    expect(sampleIndices('seed-1', 1000, 50)).toEqual(sampleIndices('seed-1', 1000, 50));
    expect(sampleIndices('seed-1', 1000, 50)).not.toEqual(sampleIndices('seed-2', 1000, 50));
    expect(new Set(sampleIndices('s', 100, 100)).size).toBe(100);

    const w = await createWorld(t.prisma, { schools: 1 });
    const school = req(w.schoolIds[0]);
    await rejects(drawSpotCheckSample(t.prisma, { actor: w.province, campaignId: w.campaignId, schoolId: school }), 'no-graduates');
    const { students } = await submitStudents(
      t.prisma,
      w,
      0,
      Array.from({ length: 41 }, (_, i) => ({ major: 'A', sheet: '附件2', rowNumber: 5 + i })),
    );
    const { sample, drawn } = await drawSpotCheckSample(t.prisma, { actor: w.province, campaignId: w.campaignId, schoolId: school });
    expect(drawn).toBe(true);
    expect(sample.population).toBe(41);
    expect(sample.studentIds).toHaveLength(3); // ceil(41 × 5 %)
    // The server drew the seed (128 secure random bits) and recorded it; anyone can re-derive the sample
    // from the recorded seed and the population in sheet/row order.
    expect(sample.seed).toMatch(/^[0-9a-f]{32}$/);
    const ordered = [...students].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.rowNumber - b.rowNumber);
    expect(sample.studentIds).toEqual(sampleIndices(sample.seed, 41, 3).map((i) => req(ordered[i]).id));
    const second = await drawSpotCheckSample(t.prisma, { actor: w.province, campaignId: w.campaignId, schoolId: school });
    expect(second.drawn).toBe(false);
    expect(second.sample.id).toBe(sample.id);
    expect(await t.prisma.auditLog.count({ where: { action: 'spot-check.draw', entityId: sample.id } })).toBe(1);
    await rejects(drawSpotCheckSample(t.prisma, { actor: req(w.clerks[0]), campaignId: w.campaignId, schoolId: school }), 'forbidden');
  });
});
