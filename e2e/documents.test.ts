// Browser test of school documents and curator visits: the school uploads its development concept and submits it;
// the curator returns it with a comment; the school sees the comment, uploads a new version and resubmits; the
// curator confirms, and the municipal coordinator's overview share for concepts goes up. Then the curator records a
// first visit and the coordinator's «школ посещены кураторами» share goes up.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { cycles, riskDirections, schools } from '../server/db/schema.js';
import { login, newPage, screenshot, useE2e } from './support.js';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
const RETURN_COMMENT = 'Добавьте раздел о работе с родителями и подпись директора';

async function conceptShare(page: Page): Promise<number> {
  const cell = page.getByTestId('kind-share-concept');
  await cell.waitFor();
  return Number((await cell.getAttribute('data-share')) || '0');
}

async function visitShare(page: Page): Promise<number> {
  const card = page.getByTestId('visit-share');
  await card.waitFor();
  return Number((await card.getAttribute('data-share')) || '0');
}

/** An antd InputNumber's <input> (the test id lands on the input or on its wrapper, depending on the version). */
function numberInput(page: Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

async function openMenu(page: Page, label: string) {
  await page.getByTestId('main-menu').getByText(label, { exact: true }).click();
}

describe('school documents and visits in the browser', () => {
  const e2e = useE2e();

  test('upload, submit, return with a comment, resubmit, confirm; the overview share changes', async () => {
    // ---- the municipal coordinator's overview before ----
    const coordinator = await newPage(e2e.browser);
    await login(coordinator, e2e.server.url, 'mo-kromy');
    await coordinator.getByTestId('cabinet').waitFor();
    await openMenu(coordinator, 'Документы');
    await coordinator.getByTestId('documents-schools-table').locator('.ant-table-row').first().waitFor();
    const shareBefore = await conceptShare(coordinator);
    assert.equal(shareBefore, 0, 'no concept is confirmed yet');
    await screenshot(coordinator, 'doc-01-overview-before');

    // ---- the school uploads its concept and submits it ----
    const school = await newPage(e2e.browser);
    await login(school, e2e.server.url, 'school1');
    await school.getByTestId('cabinet').waitFor();
    await openMenu(school, 'Документы');
    await school.getByTestId('checklist-page').waitFor();
    const schoolId = Number(await school.getByTestId('checklist-page').getAttribute('data-school-id'));
    assert.ok(schoolId > 0);
    const concept = school.locator('[data-testid="slot"][data-slot="concept"]');
    await concept.waitFor();
    assert.equal(await concept.getAttribute('data-status'), '', 'nothing uploaded yet');
    assert.match(await concept.innerText(), /PDF, DOCX, XLSX, ODT, JPG, PNG — до 20 МБ/);
    await screenshot(school, 'doc-02-school-checklist-empty');

    await concept.locator('input[type="file"]').setInputFiles({ name: 'Концепция развития.pdf', mimeType: 'application/pdf', buffer: pdf('v1') });
    await concept.locator('[data-testid="latest-version"][data-number="1"]').waitFor();
    assert.equal(await concept.getAttribute('data-status'), 'draft');
    assert.match(await concept.getByTestId('latest-version').innerText(), /Концепция развития\.pdf/);
    await concept.getByTestId('doc-action-submit').click();
    await school.locator('[data-testid="slot"][data-slot="concept"][data-status="submitted"]').waitFor();
    assert.equal(await concept.getByTestId('slot-upload').count(), 0, 'no upload while the curator checks it');
    await screenshot(school, 'doc-03-school-submitted');

    // a file of a wrong type is refused with a Russian message
    const midterm = school.locator('[data-testid="slot"][data-slot="midterm_programme"]');
    await midterm.locator('input[type="file"]').setInputFiles({ name: 'программа.pdf', mimeType: 'application/pdf', buffer: Buffer.from('просто текст, не PDF') });
    await midterm.getByTestId('upload-error').waitFor();
    assert.match(await midterm.getByTestId('upload-error').innerText(), /Файл не загружен: .*не принимается/);
    assert.equal(await midterm.getAttribute('data-status'), '', 'the refused upload created nothing');
    await screenshot(school, 'doc-04-school-upload-refused');

    // ---- the curator returns it with a comment ----
    const curator = await newPage(e2e.browser);
    await login(curator, e2e.server.url, 'curator1');
    await curator.getByTestId('cabinet').waitFor();
    await openMenu(curator, 'Документы');
    await curator.getByTestId('curator-waiting').waitFor();
    assert.match(await curator.getByTestId('curator-waiting').innerText(), /Ждут вашего решения: 1 документ/);
    await screenshot(curator, 'doc-05-curator-queue');
    await curator.getByTestId('school-link').first().click();
    const review = curator.locator('[data-testid="slot"][data-slot="concept"]');
    await review.getByTestId('doc-action-return').waitFor();
    assert.equal(await review.getByTestId('slot-upload').count(), 0, 'the curator does not upload');
    await review.getByTestId('doc-action-return').click();
    await curator.getByTestId('comment-ok').click();
    await curator.getByText('Напишите, что нужно доработать').waitFor();
    await curator.getByTestId('review-comment').fill(RETURN_COMMENT);
    await screenshot(curator, 'doc-06-curator-return-dialog');
    await curator.getByTestId('comment-ok').click();
    await curator.locator('[data-testid="slot"][data-slot="concept"][data-status="returned"]').waitFor();
    await screenshot(curator, 'doc-07-curator-returned');

    // ---- the school sees the comment, uploads a new version, resubmits ----
    await school.reload();
    const returned = school.locator('[data-testid="slot"][data-slot="concept"][data-status="returned"]');
    await returned.waitFor();
    assert.match(await returned.getByTestId('return-comment').innerText(), new RegExp(RETURN_COMMENT));
    await screenshot(school, 'doc-08-school-sees-comment');
    await returned.locator('input[type="file"]').setInputFiles({ name: 'Концепция развития (исправленная).pdf', mimeType: 'application/pdf', buffer: pdf('v2') });
    await returned.locator('[data-testid="latest-version"][data-number="2"]').waitFor();
    assert.match(await returned.getByTestId('latest-version').innerText(), /исправленная/);
    await returned.getByTestId('doc-action-submit').click();
    await school.locator('[data-testid="slot"][data-slot="concept"][data-status="submitted"]').waitFor();
    await concept.getByText(/История \(\d+\)/).click();
    await concept.getByTestId('event').first().waitFor();
    assert.ok((await concept.getByTestId('event').count()) >= 3, 'submit, return, submit are in the history');
    assert.match(await concept.getByTestId('events').innerText(), new RegExp(RETURN_COMMENT));
    await school.waitForTimeout(400); // the history panel's opening animation
    await screenshot(school, 'doc-09-school-resubmitted');

    // ---- the curator confirms ----
    await curator.reload();
    const again = curator.locator('[data-testid="slot"][data-slot="concept"][data-status="submitted"]');
    await again.getByTestId('doc-action-confirm').click();
    await curator.locator('[data-testid="slot"][data-slot="concept"][data-status="confirmed"][data-state="confirmed"]').waitFor();
    assert.ok(Number(await curator.getByTestId('school-progress').getAttribute('data-share')) > 0, 'the school progress went up');
    await screenshot(curator, 'doc-10-curator-confirmed');

    // ---- the coordinator's share changed ----
    await coordinator.reload();
    await coordinator.getByTestId('documents-schools-table').locator('.ant-table-row').first().waitFor();
    const shareAfter = await conceptShare(coordinator);
    assert.ok(shareAfter > shareBefore, `the concept share went up (${shareBefore} → ${shareAfter})`);
    await screenshot(coordinator, 'doc-11-overview-after');
    await coordinator.locator(`a[data-testid="school-link"][href^="/documents/schools/${schoolId}?"]`).click();
    await coordinator.locator('[data-testid="slot"][data-slot="concept"][data-status="confirmed"]').waitFor();
    assert.equal(await coordinator.getByTestId('doc-action-reopen').count(), 0, 'the coordinator only reads');
    await screenshot(coordinator, 'doc-12-coordinator-school');

    // ---- visits: the curator records a first visit, the coordinator's share goes up ----
    await openMenu(coordinator, 'Посещения');
    const visitsBefore = await visitShare(coordinator);
    await screenshot(coordinator, 'doc-13-visits-before');

    await openMenu(curator, 'Посещения');
    await curator.getByTestId('visits-table').locator('.ant-table-row').first().waitFor();
    await curator.getByTestId('record-visit').first().click();
    await curator.getByTestId('visit-notes').fill('Знакомство с администрацией, обсудили антирисковые программы');
    await screenshot(curator, 'doc-14-curator-visit-modal');
    await curator.getByTestId('visit-ok').click();
    await curator.getByTestId('first-visit').first().waitFor();
    assert.ok((await visitShare(curator)) > 0);
    await screenshot(curator, 'doc-15-curator-visited');

    await coordinator.reload();
    await coordinator.getByTestId('visits-table').locator('.ant-table-row').first().waitFor();
    const visitsAfter = await visitShare(coordinator);
    assert.ok(visitsAfter > visitsBefore, `the visited share went up (${visitsBefore} → ${visitsAfter})`);
    await screenshot(coordinator, 'doc-16-visits-after');

    for (const page of [coordinator, school, curator]) await page.context().close();
  });
  test('anti-risk programme: checked before submitting, a stale save keeps the unsaved text, then submitted', async () => {
    // the school's risk direction is activated (as the risk-profile module would do)
    const db = e2e.server.database.db;
    const [cycle] = await db.select({ id: cycles.id }).from(cycles).where(eq(cycles.status, 'active'));
    const [school1] = await db.select({ id: schools.id }).from(schools).where(eq(schools.shortName, 'МБОУ «Кромская СОШ №1»'));
    assert.ok(cycle && school1);
    await db.insert(riskDirections).values({ cycleId: cycle.id, schoolId: school1.id, factorCode: 'low_motivation' }).onConflictDoNothing();

    const page = await newPage(e2e.browser);
    await login(page, e2e.server.url, 'school1');
    await page.getByTestId('cabinet').waitFor();
    await openMenu(page, 'Документы');
    const slot = page.locator('[data-testid="slot"][data-slot="antirisk_programme:low_motivation"]');
    await slot.waitFor();
    await slot.getByTestId('programme-link').click();
    await page.getByTestId('programme-editor').waitFor();

    // submitting an empty programme is stopped in the browser, with the reasons at the fields
    await page.getByTestId('programme-submit').click();
    await page.getByTestId('programme-error').waitFor();
    assert.ok((await page.getByTestId('field-error').count()) + (await page.getByTestId('list-error').count()) >= 4);
    await screenshot(page, 'doc-20-programme-empty-submit');

    await page.getByTestId('programme-goal').fill('Повысить учебную мотивацию обучающихся 5–9 классов');
    await page.getByTestId('add-task').click();
    await page.getByTestId('programme-task').first().fill('Вовлечь обучающихся во внеурочные проекты');
    await page.getByTestId('add-measure').click();
    await page.getByTestId('measure-title').first().fill('Школьный проектный фестиваль');
    await page.getByTestId('measure-timing').first().fill('ежегодно, апрель');
    await page.getByTestId('measure-responsible').first().fill('Заместитель директора по УВР');
    await page.getByTestId('add-indicator').click();
    await page.getByTestId('indicator-name').first().fill('Доля обучающихся, участвующих в проектах');
    await page.getByTestId('indicator-unit').first().fill('%');
    await numberInput(page, 'indicator-baseline').fill('20');
    await numberInput(page, 'indicator-target').fill('10');
    await page.getByTestId('programme-submit').click();
    await page.getByText('Показатель должен расти: целевое значение не может быть меньше базового').waitFor();
    await numberInput(page, 'indicator-target').fill('45');
    await page.getByTestId('programme-save').click();
    await page.locator('[data-testid="programme-dirty"][data-dirty="false"]').waitFor();
    assert.equal(await page.getByTestId('programme-editor').getAttribute('data-version'), '1');
    await screenshot(page, 'doc-21-programme-saved');

    // someone else (another window) saves first; this window's save is refused and its text stays visible
    const other = await newPage(e2e.browser);
    await login(other, e2e.server.url, 'school1');
    await other.getByTestId('cabinet').waitFor();
    await other.goto(page.url());
    await other.getByTestId('programme-goal').fill('Цель из другого окна');
    await other.getByTestId('programme-save').click();
    await other.locator('[data-testid="programme-dirty"][data-dirty="false"]').waitFor();
    await other.context().close();

    await page.getByTestId('programme-goal').fill('Моя несохранённая цель');
    await page.getByTestId('programme-save').click();
    await page.getByTestId('programme-conflict').waitFor();
    assert.match(await page.getByTestId('programme-conflict').innerText(), /Программу уже сохранил\(а\)/);
    assert.match(await page.getByTestId('my-unsaved-text').inputValue(), /Моя несохранённая цель/);
    await screenshot(page, 'doc-22-programme-conflict');
    await page.getByTestId('reload-programme').click();
    await page.getByTestId('kept-unsaved').waitFor();
    assert.equal(await page.getByTestId('programme-goal').inputValue(), 'Цель из другого окна');
    assert.match(await page.getByTestId('kept-unsaved-text').inputValue(), /Моя несохранённая цель/);
    await screenshot(page, 'doc-23-programme-reloaded');

    await page.getByTestId('programme-submit').click();
    await page.getByTestId('checklist-page').waitFor();
    await page.locator('[data-testid="slot"][data-slot="antirisk_programme:low_motivation"][data-status="submitted"]').waitFor();
    await screenshot(page, 'doc-24-programme-submitted');
    await page.context().close();
  });
  test('expertise: the federal coordinator draws a sample and assigns the expert; the expert completes; the school sees the result', async () => {
    const fed = await newPage(e2e.browser);
    await login(fed, e2e.server.url, 'fed');
    await fed.getByTestId('cabinet').waitFor();
    await openMenu(fed, 'Экспертиза');
    await fed.getByTestId('expertise-page').waitFor();
    await fed.getByTestId('draw-sample').click();
    await fed.getByLabel('Зерно (необязательно)').fill('e2e-2026');
    await screenshot(fed, 'doc-30-draw-sample');
    await fed.getByRole('button', { name: 'Составить', exact: true }).click();
    assert.equal(await fed.getByTestId('drawn-seed').innerText(), 'e2e-2026');
    await screenshot(fed, 'doc-31-sample-drawn');
    await fed.getByRole('button', { name: 'Открыть выборку' }).click();
    await fed.getByTestId('sample-page').waitFor();
    const rows = fed.getByTestId('reviews-table').locator('.ant-table-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1, '10% of 12 schools is one school');
    await rows.first().locator('input[type="checkbox"]').check();
    await fed.getByTestId('expert-select').click();
    await fed.locator('.ant-select-item-option').filter({ hasText: '(expert)' }).click();
    await fed.getByTestId('assign-expert').click();
    await rows.first().getByText('Эксперт федеральной экспертизы').waitFor();
    await screenshot(fed, 'doc-32-expert-assigned');
    const schoolName = await rows.first().getByTestId('review-link').innerText();

    const expert = await newPage(e2e.browser);
    await login(expert, e2e.server.url, 'expert');
    await expert.getByTestId('cabinet').waitFor();
    await openMenu(expert, 'Экспертиза');
    await expert.getByTestId('review-link').first().click();
    await expert.getByTestId('review-form').waitFor();
    await expert.getByTestId('review-start').click();
    await expert.locator('[data-testid="review-form"][data-status="in_progress"]').waitFor();
    // completing without marks is stopped in the browser
    await expert.getByTestId('review-complete').click();
    await expert.getByText(/Оцените критерий/).first().waitFor();
    const marks = expert.locator('[data-testid^="mark-"]');
    for (let i = 0; i < (await marks.count()); i += 1) await marks.nth(i).getByText('да', { exact: true }).click();
    await expert.getByText(/По оценкам подходит: «соответствует»/).waitFor();
    await expert.getByTestId('conclusion').getByText('соответствует', { exact: true }).click();
    await expert.getByTestId('review-comment-text').fill('Программа соответствует выявленным рискам');
    await screenshot(expert, 'doc-33-expert-form');
    await expert.getByTestId('review-complete').click();
    await expert.locator('[data-testid="review-form"][data-status="completed"]').waitFor();
    await screenshot(expert, 'doc-34-expert-completed');
    await expert.context().close();

    // the result is on the school's checklist
    await openMenu(fed, 'Документы');
    await fed.getByTestId('documents-schools-table').getByText(schoolName, { exact: true }).click();
    await fed.getByTestId('expertise-results').waitFor();
    assert.match(await fed.getByTestId('expertise-results').innerText(), /соответствует[\s\S]*Программа соответствует выявленным рискам/);
    await screenshot(fed, 'doc-35-school-expertise-result');
    await fed.context().close();
  });
});
