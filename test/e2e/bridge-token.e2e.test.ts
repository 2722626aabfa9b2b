import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CSP } from '../../src-main/api/bridge';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 15_000 };

describe('the bridge page', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await launchApp();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('takes the token out of the address bar once loaded, keeps working (reload too), and is served with the CSP header', async () => {
    const { page, preview } = app;
    const token = new URL(preview.appUrl).searchParams.get('token')!;
    await page.getByText('Demo data', { exact: true }).waitFor(WAIT);
    expect(page.url()).not.toContain(token);
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    // The API still answers (the token is held by the page), also after a reload of the same tab.
    await page.reload();
    await page.getByText('Demo data', { exact: true }).waitFor(WAIT);
    expect(page.url()).not.toContain(token);

    const response = await fetch(preview.appUrl);
    expect(response.headers.get('content-security-policy')).toBe(BRIDGE_CSP);
    expect(BRIDGE_CSP).toContain("frame-ancestors 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  }, 60_000);
});
