// Browser test of stage reports bottom-up: the municipality submits its stage report, the region returns it with a
// reason, the municipality sees the reason and submits again, the region accepts it; the cabinet lists the report
// waiting for the region.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { login, newPage, screenshot, useE2e } from './support.js';

const kromyRow = (page: Page) => page.locator('[data-testid="report-row"][data-territory="Кромской район"]');
const statusOf = async (page: Page) => kromyRow(page).getByTestId('report-status').getAttribute('data-status');

async function openReports(page: Page) {
  await page.getByTestId('main-menu').getByText('Мониторинг').click();
  await page.getByTestId('stage-reports-link').click();
  await page.getByTestId('stage-reports-page').waitFor();
  await kromyRow(page).waitFor();
}

describe('stage reports in the browser', () => {
  const e2e = useE2e();

  test('municipality submits, region returns with a reason, municipality resubmits, region accepts', async () => {
    const mo = await newPage(e2e.browser);
    await login(mo, e2e.server.url, 'mo-kromy');
    await mo.getByTestId('cabinet').waitFor();
    await openReports(mo);
    assert.equal(await statusOf(mo), 'not_submitted');
    await screenshot(mo, 'sr-01-to-submit');
    await kromyRow(mo).getByTestId('report-submit').click();
    await kromyRow(mo).locator('[data-testid="report-status"][data-status="submitted"]').waitFor();

    const region = await newPage(e2e.browser);
    await login(region, e2e.server.url, 'region57');
    await region.getByTestId('cabinet').waitFor();
    // the inbox says a report waits
    await region.locator('[data-testid="next-step"][data-key="reports-to-review"]').waitFor();
    await openReports(region);
    assert.equal(await statusOf(region), 'submitted');
    await kromyRow(region).getByTestId('report-return').click();
    await region.getByTestId('report-return-reason').fill('Не приложены протоколы совещаний');
    await region.getByTestId('report-return-ok').click();
    await kromyRow(region).locator('[data-testid="report-status"][data-status="returned"]').waitFor();
    await screenshot(region, 'sr-02-returned');

    await mo.reload();
    await kromyRow(mo).locator('[data-testid="report-status"][data-status="returned"]').waitFor();
    assert.match(await kromyRow(mo).innerText(), /Не приложены протоколы совещаний/);
    await kromyRow(mo).getByTestId('report-submit').click();
    await kromyRow(mo).locator('[data-testid="report-status"][data-status="submitted"]').waitFor();
    await screenshot(mo, 'sr-03-resubmitted');

    await region.reload();
    await kromyRow(region).locator('[data-testid="report-status"][data-status="submitted"]').waitFor();
    await kromyRow(region).getByTestId('report-accept').click();
    await kromyRow(region).locator('[data-testid="report-status"][data-status="accepted"]').waitFor();
    // the report keeps its history
    await kromyRow(region).locator('a').first().click();
    await region.getByTestId('report-drawer').waitFor();
    const drawer = await region.getByTestId('report-drawer').innerText();
    assert.match(drawer, /Возвращён на доработку .*Не приложены протоколы совещаний/);
    assert.match(drawer, /Принят/);
    await screenshot(region, 'sr-04-accepted-history');
    await mo.context().close();
    await region.context().close();
  });
});
