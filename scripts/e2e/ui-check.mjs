// UI check in the real workbench: open an invalid plan the way a user does (Quick Open), see
// the squiggle, the Problems count and the crmsync status bar item, hover an authentication
// value, and save a screenshot. This relies on workbench DOM details, so it asserts only what a
// user sees; the precise checks live in the API-level suite (test/e2e/).
import { launchBrowser } from './code-server.mjs';

/**
 * @param {object} o
 * @param {string} o.url            code-server URL
 * @param {object} o.dirs           state dirs of the instance (browser profile goes to dirs.tmp)
 * @param {string} o.workspace      folder to open
 * @param {string} o.file           file name inside the folder
 * @param {{line:number, column:number}} o.hoverAt   1-based position of the authentication value
 * @param {string[]} o.hoverIncludes texts the hover must contain
 * @param {{errors:number, warnings:number, infos:number}} o.problems  expected Problems counts
 * @param {string} o.statusIncludes  text the crmsync status bar item must contain
 * @param {string} o.screenshot     PNG path
 * @param {{title:string, steps:string[], open:string, button:string, screenshot:string}} [o.walkthrough]
 *   the walkthrough to open from the Command Palette ("Welcome: Open Walkthrough…"): its title,
 *   its step titles, the step to expand, a button that step shows, and where its screenshot goes
 * @param {(msg:string)=>void} o.log
 */
export async function uiCheck(o) {
  const t0 = Date.now();
  const log = (...a) => o.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s] ${a.join(' ')}`);
  const browser = await launchBrowser(o.dirs);
  const page = browser.context.pages()[0] || (await browser.context.newPage());
  page.on('pageerror', (e) => log('pageerror:', String(e).slice(0, 300)));
  try {
    await page.goto(`${o.url}/?folder=${encodeURIComponent(o.workspace)}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
    log('workbench ready');

    // Quick Open (Ctrl+P), as a user would.
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
    await page.keyboard.type(o.file);
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.editor-instance .view-lines', { timeout: 30000 });
    const mode = (await page.locator('[id="status.editor.mode"]').innerText().catch(() => '?')).trim();
    log('editor open; language mode:', mode);
    if (!/CRM Sync Plan|crmsync/i.test(mode)) throw new Error(`language mode is '${mode}', not the crmsync language`);

    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60000 });
    log('squiggle visible:', await page.locator('.monaco-editor .squiggly-error').count(), 'error decorations');

    // Problems count in the status bar: its label names the non-zero counts, e.g.
    // "Errors: 5, Warnings: 1" (the workbench's markers status item).
    const problemsItem = page.locator('[id="status.problems"]');
    const parts = [['Errors', o.problems.errors], ['Warnings', o.problems.warnings], ['Infos', o.problems.infos]].filter(([, n]) => n > 0);
    const want = parts.length ? parts.map(([k, n]) => `${k}: ${n}`).join(', ') : 'No Problems';
    const label = async () => (await problemsItem.locator('[aria-label]').first().getAttribute('aria-label').catch(() => null)) || (await problemsItem.getAttribute('aria-label').catch(() => '')) || '';
    await pollUntil(async () => (await label()) === want, 20000).catch(async () => {
      throw new Error(`Problems status is '${await label()}', expected '${want}'`);
    });
    log('problems status:', await label());

    // The crmsync status bar item: topology in words and the error count.
    const status = page.locator('.statusbar-item').filter({ hasText: '→' }).first();
    await status.waitFor({ state: 'visible', timeout: 20000 });
    const statusText = (await status.innerText()).replace(/\s+/g, ' ').trim();
    const statusLabel = (await status.locator('[aria-label]').first().getAttribute('aria-label').catch(() => '')) || (await status.getAttribute('aria-label')) || '';
    log('crmsync status bar:', JSON.stringify(statusText), 'label:', JSON.stringify(statusLabel));
    if (!statusText.includes(o.statusIncludes)) throw new Error(`status bar item '${statusText}' does not contain '${o.statusIncludes}'`);
    const countWanted = `${o.problems.errors} error${o.problems.errors === 1 ? '' : 's'}`;
    if (!statusText.endsWith(` ${o.problems.errors}`) && !statusLabel.includes(countWanted)) {
      throw new Error(`status bar item does not show ${countWanted}: '${statusText}' / '${statusLabel}'`);
    }

    // Go to the authentication value (Ctrl+G line:column) and show the hover (Ctrl+K Ctrl+I).
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
    await page.keyboard.type(`${o.hoverAt.line}:${o.hoverAt.column}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 15000 }).catch(() => {});
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: o.hoverIncludes[0] }).first();
    await pollUntil(async () => {
      if (await hover.isVisible().catch(() => false)) return true;
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      return hover.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
    }, 30000);
    // The hover fills in as its providers answer (problem first, then the server's explanation).
    let hoverText = '';
    await pollUntil(async () => {
      hoverText = await hover.innerText().catch(() => '');
      return o.hoverIncludes.every((t) => hoverText.includes(t));
    }, 15000).catch(() => {
      throw new Error(`hover does not contain ${JSON.stringify(o.hoverIncludes.filter((t) => !hoverText.includes(t)))}: ${JSON.stringify(hoverText)}`);
    });
    log('hover text:', JSON.stringify(hoverText.slice(0, 400)));

    await page.screenshot({ path: o.screenshot });
    log('screenshot:', o.screenshot);

    // Clicking the crmsync status bar item opens the Problems view.
    await page.keyboard.press('Escape');
    await status.click();
    await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 15000 });
    log('status bar item click: Problems view visible with', await page.locator('.markers-panel .monaco-list-row').count(), 'rows');
    if (o.walkthrough) await walkthroughCheck(page, o.walkthrough, log);
    log('blocked non-loopback origins:', JSON.stringify([...browser.blocked]));
    return { ok: true, statusText, hoverText };
  } catch (e) {
    await page.screenshot({ path: o.screenshot.replace(/\.png$/, '-failure.png') }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
}

/** Opens the walkthrough as a user does, checks its steps render, expands one, screenshots it. */
async function walkthroughCheck(page, w, log) {
  await page.keyboard.press('Escape');
  // The Problems panel the check opened last would cover half of the walkthrough: close it.
  if (await page.locator('.markers-panel').first().isVisible().catch(() => false)) await page.keyboard.press('Control+J');
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
  await page.keyboard.type('Open Walkthrough');
  await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15000 });
  await page.keyboard.type(w.title);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: w.title }).first();
  await row.waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.press('Enter');
  const container = page.locator('.gettingStartedContainer');
  await container.waitFor({ state: 'visible', timeout: 30000 });
  await pollUntil(async () => (await container.innerText().catch(() => '')).includes(w.title), 15000).catch(() => {
    throw new Error(`the walkthrough '${w.title}' did not open`);
  });
  const text = await container.innerText();
  const missing = w.steps.filter((t) => !text.includes(t));
  if (missing.length) throw new Error(`walkthrough steps not shown: ${JSON.stringify(missing)}`);
  log('walkthrough open with steps:', JSON.stringify(w.steps));
  await container.getByText(w.open, { exact: true }).first().click();
  const button = container.getByText(w.button, { exact: true }).first();
  await button.waitFor({ state: 'visible', timeout: 15000 });
  log(`walkthrough step '${w.open}' expanded; button '${w.button}' visible`);
  // The step's Markdown media renders in a webview beside the steps.
  await page.waitForSelector('.gettingStartedContainer .getting-started-media iframe, .getting-started-media iframe', { timeout: 15000 }).catch(() => log('walkthrough media frame not found'));
  await page.waitForTimeout(1500);
  await page.screenshot({ path: w.screenshot });
  log('walkthrough screenshot:', w.screenshot);
}

async function pollUntil(probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
