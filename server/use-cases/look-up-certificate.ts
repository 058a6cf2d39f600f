/**
 * Public certificate look-up (graduates, employers): by name + 国家学籍号, or by certificate number. It
 * answers only whether a matching certificate exists, plus the minimum to recognise it — never the ID
 * number or any other personal field.
 */
import type { DbOrTx } from './context';

export interface LookUpQuery {
  name?: string | undefined;
  studentNumber?: string | undefined;
  certificateNumber?: string | undefined;
}

export async function lookUpCertificate({ db, query }: { db: DbOrTx; query: LookUpQuery }) {
  const name = query.name?.replace(/\s+/g, '');
  const studentNumber = query.studentNumber?.replace(/\s+/g, '').toUpperCase();
  const number = query.certificateNumber?.replace(/\s+/g, '');

  const cert = await db.certificate.findFirst({
    where: number
      ? { number, ...(name ? { holderName: name } : {}) }
      : { holderName: name ?? '', studentNumber: studentNumber ?? '' },
    orderBy: { issuedAt: 'desc' },
    include: { school: { select: { name: true } }, campaign: { select: { year: true } } },
  });
  if (cert) {
    return {
      found: true,
      certificate: {
        number: cert.number,
        // Numbers are sequential: asked by number alone, the holder's name is masked (韦**), so the
        // look-up cannot be walked to list graduates' names.
        name: name ? cert.holderName : maskName(cert.holderName),
        schoolName: cert.school.name,
        year: cert.campaign.year,
        conclusion: null,
        status: cert.status,
      },
    };
  }
  if (!number && name && studentNumber) {
    // Hubei: the province prints the certificates; a live graduation operation is the record.
    const record = await db.graduationRecord.findFirst({
      where: { rolledBackAt: null, student: { name, studentNumber } },
      orderBy: { operatedAt: 'desc' },
      include: { school: { select: { name: true } }, campaign: { select: { year: true } }, student: { select: { name: true } } },
    });
    if (record) {
      return {
        found: true,
        certificate: {
          number: null,
          name: record.student.name,
          schoolName: record.school.name,
          year: record.campaign.year,
          conclusion: record.conclusion === 'GRADUATED' ? ('毕业' as const) : ('结业' as const),
          status: null,
        },
      };
    }
  }
  return { found: false };
}

export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
