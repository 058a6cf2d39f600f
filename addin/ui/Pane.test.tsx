import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueMessage } from '../../core/messages/render';
import { createPaneController } from '../app/controller';
import { createCoreEngine } from '../app/core-engine';
import { FakePort } from '../app/testing/fake-port';
import { toyEngine } from '../app/testing/fake-engine';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { Pane, preloadPaneViews } from './Pane';
import { PaneRoot } from './PaneRoot';

async function readyState() {
  const port = new FakePort({
    名单A: [
      ['名单', '身份证号码'],
      ['张三', 'bad1'],
      ['warn李四', 450103200403150000],
    ],
    说明: [['x']],
  });
  const controller = createPaneController({ port, engine: toyEngine(), yieldToUi: () => Promise.resolve() });
  await controller.start();
  await controller.dispose();
  return controller;
}

describe('Pane', () => {
  // The results and notices are chunks of their own (issue #14); once fetched they render synchronously.
  beforeAll(() => preloadPaneViews());

  it('renders recognition, summary, grouped issues, damaged IDs and templates in Chinese', async () => {
    const controller = await readyState();
    const html = renderToStaticMarkup(
      <PaneRoot dark={false} strings={zhCN}>
        <Pane state={controller.getState()} actions={controller} />
      </PaneRoot>,
    );
    for (const text of [
      '检查结果',
      '工作表识别',
      '不是模板',
      '附件9 名单',
      '模板',
      '下一步',
      '张三 · 身份证号码',
      '身份证号码被 Excel 损坏',
      '设为文本格式',
      '修正',
      '错误：bad1',
    ]) {
      expect(html, text).toContain(text);
    }
    expect(html).toContain('data-testid="issue"');
    expect(html).toContain('data-address="B2"');
  });

  it('renders the English catalogue', async () => {
    const controller = await readyState();
    const html = renderToStaticMarkup(
      <PaneRoot dark strings={en}>
        <Pane state={{ ...controller.getState(), locale: 'en' }} actions={controller} />
      </PaneRoot>,
    );
    expect(html).toContain('Results');
    expect(html).toContain('Not a template');
    expect(html).not.toContain('检查结果');
  });

  it('shows errors with the task that failed', async () => {
    const controller = await readyState();
    const state = {
      ...controller.getState(),
      errors: [{ id: 1, task: 'fix' as const, message: 'InvalidOperation' }],
    };
    const html = renderToStaticMarkup(
      <PaneRoot dark={false} strings={zhCN}>
        <Pane state={state} actions={controller} />
      </PaneRoot>,
    );
    expect(html).toContain('修正失败');
    expect(html).toContain('InvalidOperation');
  });

  it('labels the issues only the bureau\'s server found', async () => {
    const port = new FakePort({ 名单A: [['名单', '身份证号码'], ['张三', 'bad1'], ['李四', '110']] });
    const controller = createPaneController({ port, engine: toyEngine(), yieldToUi: () => Promise.resolve() });
    await controller.start();
    await controller.showServerIssues([
      {
        sheet: '名单A',
        row: 3,
        column: 2,
        address: 'B3',
        code: 'id-duplicate-other-school',
        severity: 'warning',
        params: {},
      },
    ]);
    await controller.dispose();
    const html = renderToStaticMarkup(
      <PaneRoot dark={false} strings={zhCN}>
        <Pane state={controller.getState()} actions={controller} />
      </PaneRoot>,
    );
    expect(html).toContain('身份证号码与其他学校重复');
    expect(html).toContain(issueMessage({ code: 'id-duplicate-other-school', params: {} }));
    expect(html).toContain('data-testid="issue-group-server"');
    expect(html).toContain('教育局服务器');
    expect(html.match(/data-testid="issue-group-server"/g)).toHaveLength(1);
  });

  it('opens a workbook without templates on a start screen, lists and paints nothing', async () => {
    // The real core: it reports `no-template` for such a workbook, which must not reach the cells.
    const port = new FakePort({ Sheet1: [[null]] });
    const controller = createPaneController({ port, engine: createCoreEngine(), yieldToUi: () => Promise.resolve() });
    await controller.start();
    await controller.dispose();
    const state = controller.getState();
    expect(state.groups).toEqual([]);
    expect(port.highlights.size).toBe(0);
    const html = renderToStaticMarkup(
      <PaneRoot dark={false} strings={zhCN}>
        <Pane state={state} actions={controller} />
      </PaneRoot>,
    );
    expect(html).toContain('data-testid="start-screen"');
    expect(html).toContain('data-step="start"');
    expect(html).not.toContain('没有识别到模板');
  });

  it('groups by student when asked: one card per student named by 序号 and 姓名', async () => {
    const controller = await readyState();
    controller.setFilters({ groupBy: 'student' });
    const titles = controller.getState().groups.map((g) => g.title);
    expect(titles).toEqual(['张三', 'warn李四']);
  });
});
