// Browser test of notifications: the school submits its development concept; the job worker turns the event into a
// notification for the school's curator, whose bell shows it; the curator opens the list, follows the notification to
// the school's documents and it becomes read (the bell count goes down). The administrator's mail outbox shows what was
// kept without SMTP (the demo accounts have no email address, so nothing is kept). The curator's calendar groups the
// cycle's deadlines by month.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { login, newPage, screenshot, useE2e } from './support.js';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
const SCHOOL = 'МБОУ «Кромская СОШ №1»';

async function openMenu(page: Page, label: string) {
  await page.getByTestId('main-menu').getByText(label, { exact: true }).click();
}

async function unread(page: Page): Promise<number> {
  const bell = page.getByTestId('notification-bell');
  await bell.waitFor();
  return Number((await bell.getAttribute('data-unread')) || '0');
}

/** Reloads until the bell shows at least one unread notification (the worker delivers within a second or so). */
async function waitForUnread(page: Page, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await unread(page);
    if (n >= 1) return n;
    if (Date.now() > deadline) throw new Error('the bell showed no unread notification in time');
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByTestId('cabinet').waitFor();
  }
}

describe('notifications in the browser', () => {
  const e2e = useE2e({ worker: true });

  test('a submitted document notifies the curator; following it marks it read; outbox and calendar', async () => {
    // ---- the school uploads its concept and submits it (the UI steps are checked in documents.test.ts) ----
    const school = await newPage(e2e.browser);
    await login(school, e2e.server.url, 'school1');
    await school.getByTestId('cabinet').waitFor();
    await openMenu(school, 'Документы');
    const concept = school.locator('[data-testid="slot"][data-slot="concept"]');
    await concept.waitFor();
    await concept.locator('input[type="file"]').setInputFiles({ name: 'Концепция развития.pdf', mimeType: 'application/pdf', buffer: pdf('v1') });
    await concept.locator('[data-testid="latest-version"][data-number="1"]').waitFor();
    await concept.getByTestId('doc-action-submit').click();
    await school.locator('[data-testid="slot"][data-slot="concept"][data-status="submitted"]').waitFor();
    const schoolId = Number(await school.getByTestId('checklist-page').getAttribute('data-school-id'));
    assert.ok(schoolId > 0);
    await school.context().close();

    // ---- the curator's bell shows the notification the worker made ----
    const curator = await newPage(e2e.browser);
    await login(curator, e2e.server.url, 'curator1');
    await curator.getByTestId('cabinet').waitFor();
    const before = await waitForUnread(curator);
    assert.ok(before >= 1);
    assert.match((await curator.getByTestId('notification-bell').getAttribute('aria-label')) ?? '', new RegExp(`непрочитанных ${before}`));
    await screenshot(curator, 'ntf-01-curator-bell');

    // ---- the list: the submitted concept, unread, about school1 ----
    await curator.getByTestId('notification-bell').click();
    await curator.waitForURL(/\/notifications$/);
    const item = curator.getByTestId('notification').filter({ hasText: 'Документ на проверку' }).filter({ hasText: SCHOOL });
    await item.first().waitFor();
    assert.equal(await item.count(), 1, 'one notification for the one submission');
    assert.equal(await item.getAttribute('data-read'), 'false');
    assert.match(await item.innerText(), /Документ на проверку: Концепция развития школы/);
    assert.match(await item.innerText(), /новое/);
    await screenshot(curator, 'ntf-02-curator-list');

    // ---- following it opens the school's documents and marks it read ----
    const link = item.getByTestId('notification-link');
    assert.equal(await link.getAttribute('href'), `/documents/schools/${schoolId}`);
    await link.click();
    await curator.waitForURL(new RegExp(`/documents/schools/${schoolId}`));
    await curator.locator('[data-testid="slot"][data-slot="concept"][data-status="submitted"]').waitFor();
    await curator.locator(`[data-testid="notification-bell"][data-unread="${before - 1}"]`).waitFor();
    await screenshot(curator, 'ntf-03-curator-document');
    await curator.getByTestId('notification-bell').click();
    await curator.waitForURL(/\/notifications$/);
    const readItem = curator.getByTestId('notification').filter({ hasText: 'Документ на проверку' }).filter({ hasText: SCHOOL });
    await curator.locator('[data-testid="notification"][data-read="true"]').filter({ hasText: SCHOOL }).waitFor();
    assert.doesNotMatch(await readItem.innerText(), /новое/);
    await screenshot(curator, 'ntf-04-curator-list-read');

    // ---- the administrator's outbox: no SMTP; the demo accounts have no email, so no mail was kept ----
    const admin = await newPage(e2e.browser);
    await login(admin, e2e.server.url, 'admin');
    await admin.getByTestId('cabinet').waitFor();
    await admin.goto(`${e2e.server.url}/notifications/outbox`);
    await admin.getByTestId('outbox-smtp').waitFor();
    assert.match(await admin.getByTestId('outbox-smtp').innerText(), /SMTP не настроен/);
    const outbox = (await admin.evaluate(async () => (await fetch('/api/notifications/outbox')).json())) as { total: number; smtpConfigured: boolean };
    assert.equal(outbox.smtpConfigured, false);
    assert.equal(outbox.total, 0, 'curator1 has no email address in the demo data, so no mail is kept');
    const table = admin.locator('.ant-table').first();
    await table.waitFor();
    await table.locator('.ant-empty').waitFor();
    assert.equal(await table.locator('.ant-table-row').count(), 0);
    await screenshot(admin, 'ntf-05-admin-outbox');
    await admin.context().close();

    // ---- the curator's calendar: the cycle's deadlines grouped by month ----
    await curator.getByTestId('calendar-link').click();
    await curator.waitForURL(/\/calendar$/);
    await curator.getByTestId('calendar-month').first().waitFor();
    const api = (await curator.evaluate(async () => (await fetch('/api/calendar')).json())) as { entries: { date: string; type: string }[] };
    assert.ok(api.entries.length > 0);
    const expectedMonths = [...new Set(api.entries.map((e) => e.date.slice(0, 7)))];
    const months = curator.getByTestId('calendar-month');
    const shown: string[] = [];
    for (let i = 0; i < (await months.count()); i += 1) {
      const month = months.nth(i);
      const key = (await month.getAttribute('data-month')) ?? '';
      shown.push(key);
      const dates = await month.getByTestId('calendar-entry').evaluateAll((els) => els.map((el) => el.getAttribute('data-date') ?? ''));
      assert.ok(dates.length > 0, `month ${key} has entries`);
      assert.ok(dates.every((d) => d.startsWith(key)), `every entry of ${key} is in that month`);
      const title = new Date(`${key}-01T00:00:00`).toLocaleDateString('ru-RU', { month: 'long', year: 'numeric' });
      assert.match((await month.innerText()).toLowerCase(), new RegExp(title.toLowerCase()));
    }
    assert.deepEqual(shown, expectedMonths, 'one group per month, in date order');
    assert.ok(shown.length >= 2, 'the deadlines spread over several months');
    assert.equal(await curator.getByTestId('calendar-entry').count(), api.entries.length);
    assert.ok((await curator.locator('[data-testid="calendar-entry"][data-type="document"]').count()) > 0, "the curator's schools' document deadlines");
    assert.match(await curator.locator('body').innerText(), /Концепция развития/);
    await screenshot(curator, 'ntf-06-curator-calendar');
    await curator.context().close();
  });
});
