// Browser test of roadmaps: a municipal coordinator imports an order of another year (pasted text), fixes a flagged
// timing cell, saves the draft, approves it by the order, amends it and checks the diff, marks an activity done at
// stage 1; the regional coordinator confirms it and it counts at stage 3 too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { login, newPage, screenshot, useE2e } from './support.js';

// the shared fixtures sit next to the repository (read-only)
const ORDER_TEXT = readFileSync(new URL('../../shared/fixtures/roadmaps/kromskoy-2022.txt', import.meta.url), 'utf8');

/** Percent shown for a roadmap at a stage on the monitoring page (null when nothing is due). */
async function monitoringPercent(page: Page, roadmapId: number, stageNumber: number): Promise<number | null> {
  const cell = page.getByTestId(`stage-percent-${roadmapId}-${stageNumber}`);
  await cell.waitFor();
  const value = await cell.getAttribute('data-percent');
  return value ? Number(value) : null;
}

async function openMonitoring(page: Page) {
  await page.getByTestId('main-menu').getByText('Мониторинг').click();
  await page.getByTestId('monitoring-table').locator('.ant-table-row').first().waitFor();
}

describe('roadmaps in the browser', () => {
  const e2e = useE2e();

  test('import an order of another year, fix a flagged cell, approve, amend and see the diff, mark done at stage 1, confirm, counted at stage 3', async () => {
    // ---- the municipal coordinator of Орёл imports the order (Орёл has no roadmap yet) ----
    const owner = await newPage(e2e.browser);
    await login(owner, e2e.server.url, 'mo-orel');
    await owner.getByTestId('cabinet').waitFor();
    await owner.getByTestId('main-menu').getByText('Дорожные карты').click();
    await owner.getByTestId('roadmaps-page').waitFor();
    await screenshot(owner, 'rm-01-list');
    await owner.getByTestId('roadmap-import-button').click();
    await owner.getByRole('tab', { name: 'Вставить текст' }).click();
    await owner.getByTestId('import-text').fill(ORDER_TEXT);
    await owner.getByTestId('parse-button').click();

    const rows = owner.getByTestId('items-editor').getByTestId('editor-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 15, 'the preview shows 15 items');
    assert.equal(await owner.getByTestId('items-count').innerText(), '15');
    assert.equal(await owner.getByTestId('order-number').inputValue(), '101');
    assert.equal(await owner.getByTestId('order-date').inputValue(), '2022-03-10');

    // The parser cannot find dates in «По графику курсовых мероприятий» (item 9): its timing cell is flagged.
    const flaggedTimings = owner.getByTestId('items-editor').locator('[data-testid="cell-timingText"][data-flagged="true"]');
    const flaggedBefore = await flaggedTimings.count();
    assert.ok(flaggedBefore >= 1, 'some timing cell is flagged');
    const numbers = await rows.locator('[data-testid="cell-number"] input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const row9 = rows.nth(numbers.indexOf('9'));
    const timing9 = row9.getByTestId('cell-timingText');
    assert.equal(await timing9.getAttribute('data-flagged'), 'true');
    assert.match(await timing9.innerText(), /сроки: конкретные даты не указаны/);
    await row9.scrollIntoViewIfNeeded();
    await screenshot(owner, 'rm-02-import-preview-flagged');
    await timing9.locator('textarea').fill('Сентябрь-ноябрь 2026 г.');
    await row9.locator('[data-testid="cell-timingText"][data-flagged="false"]').waitFor();
    assert.equal(await flaggedTimings.count(), flaggedBefore - 1);

    // a 2022 order into the 2026 project year needs an explicit choice
    await owner.getByTestId('year-mismatch').waitFor();
    await owner.getByTestId('save-roadmap').click();
    await owner.getByTestId('import-error').waitFor();
    assert.match(await owner.getByTestId('import-error').innerText(), /2022 году, а выбран 2026 год/);
    await owner.getByTestId('other-cycle').click();
    await screenshot(owner, 'rm-03-other-year-chosen');
    await owner.getByTestId('save-roadmap').click();
    await owner.getByTestId('roadmap-page').waitFor();
    const roadmapId = Number(await owner.getByTestId('roadmap-page').getAttribute('data-roadmap-id'));
    assert.ok(roadmapId > 0);
    assert.equal(await owner.getByTestId('roadmap-territory').innerText(), 'Город Орёл');
    assert.equal(await owner.getByTestId('roadmap-status').getAttribute('data-status'), 'draft');
    await owner.getByTestId('draft-notice').waitFor();
    assert.equal(await owner.getByTestId('items-table').locator('[data-testid="action-complete"]').count(), 0, 'a draft takes no marks');

    // ---- approve by the order ----
    await owner.getByTestId('roadmap-approve').click();
    assert.equal(await owner.getByTestId('order-number').inputValue(), '101');
    await owner.getByTestId('order-date').fill('2026-02-20');
    await owner.getByTestId('approve-ok').click();
    await owner.locator('[data-testid="roadmap-status"][data-status="approved"]').waitFor();
    assert.match(await owner.getByTestId('roadmap-status').innerText(), /редакция 1/);
    await screenshot(owner, 'rm-04-approved');

    // ---- an amendment: rename activity 2, see the diff, save as version 2 ----
    await owner.getByTestId('roadmap-amend').click();
    await owner.getByTestId('amendment-order').waitFor();
    await owner.getByTestId('order-number').fill('15');
    const editorRows = owner.getByTestId('items-editor').getByTestId('editor-row');
    const title2 = editorRows.nth(1).getByTestId('cell-title').locator('textarea');
    await title2.fill(`${await title2.inputValue()} (в редакции приказа № 15)`);
    await owner.getByTestId('save-roadmap').click();
    await owner.getByTestId('revision-diff').waitFor();
    assert.equal(await owner.getByTestId('diff-changed').count(), 1);
    assert.equal(await owner.getByTestId('diff-added').count(), 0);
    assert.match(await owner.getByTestId('diff-changed').innerText(), /в редакции приказа № 15/);
    await screenshot(owner, 'rm-05-amendment-diff');
    await owner.getByTestId('amend-ok').click();
    await owner.locator('[data-testid="roadmap-status"]', { hasText: 'редакция 2' }).waitFor();
    await owner.getByTestId('roadmap-history').click();
    await owner.getByTestId('revision').nth(1).waitFor();
    assert.equal(await owner.getByTestId('revision').count(), 2);
    assert.equal(await owner.locator('[data-testid="revision"][data-number="2"] [data-testid="diff-changed"]').count(), 1);
    await screenshot(owner, 'rm-06-history');
    await owner.keyboard.press('Escape');

    // ---- mark the first activity done at stage 1, dated in March ----
    const stageTab = (page: Page, n: number) => page.getByTestId('stage-select').locator('.ant-segmented-item').nth(n - 1);
    await stageTab(owner, 1).click();
    const first = owner.getByTestId('items-table').getByTestId('item-row').first();
    await first.getByTestId('action-complete').click();
    await owner.getByTestId('executed-on-input').fill('2026-03-16');
    await owner.getByTestId('mark-comment').fill('Кандидаты отобраны, список направлен в регион');
    await owner.getByTestId('comment-ok').click();
    await first.locator('[data-testid="status-tag"][data-status="done"]').waitFor();
    // the fact carries to stage 3
    await stageTab(owner, 3).click();
    await first.locator('[data-testid="status-tag"][data-status="done"]').waitFor();
    assert.equal(await first.getByTestId('executed-on').innerText(), '16.03.2026');
    assert.equal(await owner.getByTestId('items-table').locator('[data-testid="action-confirm"]').count(), 0, 'the owner cannot confirm');
    await screenshot(owner, 'rm-07-done-carried');
    await owner.context().close();

    // ---- the regional coordinator confirms it from stage 3; it counts at stages 1 and 3 ----
    const reviewer = await newPage(e2e.browser);
    await login(reviewer, e2e.server.url, 'region57');
    await reviewer.getByTestId('cabinet').waitFor();
    await openMonitoring(reviewer);
    assert.equal(await monitoringPercent(reviewer, roadmapId, 3), 0);
    await reviewer.getByTestId('monitoring-table').locator(`a[data-testid="monitoring-roadmap-link"][href="/roadmaps/${roadmapId}"]`).click();
    await reviewer.getByTestId('stage-select').waitFor();
    await stageTab(reviewer, 3).click();
    const row = reviewer.getByTestId('items-table').getByTestId('item-row').first();
    await row.getByTestId('action-confirm').click();
    await row.locator('[data-testid="status-tag"][data-status="confirmed"]').waitFor();
    await reviewer.locator('[data-testid="stage-card"] [data-testid="figure-confirmed"]', { hasText: '1' }).waitFor();
    // the figure opens the activity behind it
    await reviewer.getByTestId('stage-card').getByTestId('figure-confirmed').click();
    await reviewer.getByTestId('figure-item').first().waitFor();
    assert.equal(await reviewer.getByTestId('figure-item').count(), 1);
    await screenshot(reviewer, 'rm-08-confirmed-list');
    await reviewer.keyboard.press('Escape');
    await stageTab(reviewer, 1).click();
    await reviewer.locator('[data-testid="stage-card"] [data-testid="figure-confirmed"]', { hasText: '1' }).waitFor();

    await openMonitoring(reviewer);
    const percentAfter = await monitoringPercent(reviewer, roadmapId, 3);
    assert.ok(percentAfter !== null && percentAfter > 0, `the stage-3 percentage went up (${percentAfter})`);
    await screenshot(reviewer, 'rm-09-monitoring-after');
    await reviewer.context().close();
  });
});
