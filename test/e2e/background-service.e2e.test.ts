import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireSyncLock } from '../../src-main/db/sync-lock';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 15_000 };

describe('Sync screen beside the background service', () => {
  let app: E2eApp;
  let stand_in: ChildProcess;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 800 } });
    // A live process of its own stands in for the daemon: the lock names its pid, so it is alive and not us.
    stand_in = spawn('sleep', ['120'], { stdio: 'ignore' });
    expect(
      acquireSyncLock(app.preview.services.db, 'daemon', {
        self: { pid: stand_in.pid!, host: hostname(), startedAt: new Date().toISOString() },
      }),
    ).toBeNull();
  }, 60_000);
  afterAll(async () => {
    stand_in?.kill('SIGKILL');
    await app?.close();
  });

  it('says the background service syncs this database, and a Sync press is refused in words', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sync', exact: true }).click();
    await page.locator('.background-service-notice', { hasText: 'Synced by the background service' }).waitFor(WAIT);
    expect(await page.locator('.background-service-notice').textContent()).toContain(`process ${stand_in.pid}`);
    await page.getByRole('button', { name: 'Sync all' }).click();
    await page.locator('.sync-start-error', { hasText: 'the background service syncs this database' }).waitFor(WAIT);
    await app.screenshot('sync-background-service');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('radio', { name: '简体中文' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: '同步', exact: true }).click();
    await page.locator('.background-service-notice', { hasText: '由后台服务同步' }).waitFor(WAIT);
    await app.screenshot('sync-background-service-zh');
  }, 60_000);

  it('names the command-line tool when it holds the lock, in both languages', async () => {
    const { page } = app;
    const db = app.preview.services.db;
    db.prepare('DELETE FROM sync_lock').run();
    expect(
      acquireSyncLock(db, 'cli', {
        self: { pid: stand_in.pid!, host: hostname(), startedAt: new Date().toISOString() },
      }),
    ).toBeNull();
    const nav = page.getByRole('navigation', { name: 'Main' });
    // Still in Chinese from the test before: the notice is read again as the screen opens.
    await nav.getByRole('button', { name: '设置', exact: true }).click();
    await nav.getByRole('button', { name: '同步', exact: true }).click();
    await page.locator('.background-service-notice', { hasText: '正在别处同步' }).waitFor(WAIT);
    expect(await page.locator('.background-service-notice').textContent()).toContain('命令行工具');
    await page.getByRole('button', { name: '全部同步' }).click();
    await page.locator('.sync-start-error', { hasText: '命令行工具' }).waitFor(WAIT);
    await app.screenshot('sync-command-line-zh');
    await nav.getByRole('button', { name: '设置', exact: true }).click();
    await page.getByRole('radio', { name: 'English' }).click();
    await nav.getByRole('button', { name: 'Sync', exact: true }).click();
    await page.locator('.background-service-notice', { hasText: 'Being synced elsewhere' }).waitFor(WAIT);
    expect(await page.locator('.background-service-notice').textContent()).toContain(
      `The command-line tool (supplygrid sync or restore, process ${stand_in.pid}`,
    );
    await page.getByRole('button', { name: 'Sync all' }).click();
    await page.locator('.sync-start-error', { hasText: 'the command-line tool' }).waitFor(WAIT);
    await app.screenshot('sync-command-line');
  }, 60_000);
});
