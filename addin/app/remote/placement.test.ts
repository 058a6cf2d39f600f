import { describe, expect, it } from 'vitest';
import type { WorkbookGrid } from '../../../core/grid/cell';
import { detect } from '../../../core/templates/detect';
import { ATT2_META, att2Row, filledSheet } from '../../../core/templates/testing';
import { graduatesByMajor, placeCertificates, rangeText, serialText } from './placement';
import type { CertificateNumbers } from './schemas';

const PREFIX = '桂教中专毕字（2022）';

function wb(names: string[]): WorkbookGrid {
  return {
    sheets: [
      filledSheet('att2', { name: 'A2', meta: ATT2_META, rows: names.map((name, i) => att2Row(i, { name })) }),
      filledSheet('att3', {
        name: 'A3',
        meta: { schoolName: ATT2_META.schoolName },
        rows: [{ graduateTotal: names.length, major: ATT2_META.major, enrollmentDate: '2019年9月', schoolLength: '3年', teachingForm: '全日制', graduates: names.length }],
      }),
    ],
  };
}

function cert(serial: number, name: string, row: number | null, status: 'ISSUED' | 'VOIDED' = 'ISSUED'): CertificateNumbers['certificates'][number] {
  return {
    id: `c${serial}`,
    number: `${PREFIX}${String(serial).padStart(6, '0')}`,
    serial,
    status,
    sheet: row === null ? null : 'A2',
    rowNumber: row,
    holderName: name,
    major: ATT2_META.major,
  };
}

const range = (start: number, end: number, major: string | null = ATT2_META.major): CertificateNumbers['ranges'][number] => ({
  id: `r${start}`,
  major,
  startSerial: start,
  endSerial: end,
  count: end - start + 1,
  first: `${PREFIX}${String(start).padStart(6, '0')}`,
  last: `${PREFIX}${String(end).padStart(6, '0')}`,
  used: 0,
  voided: 0,
  allocatedAt: null,
});

describe('placing certificate numbers', () => {
  it('writes each number on its graduate’s row (证书编号) and the range into 附件3 (起止号)', () => {
    const w = wb(['张伟', '王芳', '李娜']);
    const rec = detect(w, { packId: 'gx-zz-2022' }).sheets;
    const first = rec[0]?.firstDataRow ?? 0;
    const p = placeCertificates(w, rec, { ranges: [range(101, 103)], certificates: [cert(101, '张伟', first), cert(102, '王芳', first + 1), cert(103, '李娜', first + 2)] }, [PREFIX]);
    expect(p.writes).toEqual([
      { sheet: 'A2', address: `I${first}`, value: '000101' },
      { sheet: 'A2', address: `I${first + 1}`, value: '000102' },
      { sheet: 'A2', address: `I${first + 2}`, value: '000103' },
      { sheet: 'A3', address: `G${rec[1]?.firstDataRow ?? 0}`, value: `${PREFIX}000101-000103` },
    ]);
    expect(p.unplaced).toEqual([]);
  });

  it('follows a graduate whose row moved, skips voided numbers, and never guesses between namesakes', () => {
    const w = wb(['王芳', '张伟', '李娜', '李娜']);
    const rec = detect(w, { packId: 'gx-zz-2022' }).sheets;
    const first = rec[0]?.firstDataRow ?? 0;
    const p = placeCertificates(
      w,
      rec,
      {
        ranges: [range(1, 10)],
        certificates: [
          cert(1, '张伟', first, 'VOIDED'),
          cert(2, '张伟', first), // recorded on row `first`, but 张伟 is now one row lower
          cert(3, '李娜', null),
          cert(4, '赵丽', first + 9),
        ],
      },
      [PREFIX],
    );
    expect(p.writes.filter((x) => x.sheet === 'A2')).toEqual([{ sheet: 'A2', address: `I${first + 1}`, value: '000002' }]);
    expect(p.unplaced.map((u) => [u.name, u.reason])).toEqual([
      ['李娜', '工作簿中有多名同名毕业生，无法确定是哪一行'],
      ['赵丽', '工作簿中找不到此毕业生（可能已删除或改名）'],
    ]);
  });

  it('formats ranges and serials', () => {
    expect(serialText(`${PREFIX}000042`, [PREFIX])).toBe('000042');
    expect(serialText('X-42', [PREFIX])).toBe('X-42');
    expect(rangeText([range(6, 10), range(1, 5)], [PREFIX])).toBe(`${PREFIX}000001-000010`);
    expect(rangeText([range(1, 5), range(8, 9)], [PREFIX])).toBe(`${PREFIX}000001-000005、000008-000009`);
  });

  it('counts graduates per major for the application', () => {
    const w = wb(['张伟', '王芳', '李娜']);
    expect(graduatesByMajor(w, detect(w, { packId: 'gx-zz-2022' }).sheets)).toEqual([{ major: ATT2_META.major, count: 3 }]);
  });
});
