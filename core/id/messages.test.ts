import { describe, expect, it } from 'vitest';
import type { Cell } from '../grid/cell';
import type { Finding } from '../issues/issue';
import { checkIdNumber } from './check-id-number';
import { idMessages } from './messages';
import { checkStudentNumber } from './student-number';

const opts = { today: '2025-06-01', minAge: 14, maxAge: 60 };

/** One input per finding variant the checkers produce (every code, every `reason`/`source`/`level`). */
const idInputs: Cell['value'][] = [
  null,
  '12345',
  '11010519491231002Y',
  '1101051949123100X2',
  true,
  '110105194912310021',
  '110105200102290037',
  '110105202506020083',
  '110199200501010039',
  '10010120050101004X',
  '999682198501010011',
  '440524188001010014',
  '110105491231002',
  'USA310585011201',
  440305200506121000,
  440305200506141000,
  '440305200506121000',
  '4.40305E+17',
  ' 身份证号： １１０１０５-1949\u200B1231\'002x ',
];
const xjhInputs: (string | null)[] = [
  null,
  'G44010620070707123',
  'K440106200707071235',
  'G4401062007070X1235',
  'G440106200707071236',
  'L450103200102291234',
  'L450103202512311234',
  'G440106200707071235',
  ' g440106200707071235',
];

function allFindings(): Finding[] {
  return [
    ...idInputs.flatMap((value) => checkIdNumber({ value }, opts).findings),
    ...xjhInputs.flatMap((value) => checkStudentNumber({ value }, '110105200002290013', opts)),
    { code: 'id-duplicate', severity: 'error', params: { otherAddress: 'D7' } },
    { code: 'id-duplicate', severity: 'error', params: { otherAddress: 'D7', otherSheet: '学生名单', otherRow: 7 } },
    { code: 'id-age', severity: 'warning', params: { age: 9, birthDate: '2016-01-01', minAge: 14 } },
    { code: 'id-age', severity: 'warning', params: { age: 70, birthDate: '1955-01-01', maxAge: 60 } },
  ];
}

describe('idMessages', () => {
  const findings = allFindings();

  it('the corpus reaches every code the checkers emit', () => {
    expect([...new Set(findings.map((f) => f.code))].sort()).toEqual([
      'id-age',
      'id-birth-date',
      'id-checksum',
      'id-cleanup',
      'id-duplicate',
      'id-empty',
      'id-excel-number',
      'id-foreigner-2017',
      'id-format',
      'id-legacy-15',
      'id-number-cell',
      'id-region-unknown',
      'xjh-birth-date',
      'xjh-checksum',
      'xjh-cleanup',
      'xjh-empty',
      'xjh-format',
      'xjh-id-mismatch',
    ]);
  });

  it('has a zh-CN and an English message for every finding, with every param filled in', () => {
    for (const f of findings) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const render = idMessages[locale][f.code];
        expect(render, `${locale} ${f.code}`).toBeTypeOf('function');
        const text = render?.(f.params) ?? '';
        expect(text.length, `${locale} ${f.code}`).toBeGreaterThan(20);
        expect(text, `${locale} ${f.code}`).not.toMatch(/undefined|NaN|\$\{/);
        if (locale === 'zh-CN') expect(text).toMatch(/[\u4E00-\u9FFF]/);
      }
    }
  });

  it('has the same codes in both locales', () => {
    expect(Object.keys(idMessages.en).sort()).toEqual(Object.keys(idMessages['zh-CN']).sort());
  });

  it('tells the clerk that Excel number damage cannot be undone and what to do', () => {
    const zh = idMessages['zh-CN']['id-excel-number']?.({ source: 'number', shown: '440305200506121000' }) ?? '';
    expect(zh).toContain('第 15 位之后的数字已变成 0');
    expect(zh).toContain('440305200506121000');
    expect(zh).toContain('文本格式');
    expect(zh).toContain('重新录入');
    const en = idMessages.en['id-excel-number']?.({ source: 'scientific', shown: '4.40305E+17' }) ?? '';
    expect(en).toContain('after the 15th became 0');
    expect(en).toContain('re-enter');
  });

  it('names the removed characters in a cleanup message', () => {
    const zh = idMessages['zh-CN']['id-cleanup']?.({ removed: 'space,lowercase', cleaned: '11010519491231002X' }) ?? '';
    expect(zh).toContain('空格');
    expect(zh).toContain('小写 x 改为大写 X');
    expect(zh).toContain('11010519491231002X');
  });

  it('renders the duplicate message with and without another sheet', () => {
    expect(idMessages['zh-CN']['id-duplicate']?.({ otherAddress: 'D7' })).toContain('D7 单元格');
    expect(idMessages['zh-CN']['id-duplicate']?.({ otherAddress: 'D7', otherSheet: '学生名单' })).toContain('工作表“学生名单”的 D7');
    expect(idMessages.en['id-duplicate']?.({ otherAddress: 'D7', otherSheet: 'Students' })).toContain('sheet "Students", cell D7');
  });
});
