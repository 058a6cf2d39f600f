import { describe, expect, it } from 'vitest';
import { finding } from '../rules/checks';
import { renderMessage, renderTitle } from '../messages/render';
import { definitionOf, issueDefinitions, severityOf } from './catalogue';
import { issue } from './define';

describe('one definition per issue code', () => {
  it('types codes and params from the definitions', () => {
    // @ts-expect-error a misspelt code does not compile
    finding('serial-sequenc');
    // @ts-expect-error neither does a misspelt param
    finding('serial-sequence', { expectd: 3 });
    expect(finding('serial-sequence', { expected: 3, found: '5' }, 3)).toEqual({ code: 'serial-sequence', severity: 'warning', params: { expected: 3, found: '5' }, fix: 3 });
  });

  it('gives every code a severity, a title and a message in both languages', () => {
    for (const [code, def] of Object.entries(issueDefinitions())) {
      expect([code, def.title['zh-CN'] !== '', def.title.en !== '']).toEqual([code, true, true]);
      expect(renderMessage(code, {}, 'zh-CN').length, code).toBeGreaterThan(4);
      expect(renderMessage(code, {}, 'en').length, code).toBeGreaterThan(4);
    }
    expect(severityOf('id-duplicate-other-school')).toBe('warning');
    // A clerk must not learn where else a student is enrolled (issue #8): the message names no school.
    expect(renderMessage('id-duplicate-other-school', { otherSchool: '某校' })).not.toContain('某校');
  });

  it('finds a pack’s own definitions when given them, and the code itself otherwise', () => {
    const own = { 'toy-code': issue<{ n?: number }>({ severity: 'warning', where: 'row', summary: 'toy', title: { 'zh-CN': '玩具', en: 'Toy' }, message: { 'zh-CN': (p) => `玩具 ${p.n}`, en: (p) => `toy ${p.n}` } }) };
    expect(definitionOf('toy-code')).toBeUndefined();
    expect(renderMessage('toy-code', { n: 2 }, 'en', own)).toBe('toy 2');
    expect([renderTitle('toy-code', 'zh-CN', own), renderTitle('toy-code', 'zh-CN')]).toEqual(['玩具', 'toy-code']);
    expect(severityOf('toy-code', own)).toBe('warning');
  });
});
