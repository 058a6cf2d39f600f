/** Settings from the environment, and when the demo seed may run (never in production). */
import { describe, expect, it } from 'vitest';
import { ConfigError, demoSeedAllowed, loadConfig } from '../../server/config';
import { redact } from '../../server/http/logger';

describe('config', () => {
  it('defaults to HTTP on 127.0.0.1:3000 with the add-in’s dev origins', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, tls: undefined, bodyLimit: '20mb' });
    expect(c.corsOrigins).toContain('https://localhost:3000');
    expect(loadConfig({ NODE_ENV: 'production' }).corsOrigins).toEqual([]);
    expect(loadConfig({ PORT: '8443', HOST: '0.0.0.0', YANYIN_TLS_CERT: 'c.pem', YANYIN_TLS_KEY: 'k.pem' }).tls).toEqual({ cert: 'c.pem', key: 'k.pem' });
  });

  it('refuses bad settings with a clear message', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ YANYIN_TLS_CERT: 'c.pem' })).toThrow(/together/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });

  it('treats an empty variable (DATABASE_URL= in an .env file) as not set', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 3000 });
  });

  it('seeds demo data only on embedded, non-production databases unless asked', () => {
    expect(demoSeedAllowed(loadConfig({}))).toBe(true);
    expect(demoSeedAllowed(loadConfig({ NODE_ENV: 'production' }))).toBe(false);
    expect(demoSeedAllowed(loadConfig({ DATABASE_URL: 'postgresql://u@127.0.0.1:5432/y' }))).toBe(false);
    expect(demoSeedAllowed(loadConfig({ DATABASE_URL: 'postgresql://u@127.0.0.1:5432/y', YANYIN_DEMO: '1' }))).toBe(true);
    expect(demoSeedAllowed(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@h/y', YANYIN_DEMO: '1' }))).toBe(false);
  });

  it('the log redactor masks identity numbers, student numbers and Chinese names', () => {
    const line = redact('id 45010320040315123X sn G450103200403151234 name 韦丽娟 ok');
    expect(line).not.toMatch(/\d{7,}/);
    expect(line).not.toContain('韦丽娟');
    expect(line).toContain('ok');
  });
});
