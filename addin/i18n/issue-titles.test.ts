import { describe, expect, it } from 'vitest';
import { idMessages } from '../../core/id';
import { issueDefinitions } from '../../core/issues/catalogue';
import { issueTitle } from './issue-titles';

describe('issue titles', () => {
  it('names every rule code in both languages', () => {
    for (const code of [...Object.keys(issueDefinitions()), ...Object.keys(idMessages['zh-CN'])]) {
      expect(issueTitle(code, 'zh-CN'), code).not.toBe(code);
      expect(issueTitle(code, 'en'), code).not.toBe(code);
    }
  });

  it('falls back to the code for a code it does not know', () => {
    expect(issueTitle('brand-new-rule', 'zh-CN')).toBe('brand-new-rule');
  });
});
