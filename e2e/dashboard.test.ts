// Browser test of the dashboard: the regional coordinator opens on the region's dashboard in the cabinet, drills down
// to a municipality and a school (breadcrumbs, shareable URL), goes back up and downloads the stage report — built as a
// background run (a job worker runs beside the server) with a progress bar, then downloaded.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { login, newPage, screenshot, useE2e } from './support.js';

describe('dashboard in the browser', () => {
  const e2e = useE2e({ worker: true });

  test('region → municipality → school and back, then the stage report', async () => {
    const page = await newPage(e2e.browser);
    await login(page, e2e.server.url, 'region57');
    await page.getByTestId('cabinet').waitFor();
    const dashboard = page.getByTestId('dashboard');
    await dashboard.waitFor();
    assert.equal(await dashboard.getAttribute('data-level'), 'region');
    assert.match(await page.getByTestId('dashboard-title').innerText(), /Орловская область/);
    assert.equal(await page.getByTestId('dashboard-schools').innerText(), '12');
    await page.getByTestId('indicator-surveys_complete').waitFor();
    await page.getByTestId('children-chart').waitFor();
    await screenshot(page, 'dash-01-region');

    // drill down: the municipality
    await page.getByTestId('children-table').getByRole('link', { name: 'Кромской район' }).click();
    await page.waitForURL(/\/dashboard\?regionId=\d+&municipalityId=\d+$/);
    await page.locator('[data-testid="dashboard"][data-level="municipality"]').waitFor();
    assert.match(await page.getByTestId('dashboard-breadcrumbs').innerText(), /Орловская область\s*\/\s*Кромской район/);
    assert.equal(await page.getByTestId('children-table').getByTestId('child-link').count(), 4);
    await screenshot(page, 'dash-02-municipality');

    // … and a school
    await page.getByTestId('children-table').getByRole('link', { name: 'МБОУ «Кромская СОШ №1»' }).click();
    await page.waitForURL(/schoolId=\d+/);
    await page.locator('[data-testid="dashboard"][data-level="school"]').waitFor();
    const crumbs = await page.getByTestId('dashboard-breadcrumbs').innerText();
    assert.match(crumbs, /Орловская область\s*\/\s*Кромской район\s*\/\s*МБОУ «Кромская СОШ №1»/);
    await page.getByTestId('school-documents').waitFor();
    await page.getByTestId('school-pdf').waitFor();
    await screenshot(page, 'dash-03-school');

    // the shared URL opens the same school
    const shared = await newPage(e2e.browser);
    await login(shared, e2e.server.url, 'region57');
    await shared.getByTestId('cabinet').waitFor();
    await shared.goto(page.url());
    await shared.locator('[data-testid="dashboard"][data-level="school"]').waitFor();
    await shared.close();

    // back up by the breadcrumbs to the region
    await page.getByTestId('dashboard-breadcrumbs').getByRole('link', { name: 'Кромской район' }).click();
    await page.locator('[data-testid="dashboard"][data-level="municipality"]').waitFor();
    await page.getByTestId('dashboard-breadcrumbs').getByRole('link', { name: 'Орловская область' }).click();
    await page.locator('[data-testid="dashboard"][data-level="region"]').waitFor();

    // the stage report of the region, XLSX and DOCX (both ZIP containers: «PK»)
    for (const format of ['xlsx', 'docx'] as const) {
      const downloading = page.waitForEvent('download', { timeout: 60_000 });
      await page.getByTestId(`stage-report-${format}`).click();
      await page.getByTestId('report-progress').waitFor();
      const download = await downloading;
      assert.match(download.suggestedFilename(), new RegExp(`^Отчёт этапа \\d — Орловская область\\.${format}$`));
      const path = await download.path();
      const head = readFileSync(path).subarray(0, 4);
      assert.deepEqual([...head], [0x50, 0x4b, 0x03, 0x04], `${format} starts with a ZIP header`);
      if (format === 'xlsx') assert.ok(readFileSync(path).includes('xl/worksheets/sheet1.xml'));
      else assert.ok(readFileSync(path).includes('word/document.xml'));
    }
    await screenshot(page, 'dash-04-downloaded');
  });
});
