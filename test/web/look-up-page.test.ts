/**
 * Issue #8, the public look-up page: opens on the mode that fits the certificate's pack (Guangxi 中职
 * has no 国家学籍号), asks for the name with the number, and tells "not found" apart from "the server
 * could not be reached" in words for the public (before: "工作簿中的数据没有丢失").
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../addin/app/remote/api-client';
import { LookupApp } from '../../web/lookup/LookupApp';
import { failureText, initialMode, NOT_ANSWERED } from '../../web/lookup/look-up-text';

describe('look-up page', () => {
  it('opens on the mode of the pack', () => {
    expect(initialMode('')).toBe('number');
    expect(initialMode('?pack=gx-zz-2022')).toBe('number');
    expect(initialMode('?pack=hb-pg-2018')).toBe('student');
    expect(initialMode('?pack=hb-pg-2018&mode=number')).toBe('number');
    const html = renderToStaticMarkup(
      createElement(FluentProvider, { theme: webLightTheme }, createElement(LookupApp, { lookUp: () => Promise.resolve({ found: false }) })),
    );
    expect(html).toContain('data-testid="lookup-certificate-number"');
    expect(html).not.toContain('data-testid="lookup-student-number"');
    expect(html).toContain('持证人姓名');
  });

  it('words failures for the public, never as "not found"', () => {
    const network = failureText(new RemoteError('network', 'network', '无法连接验印服务器，请检查网络后重试。工作簿中的数据没有丢失。'));
    const server = failureText(new RemoteError('server', 'server', '验印服务器出错（HTTP 502），请稍后重试。工作簿中的数据没有丢失。', 502));
    for (const text of [network, server, failureText(new Error('x'))]) {
      expect(text).toContain(NOT_ANSWERED);
      expect(text).not.toMatch(/工作簿|验印服务器/);
    }
    expect(network).toContain('无法连接');
    expect(server).not.toBe(network);
    expect(failureText(new RemoteError('refused', 'rate-limited', '请求过于频繁', 429))).toContain('过于频繁');
  });
});
