/**
 * Issue #8, the public look-up page: opens on the mode that fits the certificate's pack (Guangxi 中职
 * has no 国家学籍号), asks for the name with the number, and tells "not found" apart from "the server
 * could not be reached" in words for the public (before: "工作簿中的数据没有丢失").
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../addin/app/remote/api-client';
import { packFamilies } from '../../core/packs';
import { createLookUp, LookUpError } from '../../web/lookup/look-up-client';
import { LookupApp } from '../../web/lookup/LookupApp';
import { failureText, initialMode, NOT_ANSWERED, STUDENT_NUMBER_FAMILIES } from '../../web/lookup/look-up-text';

describe('look-up page', () => {
  it('opens on the mode of the pack', () => {
    expect(initialMode('')).toBe('number');
    expect(initialMode('?pack=gx-zz-2022')).toBe('number');
    expect(initialMode('?pack=hb-pg-2018')).toBe('student');
    expect(initialMode('?pack=hb-pg-2018&mode=number')).toBe('number');
    expect(initialMode('?pack=hb-pg-2025')).toBe('student');
    expect(initialMode('?pack=hb-pg')).toBe('number');
    const html = renderToStaticMarkup(createElement(LookupApp, { lookUp: () => Promise.resolve({ found: false }) }));
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

  it('knows without the registry which pack families carry 国家学籍号', () => {
    for (const family of packFamilies) {
      for (const year of family.years) {
        const pack = family.make(year);
        const carries = pack.sheetKinds.some((k) => k.columns.some((c) => c.key === 'studentNumber'));
        expect(STUDENT_NUMBER_FAMILIES.includes(pack.family ?? pack.id), pack.id).toBe(carries);
        expect(initialMode(`?pack=${pack.id}`)).toBe(carries ? 'student' : 'number');
      }
    }
  });

  // Issue #14: a direct fetch with a hand-written guard instead of the pane's zod client.
  it('asks the server directly and checks its answer by hand', async () => {
    const json = (body: unknown, status = 200) => () => Promise.resolve(new Response(JSON.stringify(body), { status }));
    const certificate = { number: 'N1', name: '张三', schoolName: '某校', year: 2022, conclusion: '毕业', status: 'ISSUED' };
    const urls: string[] = [];
    const ok = createLookUp('https://x.example/', (url) => (urls.push(url), json({ found: true, certificate })()));
    expect(await ok({ name: '张三', certificateNumber: 'N1', studentNumber: '' })).toEqual({ found: true, certificate });
    expect(urls).toEqual(['https://x.example/api/public/certificates?name=%E5%BC%A0%E4%B8%89&certificateNumber=N1']);
    expect(await createLookUp('', json({ found: false }))({ name: 'a' })).toEqual({ found: false });

    const failure = async (fetchImpl: () => Promise<Response>) => {
      const error = await createLookUp('', fetchImpl)({ name: 'a' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LookUpError);
      return error as LookUpError;
    };
    for (const bad of [{ found: 'yes' }, { found: true, certificate: { ...certificate, year: '2022' } }, { found: true, certificate: null }, [], null]) {
      const e = await failure(json(bad));
      expect(e.kind).toBe('invalid-response');
      expect(failureText(e)).toContain(NOT_ANSWERED);
    }
    expect((await failure(() => Promise.resolve(new Response('<html>', { status: 200 })))).kind).toBe('invalid-response');
    expect(failureText(await failure(() => Promise.reject(new TypeError('Failed to fetch'))))).toContain('无法连接');
    expect(failureText(await failure(() => Promise.resolve(new Response('<html>bad gateway', { status: 502 }))))).toContain('故障');
    const limited = await failure(json({ error: { code: 'rate-limited', message: '请求过于频繁', messageEn: 'x', params: {} } }, 429));
    expect(failureText(limited)).toContain('过于频繁');
    const invalid = await failure(json({ error: { code: 'invalid-input', message: '缺少姓名', messageEn: 'x', params: {} } }, 400));
    expect(failureText(invalid)).toContain('请检查填写的内容');
    expect(failureText(await failure(json({ error: { code: 'other', message: '服务器的话' } }, 403)))).toBe('服务器的话');
    expect((await failure(() => Promise.resolve(new Response('nope', { status: 404 })))).code).toBe('not-found');
  });
});
