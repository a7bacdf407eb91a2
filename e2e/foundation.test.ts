// Browser tests of the foundation: three roles log in and see only their own territory.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, newPage, screenshot, startServer, type E2eServer } from './support.js';

describe('foundation in the browser', () => {
  let server: E2eServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a wrong password shows a Russian error and no cabinet', async () => {
    const page = await newPage(browser);
    await login(page, server.url, 'region57', 'wrong-password');
    await page.getByTestId('login-error').waitFor();
    assert.match(await page.getByTestId('login-error').innerText(), /Неверный логин или пароль/);
    await screenshot(page, '01-login-error');
    await page.context().close();
  });

  test('regional coordinator sees the whole region', async () => {
    const page = await newPage(browser);
    await login(page, server.url, 'region57');
    await page.getByTestId('cabinet-territory').waitFor();
    assert.equal(await page.getByTestId('cabinet-territory').innerText(), 'Орловская область');
    await screenshot(page, '02-region-cabinet');
    await page.context().close();
  });

  test('municipal coordinator sees only its municipality', async () => {
    const page = await newPage(browser);
    await login(page, server.url, 'mo-kromy');
    await page.getByTestId('cabinet-territory').waitFor();
    assert.equal(await page.getByTestId('cabinet-territory').innerText(), 'Кромской район');
    await screenshot(page, '03-municipal-cabinet');
    await page.context().close();
  });

  test('a school sees its own school and its curator, and has no users menu', async () => {
    const page = await newPage(browser);
    await login(page, server.url, 'school1');
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
