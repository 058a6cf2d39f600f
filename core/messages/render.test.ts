import { describe, expect, it } from 'vitest';
import { idMessages } from '../id';
import { issueDefinitions } from '../issues/catalogue';
import { hasMessage, renderMessage } from './render';

describe('messages', () => {
  const codes = [...Object.keys(issueDefinitions()), ...Object.keys(idMessages['zh-CN']), ...Object.keys(idMessages.en)];

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
    const { readFileSync, readdirSync } = await import('node:fs');
    const packs = readdirSync(new URL('../packs/', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory());
    const sources = ['../rules/issues.ts', '../issues/id-issues.ts', '../id/messages.ts', ...packs.map((d) => `../packs/${d.name}/issues.ts`)];
    for (const file of sources) {
      // "right-click" tells how to format a column in Excel itself, not to click in our pane.
      expect([file, readFileSync(new URL(file, import.meta.url), 'utf8')]).not.toEqual([file, expect.stringMatching(/点击|(?<!right-)[Cc]lick/)]);
    }
    expect(renderMessage('grade-failing', { subject: '专业技能课', value: '不及格' })).not.toContain('不及格”不及格');
  });
});
