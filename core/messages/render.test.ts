import { describe, expect, it } from 'vitest';
import { idMessages } from '../id';
import { issueDefinitions } from '../issues/catalogue';
import { hasMessage, renderMessage } from './render';

describe('messages', () => {
  const codes = [...Object.keys(issueDefinitions), ...Object.keys(idMessages['zh-CN']), ...Object.keys(idMessages.en)];

  it('every code that can be emitted has a zh-CN and an English message', () => {
    for (const code of codes) {
      expect([code, hasMessage(code, 'zh-CN'), hasMessage(code, 'en')]).toEqual([code, true, true]);
      expect(renderMessage(code, {}, 'zh-CN').length).toBeGreaterThan(4);
      expect(renderMessage(code, {}, 'en').length).toBeGreaterThan(4);
    }
  });

  it('renders params and never throws on unknown codes', () => {
    expect(renderMessage('serial-sequence', { expected: 3, found: '5' })).toBe('序号应为 3（从 1 开始连续编号），这里是“5”。点击修正。');
    expect(renderMessage('no-such-code', {}, 'en')).toBe('Problem: no-such-code');
  });
});
