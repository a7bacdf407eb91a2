// Browser tests of the foundation: three roles log in and see only their own territory.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { login, newPage, screenshot, useE2e } from './support.js';

describe('foundation in the browser', () => {
  const e2e = useE2e();

  test('a wrong password shows a Russian error and no cabinet', async () => {
    const page = await newPage(e2e.browser);
    await login(page, e2e.server.url, 'region57', 'wrong-password');
    await page.getByTestId('login-error').waitFor();
    assert.match(await page.getByTestId('login-error').innerText(), /Неверный логин или пароль/);
    await screenshot(page, '01-login-error');
    await page.context().close();
  });

  test('regional coordinator sees the whole region', async () => {
    const page = await newPage(e2e.browser);
    await login(page, e2e.server.url, 'region57');
    await page.getByTestId('cabinet-territory').waitFor();
    assert.equal(await page.getByTestId('cabinet-territory').innerText(), 'Орловская область');
    await screenshot(page, '02-region-cabinet');

    await page.getByTestId('main-menu').getByText('Территории и школы').click();
    const municipalities = page.getByTestId('municipalities-table').locator('.ant-table-row');
    await municipalities.first().waitFor();
    assert.deepEqual(
      (await municipalities.allInnerTexts()).map((t) => t.split('\t')[0]?.trim()).length,
      3,
    );
    await screenshot(page, '05-region-territories');

    await page.getByTestId('main-menu').getByText('Пользователи').click();
    await page.getByTestId('users-table').locator('.ant-table-row').first().waitFor();
    await screenshot(page, '06-region-users');

    await page.getByTestId('main-menu').getByText('Журнал действий').click();
    await page.getByTestId('audit-table').locator('.ant-table-row').first().waitFor();
    await screenshot(page, '07-region-audit');
    await page.context().close();
  });

  test('municipal coordinator sees only its municipality', async () => {
    const page = await newPage(e2e.browser);
    await login(page, e2e.server.url, 'mo-kromy');
    await page.getByTestId('cabinet-territory').waitFor();
    assert.equal(await page.getByTestId('cabinet-territory').innerText(), 'Кромской район');
    await screenshot(page, '03-municipal-cabinet');

    await page.getByTestId('main-menu').getByText('Территории и школы').click();
    const schools = page.getByTestId('schools-table').locator('.ant-table-row');
    await schools.first().waitFor();
    const texts = await schools.allInnerTexts();
    assert.equal(texts.length, 4);
    assert.ok(texts.every((t) => t.includes('Кромская')), texts.join(' | '));
    await screenshot(page, '08-municipal-schools');
    await page.context().close();
  });

  test('a coordinator creates an account; its one-time password must be changed at first login', async () => {
    const page = await newPage(e2e.browser);
    await login(page, e2e.server.url, 'mo-kromy');
    await page.getByTestId('cabinet-territory').waitFor();
    await page.getByTestId('main-menu').getByText('Пользователи').click();
    await page.getByTestId('users-create').click();
    await page.getByTestId('user-form-fullname').fill('Наблюдатель Тестовый');
    await page.getByTestId('user-form-role').click();
    await page.locator('.ant-select-dropdown').getByText('Наблюдатель', { exact: true }).click();
    await page.getByTestId('user-form-login').fill('observer-e2e');
    await screenshot(page, '09-user-create');
    await page.getByTestId('user-form-submit').click();
    const passwordEl = page.getByTestId('one-time-password-value');
    await passwordEl.waitFor();
    const password = (await passwordEl.innerText()).trim();
    assert.match(password, /^[A-Za-z0-9]{10}$/);
    await page.context().close();

    const fresh = await newPage(e2e.browser);
    await login(fresh, e2e.server.url, 'observer-e2e', password);
    await fresh.getByText('вы вошли с временным паролем').waitFor();
    await screenshot(fresh, '10-forced-password-change');
    await fresh.getByLabel('Текущий (временный) пароль').fill(password);
    await fresh.getByLabel('Новый пароль', { exact: true }).fill('Observer2026');
    await fresh.getByLabel('Повторите новый пароль').fill('Observer2026');
    await fresh.getByRole('button', { name: 'Сохранить пароль' }).click();
    await fresh.getByTestId('cabinet-territory').waitFor();
    assert.equal(await fresh.getByTestId('cabinet-territory').innerText(), 'Кромской район');
    await fresh.context().close();
  });

  test('a school sees its own school and its curator, and has no users menu', async () => {
    const page = await newPage(e2e.browser);
    await login(page, e2e.server.url, 'school1');
    await page.getByTestId('cabinet-territory').waitFor();
    assert.equal(await page.getByTestId('cabinet-territory').innerText(), 'МБОУ «Кромская СОШ №1»');
    assert.match(await page.getByTestId('cabinet').innerText(), /Иванова Мария Петровна/);
    assert.equal(await page.getByTestId('main-menu').getByText('Пользователи').count(), 0);
    await screenshot(page, '04-school-cabinet');
    await page.getByTestId('logout').click();
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    await page.context().close();
  });
});
