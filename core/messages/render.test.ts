import { describe, expect, it } from 'vitest';
import { idMessages } from '../id';
import { issueCodes } from '../rules/codes';
import { hasMessage, renderMessage } from './render';

describe('messages', () => {
  const codes = [...Object.keys(issueCodes), ...Object.keys(idMessages['zh-CN']), ...Object.keys(idMessages.en)];

  it('every code that can be emitted has a zh-CN and an English message', () => {
    for (const code of codes) {
      expect([code, hasMessage(code, 'zh-CN'), hasMessage(code, 'en')]).toEqual([code, true, true]);
      expect(renderMessage(code, {}, 'zh-CN').length).toBeGreaterThan(4);
      expect(renderMessage(code, {}, 'en').length).toBeGreaterThan(4);
    }
  });

  it('renders params and never throws on unknown codes', () => {
    expect(renderMessage('serial-sequence', { expected: 3, found: '5' })).toBe('序号应为 3（从 1 开始连续编号），这里是“5”。');
    expect(renderMessage('no-such-code', {}, 'en')).toBe('Problem: no-such-code');
  });

  it('never tells its reader to click: the CLI and a reviewer cannot', async () => {
    const source = (await import('node:fs')).readFileSync(new URL('../rules/messages.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/点击|[Cc]lick/);
    expect(renderMessage('grade-failing', { subject: '专业技能课', value: '不及格' })).not.toContain('不及格”不及格');
  });
});
