import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type E2eApp } from './harness';

const WAIT = { timeout: 15_000 };

describe('Settings → Backups: back up, restore, and undo the restore', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1280, height: 900 } });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('lists a new backup and restores it, naming the backup that undoes the restore', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings', exact: true }).click();
    const section = page.locator('.settings-section').filter({ has: page.locator('.backups-actions') });
    await section.getByText('No backup yet.').waitFor(WAIT);
    await section.getByRole('button', { name: 'Back up now' }).click();
    await section.getByText('Backed up and verified.').waitFor(WAIT);
    await section.locator('tbody tr', { hasText: 'By hand' }).waitFor(WAIT);

    // A change made after the backup, which the restore takes back.
    app.preview.services.updateSettings({ currency: 'EUR' });
    await section.locator('tbody tr', { hasText: 'By hand' }).getByRole('button', { name: 'Restore' }).click();
    await section.getByText('The current database is backed up first').waitFor(WAIT);
    await app.screenshot('settings-backups-confirm');
    await section.getByRole('button', { name: 'Restore this backup' }).click();
    await section.getByText(/Restored the backup of .*To undo, restore the backup “Before a restore”/).waitFor(WAIT);
    expect(app.preview.services.settings().currency).toBe('USD');
    await section.locator('tbody tr', { hasText: 'Before a restore' }).waitFor(WAIT);
    await section.scrollIntoViewIfNeeded();
    await app.screenshot('settings-backups');

    await page.getByRole('radio', { name: '简体中文' }).click();
    await page
      .locator('.settings-section', { has: page.getByRole('heading', { name: '备份' }) })
      .getByRole('button', { name: '立即备份' })
      .waitFor(WAIT);
    await section.scrollIntoViewIfNeeded();
    await app.screenshot('settings-backups-zh');
  }, 60_000);
});
