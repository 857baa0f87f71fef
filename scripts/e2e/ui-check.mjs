// UI check in the real workbench: open an invalid plan the way a user does (Quick Open), see
// the squiggle, the Problems count and the crmsync status bar item, hover an authentication
// value, and save a screenshot; then (if asked) the walkthrough and the plan overview, each
// with its screenshot. This relies on workbench DOM details, so it asserts only what a user
// sees; the precise checks live in the API-level suite (test/e2e/).
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
 * @param {{file:string, nodes:string[], totals:string, click:{nodeId:string, line:number}, screenshot:string, themes?:{name:string, bodyClass:string, screenshot:string}[]}} [o.overview]
 *   the plan overview to open from the Command Palette ("CRM Sync: Show Plan Overview") on a
 *   plan: the node ids and the totals line it must show (from `crmsync explain` and `crmsync
 *   check`), a node to click and the line its key is on, where its screenshot goes, and the
 *   colour themes to see it in next (each with the webview body class it gives and a screenshot)
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
    if (o.overview) await overviewCheck(page, o.overview, log);
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

/** Runs a command from the Command Palette (F1), as a user does. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
  await page.keyboard.type(title);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 15000 }).catch(() => {});
}

/**
 * Opens a plan alone (editors, panel and side bar closed) in a 1920 × 1080 window, runs "CRM
 * Sync: Show Plan Overview" from the Command Palette, gives the overview 60 % of the width,
 * checks what the webview shows (its nodes, its totals, colours from its stylesheet), clicks a
 * node with the mouse and sees the editor's cursor go to its key, screenshots plan and overview
 * side by side; then, for each theme asked for, switches to it, checks that the diagram's
 * colours changed with it, and screenshots again.
 */
async function overviewCheck(page, ov, log) {
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await runCommand(page, 'View: Close All Editors');
  if (await page.locator('.part.panel').first().isVisible().catch(() => false)) await runCommand(page, 'View: Hide Panel');
  if (await page.locator('.part.sidebar').first().isVisible().catch(() => false)) await runCommand(page, 'View: Close Primary Side Bar');
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
  await page.keyboard.type(ov.file);
  // Quick Open lists the recently opened plan first until the filter catches up.
  await page.locator('.quick-input-list .monaco-list-row.focused').filter({ hasText: ov.file }).first().waitFor({ state: 'visible', timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active').filter({ hasText: ov.file }).first().waitFor({ state: 'visible', timeout: 30000 });
  await runCommand(page, 'CRM Sync: Show Plan Overview');
  await page.locator('.tab').filter({ hasText: `Overview: ${ov.file}` }).first().waitFor({ state: 'visible', timeout: 30000 });

  // The plan needs less width than the diagram: drag the sash between the two editor groups.
  const groups = page.locator('.part.editor .editor-group-container');
  if ((await groups.count()) === 2) {
    const [a, b] = [await groups.nth(0).boundingBox(), await groups.nth(1).boundingBox()];
    const y = a.y + a.height / 2;
    await page.mouse.move(a.x + a.width, y);
    await page.mouse.down();
    await page.mouse.move(a.x + 0.4 * (a.width + b.width), y, { steps: 8 });
    await page.mouse.up();
  }

  // The webview's page is an iframe (#active-frame) inside the workbench's webview iframe.
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  const nodes = frame.locator('svg.crmsync-overview [data-node-id]');
  let ids = [];
  await pollUntil(async () => {
    ids = await nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id'))).catch(() => []);
    return ids.length === ov.nodes.length;
  }, 30000).catch(() => {
    throw new Error(`the overview shows nodes ${JSON.stringify(ids)}, expected ${JSON.stringify(ov.nodes)}`);
  });
  if (JSON.stringify([...ids].sort()) !== JSON.stringify([...ov.nodes].sort())) throw new Error(`the overview shows nodes ${JSON.stringify(ids)}, expected ${JSON.stringify(ov.nodes)}`);
  const totals = (await frame.locator('#totals').innerText()).trim();
  if (totals !== ov.totals) throw new Error(`the overview's totals are '${totals}', expected '${ov.totals}'`);
  log('overview open:', ids.length, 'nodes; totals:', JSON.stringify(totals));

  // The stylesheet arrived (the CSP allows only the extension's own): nodes are coloured by their worst finding.
  const colours = () =>
    frame.locator('svg.crmsync-overview').evaluate((svg) => {
      const stroke = (sev) => {
        const box = svg.querySelector(`.node.sev-${sev}:not(.selected) .node-box`);
        return box ? getComputedStyle(box).stroke : undefined;
      };
      return { error: stroke('error'), none: stroke('none'), body: document.body.className };
    });
  let seen = await colours();
  log('overview colours:', JSON.stringify(seen));
  if (!seen.error || seen.error === 'none' || seen.error === seen.none) throw new Error(`nodes are not coloured by their worst finding: ${JSON.stringify(seen)}`);

  // A real mouse click on a node: the editor's cursor goes to the record's key.
  await frame.locator(`[data-node-id="${ov.click.nodeId}"]`).click();
  const selection = page.locator('[id="status.editor.selection"]');
  let where = '';
  await pollUntil(async () => {
    where = (await selection.innerText().catch(() => '')).trim();
    return where.startsWith(`Ln ${ov.click.line},`);
  }, 15000).catch(() => {
    throw new Error(`after a click on ${ov.click.nodeId} the cursor is at '${where}', expected line ${ov.click.line}`);
  });
  log(`click on ${ov.click.nodeId}: cursor at ${where}`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: ov.screenshot });
  log('overview screenshot:', ov.screenshot);

  for (const theme of ov.themes || []) {
    // After the click the keyboard focus is inside the webview's iframe, which keeps F1 to
    // itself: give it back to the workbench (the plan's tab) first. The webview may take the
    // focus back while it re-renders for the previous theme, and the quick input closes when it
    // loses the focus: the whole way to the theme picker is tried again when a step times out.
    for (let attempt = 1; ; attempt++) {
      const step = async () => {
        await page.keyboard.press('Escape');
        await page.locator('.part.editor .editor-group-container').first().locator('.tab').filter({ hasText: ov.file }).first().click();
        await page.waitForTimeout(200 * attempt);
        await page.keyboard.press(attempt % 2 ? 'F1' : 'Control+Shift+P');
        await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 5000 });
        await page.keyboard.type('Preferences: Color Theme');
        // "Preferences: Browse Color Themes in Marketplace" is listed (and focused) first: click the picker's row.
        const pick = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Preferences: Color Theme', hasNotText: 'Marketplace' }).first();
        await pick.waitFor({ state: 'visible', timeout: 5000 });
        await pick.click();
        // The theme picker replaces the Command Palette in the same widget.
        await page.waitForSelector('.quick-input-widget input[placeholder*="Color Theme"]', { state: 'visible', timeout: 5000 });
        await page.keyboard.type(theme.name);
        await page.locator('.quick-input-list .monaco-list-row.focused').filter({ hasText: theme.name }).first().waitFor({ state: 'visible', timeout: 5000 });
      };
      const failed = await step().then(() => undefined, (err) => err);
      if (!failed) break;
      if (attempt === 4) throw new Error(`the color theme picker did not reach ${theme.name} in 4 attempts: ${failed.message}`);
      log(`theme picker for ${theme.name}: attempt ${attempt} failed (${String(failed.message).split('\n')[0]}); again`);
    }
    await page.keyboard.press('Enter');
    const before = seen;
    await pollUntil(async () => {
      seen = await colours().catch(() => seen);
      return seen.body.split(' ').includes(theme.bodyClass);
    }, 15000).catch(() => {
      throw new Error(`the overview's body is '${seen.body}' after switching to ${theme.name}, expected the class ${theme.bodyClass}`);
    });
    log(`overview in ${theme.name}:`, JSON.stringify(seen));
    if (seen.error === before.error && seen.none === before.none) throw new Error(`the diagram's colours did not follow the theme ${theme.name}: ${JSON.stringify(seen)}`);
    await page.waitForTimeout(500);
    await page.screenshot({ path: theme.screenshot });
    log('overview screenshot:', theme.screenshot);
  }
}

async function pollUntil(probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
