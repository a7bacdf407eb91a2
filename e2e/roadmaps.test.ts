// Browser test of roadmaps: a municipal coordinator imports an order (pasted text), fixes a flagged
// timing cell, saves, marks two activities done; the regional coordinator confirms them and the
// monitoring percentage goes up.
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

  test('import an order, fix a flagged cell, save, mark done, confirm, see monitoring change', async () => {
    // ---- the municipal coordinator imports the order ----
    const owner = await newPage(e2e.browser);
    await login(owner, e2e.server.url, 'mo-kromy');
    await owner.getByTestId('cabinet').waitFor();
    await owner.getByTestId('main-menu').getByText('Дорожные карты').click();
    await owner.getByTestId('roadmaps-page').waitFor();
    await screenshot(owner, 'rm-01-empty-list');
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
    const countBefore = Number(await owner.getByTestId('flagged-count').innerText());
    await row9.scrollIntoViewIfNeeded();
    await screenshot(owner, 'rm-02-import-preview-flagged');

    await timing9.locator('textarea').fill('Сентябрь-ноябрь 2022 г.');
    await row9.locator('[data-testid="cell-timingText"][data-flagged="false"]').waitFor();
    assert.equal(await timing9.getAttribute('data-flagged'), 'false', 'the fixed cell is no longer highlighted');
    assert.match(await timing9.getByTestId('timing-parsed').innerText(), /сентябрь–ноябрь 2022/);
    assert.equal(await flaggedTimings.count(), flaggedBefore - 1);
    assert.equal(Number(await owner.getByTestId('flagged-count').innerText()), countBefore - 1);
    await screenshot(owner, 'rm-03-import-preview-fixed');

    await owner.getByTestId('save-roadmap').click();
    await owner.getByTestId('roadmap-page').waitFor();
    const roadmapId = Number(await owner.getByTestId('roadmap-page').getAttribute('data-roadmap-id'));
    assert.ok(roadmapId > 0);
    assert.equal(await owner.getByTestId('roadmap-territory').innerText(), 'Кромской район');
    const itemRows = owner.getByTestId('items-table').getByTestId('item-row');
    assert.equal(await itemRows.count(), 15);
    assert.match(await owner.getByTestId('order-details').innerText(), /№ 101 от 10\.03\.2022/);
    await screenshot(owner, 'rm-04-roadmap-page');

    // Monitoring before anything is confirmed.
    await openMonitoring(owner);
    const stageNumbers = await owner
      .getByTestId('monitoring-table')
      .locator(`[data-testid^="stage-percent-${roadmapId}-"]`)
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-testid')?.split('-').pop())));
    assert.ok(stageNumbers.length > 0, 'the monitoring table has stage columns');
    const lastStage = Math.max(...stageNumbers);
    const percentBefore = await monitoringPercent(owner, roadmapId, lastStage);
    assert.equal(percentBefore, 0, 'nothing is confirmed yet');
    await screenshot(owner, 'rm-05-monitoring-before');

    // ---- the owner marks two activities done at the last stage ----
    await owner.goto(`${e2e.server.url}/roadmaps/${roadmapId}`);
    await owner.getByTestId('stage-select').waitFor();
    await owner.getByTestId('stage-select').locator('.ant-segmented-item').last().click();
    for (const index of [0, 1]) {
      const row = owner.getByTestId('items-table').getByTestId('item-row').nth(index);
      await row.getByTestId('action-complete').click();
      await owner.getByTestId('mark-comment').fill(index === 0 ? 'Кандидаты отобраны, список направлен в регион' : '');
      await owner.getByTestId('comment-ok').click();
      await row.locator('[data-testid="status-tag"][data-status="done"]').waitFor();
    }
    assert.match(await owner.getByTestId('items-table').getByTestId('item-row').first().innerText(), /Кандидаты отобраны/);
    assert.equal(await owner.getByTestId('items-table').locator('[data-testid="action-confirm"]').count(), 0, 'the owner cannot confirm');
    await screenshot(owner, 'rm-06-owner-marked-done');
    await owner.context().close();

    // ---- the regional coordinator confirms them ----
    const reviewer = await newPage(e2e.browser);
    await login(reviewer, e2e.server.url, 'region57');
    await reviewer.getByTestId('cabinet').waitFor();
    await openMonitoring(reviewer);
    assert.equal(await monitoringPercent(reviewer, roadmapId, lastStage), 0);
    await reviewer.getByTestId('monitoring-table').locator(`a[data-testid="monitoring-roadmap-link"][href="/roadmaps/${roadmapId}"]`).click();
    await reviewer.getByTestId('stage-select').waitFor();
    await reviewer.getByTestId('stage-select').locator('.ant-segmented-item').last().click();
    const stagePercent = reviewer.getByTestId('stage-card').getByTestId('stage-percent');
    const onPageBefore = Number((await stagePercent.getAttribute('data-percent')) || '0');
    const confirmButtons = reviewer.getByTestId('items-table').getByTestId('action-confirm');
    assert.equal(await confirmButtons.count(), 2, 'two activities wait for confirmation');
    for (const index of [0, 1]) {
      const row = reviewer.getByTestId('items-table').getByTestId('item-row').nth(index);
      await row.getByTestId('action-confirm').click();
      await row.locator('[data-testid="status-tag"][data-status="confirmed"]').waitFor();
    }
    await reviewer.waitForFunction(
      (before) => Number(document.querySelector('[data-testid="stage-card"] [data-testid="stage-percent"]')?.getAttribute('data-percent') || '0') > before,
      onPageBefore,
    );
    assert.match(await stagePercent.innerText(), /Исполнено и подтверждено: 2 из \d+/);
    await screenshot(reviewer, 'rm-07-reviewer-confirmed');

    await openMonitoring(reviewer);
    const percentAfter = await monitoringPercent(reviewer, roadmapId, lastStage);
    assert.ok(percentAfter !== null && percentAfter > 0, `the monitoring percentage went up (${percentAfter})`);
    await screenshot(reviewer, 'rm-08-monitoring-after');
    await reviewer.context().close();
  });
});
