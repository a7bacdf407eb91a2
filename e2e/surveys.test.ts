// Browser test of questionnaires and risk profiles: the regional coordinator opens a campaign through the UI,
// a school enters its numbers and reads its teacher code; on a phone (375×667) a teacher opens the link, answers
// part of the questionnaire, reloads (the answers are still there), completes and sees the thank-you; the
// coordinator closes the campaign (profiles are computed), the curator confirms the profile and the school sees
// the chart and the table of the ten factors and chooses its directions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { login, newPage, screenshot, useE2e } from './support.js';

/** Today in Moscow, 'YYYY-MM-DD' (campaign windows are Moscow dates). */
function moscowDay(offsetDays = 0): string {
  return new Date(Date.now() + 3 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    locale: 'ru-RU',
    viewport: { width: 375, height: 667 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** No horizontal scroll, and no button, field, link or question sticking out of the screen (even if clipped). */
async function assertNoHorizontalScroll(page: Page, where: string) {
  const { scroll, width, outside } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
    outside: [...document.querySelectorAll('button, input, textarea, a, .sd-question, .ant-result-title')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
      })
      .map((e) => `${e.tagName}.${e.className} «${(e as HTMLElement).innerText?.slice(0, 40) ?? ''}»`),
  }));
  assert.ok(scroll <= width, `${where}: no horizontal scroll (content ${scroll}px, screen ${width}px)`);
  assert.deepEqual(outside, [], `${where}: everything fits the screen`);
}

/** Whether a question shows an answer: a checked option, a selected rating, or a filled dropdown (ratings on a phone). */
async function isAnswered(q: Locator): Promise<boolean> {
  if ((await q.locator('.sd-item--checked, .sd-rating__item--selected').count()) > 0) return true;
  return (await q.locator('.sd-dropdown').count()) > 0 && (await q.locator('.sd-dropdown--empty').count()) === 0;
}

/** Answers every unanswered question on the survey's current page with its first option; returns how many. */
async function answerCurrentPage(page: Page, limit = Infinity): Promise<number> {
  const questions = page.locator('.sd-page .sd-question');
  const n = await questions.count();
  let answered = 0;
  for (let i = 0; i < n && answered < limit; i++) {
    const q = questions.nth(i);
    if (await isAnswered(q)) continue;
    await q.scrollIntoViewIfNeeded();
    if ((await q.locator('.sd-rating__item').count()) > 0) {
      await q.locator('.sd-rating__item').first().click();
    } else if ((await q.locator('.sd-item').count()) > 0) {
      await q.locator('.sd-item').first().locator('label').first().click();
    } else if ((await q.locator('.sd-dropdown').count()) > 0) {
      await q.locator('.sd-dropdown').first().click();
      await page.locator('.sd-selectlist__item:visible').first().click();
    } else {
      continue;
    }
    answered++;
  }
  return answered;
}

async function answeredOnPage(page: Page): Promise<number> {
  const questions = page.locator('.sd-page .sd-question');
  let n = 0;
  for (let i = 0; i < (await questions.count()); i++) if (await isAnswered(questions.nth(i))) n++;
  return n;
}

describe('questionnaires and risk profiles in the browser', () => {
  const e2e = useE2e();

  test('open a campaign, answer on a phone with a reload in between, close, see the school profile', async () => {
    // ---- the regional coordinator opens a campaign through the UI ----
    const coordinator = await newPage(e2e.browser);
    await login(coordinator, e2e.server.url, 'region57');
    await coordinator.getByTestId('cabinet').waitFor();
    await coordinator.getByTestId('main-menu').getByText('Анкетирование').click();
    await coordinator.getByTestId('surveys-page').waitFor();
    await coordinator.getByTestId('campaign-create-button').click();
    await coordinator.getByTestId('campaign-create-page').waitFor();
    await coordinator.getByTestId('campaign-title').fill('Анкетирование школ Орловской области 2026');
    // a window that ends before it starts is refused next to the field
    await coordinator.getByTestId('campaign-opens').fill(moscowDay());
    await coordinator.getByTestId('campaign-closes').fill(moscowDay(-1));
    await coordinator.getByTestId('campaign-save').click();
    await coordinator.getByText('Дата окончания не может быть раньше даты начала').waitFor();
    await coordinator.getByTestId('campaign-closes').fill(moscowDay(30));
    await screenshot(coordinator, 'sv-01-create-campaign');
    await coordinator.getByTestId('campaign-save').click();
    await coordinator.getByTestId('campaign-page').waitFor();
    const campaignId = Number(await coordinator.getByTestId('campaign-page').getAttribute('data-campaign-id'));
    assert.ok(campaignId > 0);
    assert.equal(await coordinator.getByTestId('campaign-status').getAttribute('data-status'), 'open');
    assert.equal(await coordinator.getByTestId('campaign-schools').getByTestId('school-row').count(), 12, 'the 12 schools of the region');
    assert.match(await coordinator.getByTestId('completion-share').innerText(), /0% школ завершили анкетирование/);
    await screenshot(coordinator, 'sv-02-campaign-page');

    // ---- the school enters its numbers and reads its teacher code ----
    const school = await newPage(e2e.browser);
    await login(school, e2e.server.url, 'school1');
    await school.getByTestId('cabinet').waitFor();
    await school.getByTestId('main-menu').getByText('Анкетирование').click();
    await school.getByTestId('school-campaign-page').waitFor();
    assert.equal(Number(await school.getByTestId('school-campaign-page').getAttribute('data-campaign-id')), campaignId);
    const schoolId = Number(await school.getByTestId('school-campaign-page').getAttribute('data-school-id'));
    await school.getByTestId('facts-teachers').fill('2');
    await school.getByTestId('facts-students6').fill('3');
    await school.getByTestId('facts-students9').fill('4');
    await school.getByTestId('facts-save').click();
    await school.getByText('Численность сохранена').waitFor();
    const teacherCard = school.getByTestId('link-card-teachers');
    await teacherCard.locator('[data-testid="link-received"][data-expected="2"]').waitFor();
    const teacherUrl = (await teacherCard.getAttribute('data-url')) ?? '';
    const teacherCode = (await teacherCard.getAttribute('data-code')) ?? '';
    assert.match(teacherCode, /^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    assert.equal(teacherUrl, `${e2e.server.url}/s/${teacherCode}`);
    assert.equal(await school.getByTestId('links-card').locator('[data-testid^="link-card-"]').count(), 5, 'a code per school questionnaire');
    await screenshot(school, 'sv-03-school-codes');
    await school.getByTestId('print-button').click();
    await school.getByTestId('print-page').waitFor();
    await school.getByTestId('leaflet-teachers').getByTestId('leaflet-qr').waitFor();
    assert.equal(await school.getByTestId('leaflet-teachers').getByTestId('leaflet-code').innerText(), teacherCode);
    await screenshot(school, 'sv-04-leaflet');
    await school.emulateMedia({ media: 'print' });
    assert.equal(await school.locator('.ant-layout-sider').isVisible(), false, 'the printed leaflet has no menu');
    await screenshot(school, 'sv-04b-leaflet-print');
    await school.emulateMedia({ media: 'screen' });

    // ---- a teacher answers on a phone: part, reload, the rest ----
    const phone = await phonePage(e2e.browser);
    await phone.goto(`${e2e.server.url}/s`);
    await phone.getByTestId('respond-code-input').fill(teacherCode.toLowerCase().replace(/-/g, ' '));
    await phone.getByTestId('respond-code-submit').click();
    await phone.getByTestId('respond-survey').locator('.sd-question').first().waitFor();
    assert.equal(new URL(phone.url()).pathname, `/s/${teacherCode}`, 'a typed code opens the questionnaire');
    await assertNoHorizontalScroll(phone, 'questionnaire, first page');
    await screenshot(phone, 'sv-05-phone-questionnaire');

    // page 1 in full, then «Далее», then two answers on page 2
    await answerCurrentPage(phone);
    await phone.locator('.sd-navigation__next-btn').click();
    await phone.locator('.sd-page .sd-question').first().waitFor();
    const firstTitle = async () => (await phone.locator('.sd-page .sd-question .sd-question__title').first().textContent())?.replace(/\s+/g, ' ').trim();
    const firstOnPage2 = await firstTitle();
    assert.equal(await answerCurrentPage(phone, 2), 2);
    await phone.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
    assert.equal(await answeredOnPage(phone), 2);
    await screenshot(phone, 'sv-06-phone-partly-answered');

    await phone.reload();
    await phone.getByTestId('respond-survey').locator('.sd-question').first().waitFor();
    assert.equal(
      await firstTitle(),
      firstOnPage2,
      'the reload returns to the page the teacher was on',
    );
    assert.equal(await answeredOnPage(phone), 2, 'the two answers on page 2 are restored');
    await phone.locator('.sd-navigation__prev-btn').click();
    await phone.locator('.sd-page .sd-question').first().waitFor();
    const page1Questions = await phone.locator('.sd-page .sd-question').count();
    assert.equal(await answeredOnPage(phone), page1Questions, 'all the answers of page 1 are restored');
    await phone.locator('.sd-navigation__next-btn').click();

    // the rest, page by page, then «Завершить»
    for (let guard = 0; guard < 10; guard++) {
      await phone.locator('.sd-page .sd-question').first().waitFor();
      await answerCurrentPage(phone);
      if ((await phone.locator('.sd-navigation__complete-btn').isVisible()) === true) break;
      await phone.locator('.sd-navigation__next-btn').click();
    }
    await assertNoHorizontalScroll(phone, 'questionnaire, last page');
    await phone.locator('.sd-navigation__complete-btn').click();
    await phone.getByTestId('respond-thanks').waitFor();
    await assertNoHorizontalScroll(phone, 'thank-you page');
    await screenshot(phone, 'sv-07-phone-thanks');

    // the same device opening the link again is told the questionnaire was sent
    await phone.reload();
    await phone.getByTestId('respond-already-submitted').waitFor();
    await assertNoHorizontalScroll(phone, 'already submitted');
    await phone.goto(`${e2e.server.url}/s/AAA-AAA-AAA`);
    await phone.getByTestId('respond-not-found').waitFor();
    await assertNoHorizontalScroll(phone, 'unknown code');
    await screenshot(phone, 'sv-08-phone-unknown-code');

    // the school sees the answer received
    await school.goto(`${e2e.server.url}/surveys/${campaignId}/schools/${schoolId}`);
    await school.getByTestId('link-card-teachers').locator('[data-testid="link-received"][data-received="1"]').waitFor();

    // ---- the coordinator closes the campaign: profiles are computed ----
    await coordinator.goto(`${e2e.server.url}/surveys/${campaignId}`);
    await coordinator.getByTestId(`received-${schoolId}-teachers`).waitFor();
    assert.equal(await coordinator.getByTestId(`received-${schoolId}-teachers`).getAttribute('data-received'), '1');
    await coordinator.getByTestId('campaign-close').click();
    await coordinator.getByTestId('confirm-close').click();
    await coordinator.locator('[data-testid="campaign-status"][data-status="closed"]').waitFor();
    await coordinator.locator(`[data-testid="school-row"][data-school-id="${schoolId}"] [data-testid="profile-link"]`).waitFor();
    await screenshot(coordinator, 'sv-09-campaign-closed');

    // answering is over for the phone too
    await phone.evaluate(() => window.localStorage.clear());
    await phone.goto(teacherUrl);
    await phone.getByTestId('respond-closed').waitFor();

    // the risk profiles list with the aggregate chart
    await coordinator.getByTestId('main-menu').getByText('Рисковые профили').click();
    await coordinator.getByTestId('aggregate-chart').waitFor();
    assert.equal(await coordinator.getByTestId('aggregate-chart').locator('[data-testid^="aggregate-"]').count(), 10);
    await screenshot(coordinator, 'sv-10-profiles-list');

    // ---- the curator confirms the profile ----
    const curator = await newPage(e2e.browser);
    await login(curator, e2e.server.url, 'curator1');
    await curator.getByTestId('cabinet').waitFor();
    await curator.getByTestId('main-menu').getByText('Рисковые профили').click();
    await curator.getByTestId('profiles-table').getByTestId('profile-link').first().click();
    await curator.getByTestId('profile-page').waitFor();
    await curator.getByTestId('verify-button').click();
    await curator.getByTestId('verify-ok').click();
    await curator.locator('[data-testid="profile-verification"][data-verification="verified"]').waitFor();
    await curator.context().close();

    // ---- the school opens its profile: chart, table, directions ----
    await school.getByTestId('main-menu').getByText('Рисковые профили').click();
    await school.getByTestId('profile-page').waitFor();
    const chart = school.getByTestId('factor-chart');
    await chart.waitFor();
    assert.equal(await chart.locator('[data-testid^="factor-bar-"]').count(), 10, 'ten factors on the chart');
    assert.equal(await school.getByTestId('factor-table').locator('tbody tr.ant-table-row').count(), 10, 'ten factors in the table');
    const levels = await chart
      .locator('[data-testid^="factor-bar-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
    assert.ok(levels.some((l) => l !== 'unknown'), 'the teacher answers give some factor a level');
    await school.getByTestId('factor-table').locator('.ant-table-row-expand-icon').first().click();
    await school.getByTestId('factor-explanation').first().waitFor();
    assert.equal(await school.getByTestId('profile-verification').getAttribute('data-verification'), 'verified');
    await school.getByTestId('activation-list').waitFor();
    await screenshot(school, 'sv-11-school-profile');
    await school.getByTestId('directions-save').click();
    await school.getByText('Направления сохранены').waitFor();
    await coordinator.context().close();
    await school.context().close();
    await phone.context().close();
  });
});
