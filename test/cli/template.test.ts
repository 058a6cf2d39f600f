import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadXlsx, runCli, tempDir } from '../helpers/xlsx';

describe('yanyin template', () => {
  it('writes <pack>-模板.xlsx into the working directory, one sheet per attachment', async () => {
    const cwd = tempDir('yanyin-tpl-');
    const r = runCli(['template', 'gx-zz-2022'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const file = join(cwd, 'gx-zz-2022-模板.xlsx');
    expect(existsSync(file)).toBe(true);
    expect(r.stdout).toContain(file);
    const wb = await loadXlsx(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '附件1 验印回执',
      '附件2 资格审核与验印登记表',
      '附件3 验印审核表',
      '附件4 异动情况汇总表',
      '附件5 对口招收中职学生信息表',
    ]);
  });

  it('-o and --kind pick the output and the attachments (repeatable or comma-separated)', async () => {
    const dir = tempDir('yanyin-tpl-');
    const out = join(dir, 'only.xlsx');
    expect(runCli(['template', 'gx-zz-2022', '-o', out, '--kind', 'att2', '--kind', 'att3']).status).toBe(0);
    expect((await loadXlsx(out)).worksheets.map((w) => w.name)).toEqual([
      '附件2 资格审核与验印登记表',
      '附件3 验印审核表',
    ]);
    expect(runCli(['template', 'gx-zz-2022', '-o', out, '--kind', 'att4,att5']).status).toBe(0);
    expect((await loadXlsx(out)).worksheets).toHaveLength(2);
  });

  it('an unknown pack → exit 2 listing the packs; an unknown kind → exit 2 listing the kinds', () => {
    const r = runCli(['template', 'zz-9999']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('未知的模板包');
    expect(r.stderr).toContain('gx-zz-2022');
    expect(r.stderr).toContain('hb-pg-2018');
    const k = runCli(['template', 'gx-zz-2022', '--kind', 'att9', '-o', join(tempDir(), 'x.xlsx')]);
    expect(k.status).toBe(2);
    expect(k.stderr).toContain('att9');
    expect(k.stderr).toContain('att2');
    expect(runCli(['template']).status).toBe(2);
  });

  it.each(['gx-zz-2022', 'hb-pg-2018'])(
    'round-trips: validate recognises every sheet of the blank %s',
    (pack) => {
      const out = join(tempDir('yanyin-tpl-'), `${pack}.xlsx`);
      expect(runCli(['template', pack, '-o', out]).status).toBe(0);
      const r = runCli(['validate', out, '--json']);
      expect([0, 1]).toContain(r.status);
      const report = JSON.parse(r.stdout) as {
        packId: string;
        sheets: { sheet: string; kindId: string | null }[];
        issues: { code: string }[];
      };
      expect(report.packId).toBe(pack);
      for (const s of report.sheets) expect(s.kindId, s.sheet).not.toBeNull();
      expect(report.issues.filter((i) => i.code === 'header-missing' || i.code === 'no-template')).toEqual(
        [],
      );
    },
  );

  it('--year writes and validates a yearly pack at another year (gx-zz --year 2023)', async () => {
    const out = join(tempDir('yanyin-tpl-'), 'gx-2023.xlsx');
    expect(runCli(['template', 'gx-zz', '--year', '2023', '-o', out, '--kind', 'att2']).status).toBe(0);
    const texts: string[] = [];
    (await loadXlsx(out)).worksheets[0]?.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain('桂教中专毕字（2023）');
    const r = runCli(['validate', out, '--json', '--year', '2023']);
    expect((JSON.parse(r.stdout) as { packId: string }).packId).toBe('gx-zz-2023');
    expect(runCli(['template', 'gx-zz', '--year', 'next']).status).toBe(2);
  });
});
