/** Hubei's own rule: the graduation conclusion (§四 of the notice). */
import { finding } from '../../rules/checks';
import type { RowRule } from '../../rules/types';
import { valueKey } from '../../text/normalize';
import { parseNumber } from '../../text/parse';

export const HB_CREDITS_REQUIRED = 144;

const FITNESS_PASS = new Set(['达标', '优秀', '良好', '及格', '合格']);
const FITNESS_FAIL = new Set(['不达标', '不及格', '不合格']);

/**
 * Hubei: 结论 = 毕业 iff 学分 ≥ 144 and 思想品德与公民素养 合格 and 体质健康 达标; pilot areas (pack option
 * `pilot`, or the sheet's 评价系统 line saying 新版/试点) check credits and fitness only. When the moral
 * column is absent the rule checks credits and fitness.
 */
export const rowConclusion: RowRule = {
  id: 'row-conclusion',
  scope: 'row',
  check(row) {
    if (!row.has('conclusion') || !row.has('credits') || !row.has('fitness')) return;
    const pilot = row.sheet.options.pilot === true;
    const credits = parseNumber(row.cell('credits'));
    const fitness = valueKey(row.text('fitness'));
    const moralChecked = !pilot && row.has('moral');
    const moral = valueKey(row.text('moral'));
    if (moralChecked && moral === '') {
      row.add('moral', finding('required-missing', { header: '思想品德与公民素养' }));
      return;
    }
    if (credits === null || (!FITNESS_PASS.has(fitness) && !FITNESS_FAIL.has(fitness))) return;
    if (moralChecked && moral !== '合格' && moral !== '不合格') return;
    const reasons: string[] = [];
    if (credits < HB_CREDITS_REQUIRED) reasons.push(`学分 ${credits} < ${HB_CREDITS_REQUIRED}`);
    if (moralChecked && moral !== '合格') reasons.push('思想品德与公民素养不合格');
    if (!FITNESS_PASS.has(fitness)) reasons.push('体质健康未达标');
    const expected = reasons.length === 0 ? '毕业' : '结业';
    const conclusion = valueKey(row.text('conclusion'));
    if ((conclusion === '毕业' || conclusion === '结业') && conclusion !== expected) {
      const reason =
        reasons.length > 0
          ? reasons.join('，')
          : pilot
            ? `学分 ${credits} ≥ ${HB_CREDITS_REQUIRED}，体质健康达标（试点地区）`
            : `学分 ${credits} ≥ ${HB_CREDITS_REQUIRED}，思想品德与公民素养合格，体质健康达标`;
      row.add('conclusion', finding('conclusion-mismatch', { conclusion, expected, reason }, expected));
    }
  },
};

