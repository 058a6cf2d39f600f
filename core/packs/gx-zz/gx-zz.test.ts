import { describe, expect, it } from 'vitest';
import { campaignPackId, getPack, packAtYear, packs } from '../../templates/registry';
import { ATT2_META, att2Row, filledSheet, workbook } from '../../templates/testing';
import { validate } from '../../validate';
import { gxZz, gxZz2022 } from '.';

/** A 2023 附件2 laid out from the 2023 pack, its certificate numbers printed with 桂教中专毕字（2023）. */
function workbook2023() {
  const pack = gxZz(2023);
  const rows = [0, 1, 2].map((i) => att2Row(i, { certificateNumber: `桂教中专毕字（2023）${String(i + 1).padStart(6, '0')}` }));
  return workbook(filledSheet('att2', { name: '计算机应用', meta: { ...ATT2_META, enrollmentDate: '2020年9月' }, rows }, pack));
}

describe('gx-zz is one pack at many years', () => {
  it('gx-zz-2022 keeps its id and texts; gx-zz-2023 resolves to the same pack at 2023', () => {
    expect(getPack('gx-zz-2022')).toBe(gxZz2022);
    expect(packs.map((p) => p.id)).toEqual(['gx-zz-2022', 'hb-pg-2018']);
    const p = getPack('gx-zz-2023');
    expect(p).toMatchObject({ id: 'gx-zz-2023', family: 'gx-zz', graduationYear: 2023, certificatePrefix: '桂教中专毕字（2023）' });
    expect(p?.sheetKinds.map((k) => k.title)).toContain('2023年毕业生毕业证书验印审核表');
    expect(p?.sheetKinds.find((k) => k.id === 'att2')?.columns.at(-1)?.subHeader).toBe('桂教中专毕字（2023）');
    expect(p?.sheetKinds.find((k) => k.id === 'att5')?.notes[0]).toContain('2022年高职对口中职自主招生考试');
    expect(packAtYear('gx-zz-2022', 2023)).toBe(p);
    expect(packAtYear('gx-zz', 2023)).toBe(p);
    expect(getPack('gx-zz-1999')).toBeUndefined();
    expect(getPack('zz-2023')).toBeUndefined();
  });

  it('a 2023 workbook whose numbers carry 桂教中专毕字（2023） validates under the 2023 pack, not the 2022 one', () => {
    const r2023 = validate(workbook2023(), { packId: 'gx-zz-2023', today: '2023-05-01' });
    expect(r2023.packId).toBe('gx-zz-2023');
    expect(r2023.sheets[0]?.kindId).toBe('att2');
    expect(r2023.issues.map((i) => i.code)).toEqual([]);
    const r2022 = validate(workbook2023(), { packId: 'gx-zz-2022', today: '2023-05-01' });
    expect(r2022.issues.filter((i) => i.code === 'cert-format')).toHaveLength(3);
  });

  it('runs a campaign’s pack at the campaign year (server and pane alike); other ids stay', () => {
    expect(campaignPackId({ packId: 'gx-zz-2022', year: 2022 })).toBe('gx-zz-2022');
    expect(campaignPackId({ packId: 'gx-zz-2022', year: 2023 })).toBe('gx-zz-2023');
    expect(campaignPackId({ packId: 'gx-zz', year: 2024 })).toBe('gx-zz-2024');
    expect(campaignPackId({ packId: 'hb-pg-2018', year: 2018 })).toBe('hb-pg-2018');
    expect(campaignPackId({ packId: 'no-such', year: 2023 })).toBe('no-such');
  });
});
