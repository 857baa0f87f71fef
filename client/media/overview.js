// The page of the plan overview webview (client/src/overview.ts builds it into dist/media/ with
// overview.css). It draws what the extension posts — the server's SVG, the findings by rule,
// the totals — and posts back what is clicked (`reveal`) and what it rendered (`rendered`, read
// from its own DOM). It loads nothing and knows no plan: every word on it came from the server.
// Messages: overview-protocol.ts. Keyboard: Tab moves through the nodes and the list, the arrow
// keys to the nearest node in their direction, Home / End to the first / last node, Enter or
// Space reveals.
(function () {
  'use strict';

  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const testHooks = document.body.dataset.testHooks === '1';

  const diagram = /** @type {HTMLElement} */ (document.getElementById('diagram'));
  const side = /** @type {HTMLElement} */ (document.getElementById('side'));
  const staleBanner = /** @type {HTMLElement} */ (document.getElementById('stale'));
  const totalsLine = /** @type {HTMLElement} */ (document.getElementById('totals'));
  const rulesList = /** @type {HTMLElement} */ (document.getElementById('rules'));
  const omittedLine = /** @type {HTMLElement} */ (document.getElementById('omitted'));
  const fitButton = /** @type {HTMLButtonElement} */ (document.getElementById('fit'));

  /**
   * What survives a re-render and the page being reloaded (a hidden panel loses its page):
   * which rules are expanded, the fit toggle, the selected node, the scroll positions.
   * @type {{ expanded: string[], fit: boolean, selected: string | null, scroll: { dx: number, dy: number, side: number } }}
   */
  const state = Object.assign({ expanded: [], fit: true, selected: null, scroll: { dx: 0, dy: 0, side: 0 } }, vscode.getState() || {});
  const save = () => vscode.setState(state);

  /** The findings of the last `show`, by their index in it (a `reveal` sends one's range back). */
  let findings = [];

  const SEVERITY_WORDS = { error: 'error', warning: 'warning', info: 'info' };
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  function totalsWords(t) {
    if (!t.error && !t.warning && !t.info) return 'No findings';
    return [plural(t.error, 'error', 'errors'), plural(t.warning, 'warning', 'warnings'), `${t.info} info`].join(' · ');
  }

  const nodeElements = () => /** @type {SVGGElement[]} */ (Array.from(diagram.querySelectorAll('[data-node-id]')));
  const nodeById = (id) => nodeElements().find((n) => n.getAttribute('data-node-id') === id);
  const nodeOf = (target) => (target instanceof Element ? target.closest('[data-node-id]') : null);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ------------------------------------------------------------------------------------------
  // Rendering

  /** The server's SVG as a DOM node (parsed as XML, never as HTML); undefined if it does not parse. */
  function parseSvg(text) {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    if (!root || root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return undefined;
    return document.importNode(root, true);
  }

  function placeholder(text) {
    diagram.replaceChildren(el('p', 'placeholder', text));
  }

  function renderDiagram(m) {
    const focused = nodeOf(document.activeElement);
    const focusedId = focused ? focused.getAttribute('data-node-id') : null;
    const svg = parseSvg(m.svg);
    if (!svg) {
      placeholder('The diagram could not be read.');
      return;
    }
    diagram.replaceChildren(svg);
    for (const n of nodeElements()) n.classList.toggle('selected', n.getAttribute('data-node-id') === state.selected);
    // Typing in the plan re-renders: the focus stays on the same node if it is still there.
    const again = focusedId && nodeById(focusedId);
    if (again) again.focus({ preventScroll: true });
    diagram.scrollLeft = state.scroll.dx;
    diagram.scrollTop = state.scroll.dy;
  }

  function renderFindings(m) {
    totalsLine.textContent = totalsWords(m.totals);
    const byRule = new Map();
    m.findings.forEach((f, i) => {
      if (!byRule.has(f.ruleId)) byRule.set(f.ruleId, []);
      byRule.get(f.ruleId).push({ f, i });
    });
    const items = m.totals.rules.map((r) => {
      const li = el('li', `rule sev-${r.severity}`);
      li.dataset.ruleId = r.ruleId;
      const expanded = state.expanded.includes(r.ruleId);
      const head = el('button', 'rule-head');
      head.type = 'button';
      head.setAttribute('aria-expanded', String(expanded));
      head.setAttribute('aria-label', `${SEVERITY_WORDS[r.severity]} ${r.ruleId}: ${plural(r.count, 'finding', 'findings')}`);
      head.append(el('span', 'chevron'), el('span', 'marker'), el('span', 'rule-id', r.ruleId), el('span', 'count', String(r.count)));
      const list = el('ul', 'messages');
      list.hidden = !expanded;
      for (const { f, i } of byRule.get(r.ruleId) || []) {
        const item = el('li');
        const b = el('button', 'finding');
        b.type = 'button';
        b.dataset.index = String(i);
        b.append(el('span', 'message', f.message));
        if (f.where) b.append(el('span', 'where', f.where));
        item.append(b);
        list.append(item);
      }
      li.append(head, list);
      return li;
    });
    rulesList.replaceChildren(...items);
    omittedLine.hidden = !(m.findingsOmitted > 0);
    omittedLine.textContent = m.findingsOmitted > 0 ? `${plural(m.findingsOmitted, 'more finding is', 'more findings are')} counted but not listed.` : '';
    side.scrollTop = state.scroll.side;
  }

  /** The width of the findings list beside the diagram (overview.css `.side`). */
  const SIDE_WIDTH = 300;

  /**
   * The list goes under the diagram when that shows the diagram bigger — the diagram as wide as
   * the panel and at most 70 % of its height — than beside the list (the layered diagrams are
   * wide, so this is the usual case); a tall diagram keeps the list beside it.
   */
  function arrange() {
    const svg = diagram.querySelector('svg');
    let stacked = window.innerWidth < 700;
    if (svg && !stacked) {
      const box = svg.viewBox.baseVal;
      const w = box && box.width ? box.width : svg.width.baseVal.value;
      const h = box && box.height ? box.height : svg.height.baseVal.value;
      const room = diagram.parentElement.getBoundingClientRect().height;
      const under = Math.min(1, (window.innerWidth - 24) / w, (0.7 * room - 24) / h);
      const beside = Math.min(1, (window.innerWidth - SIDE_WIDTH - 24) / w);
      stacked = under > 1.05 * beside;
    }
    document.body.classList.toggle('stacked', stacked);
  }
  window.addEventListener('resize', arrange);

  function render(m) {
    if (typeof m.empty === 'string') {
      findings = [];
      staleBanner.hidden = true;
      placeholder(m.empty);
      totalsLine.textContent = '';
      rulesList.replaceChildren();
      omittedLine.hidden = true;
    } else {
      findings = m.findings;
      staleBanner.hidden = !m.stale;
      renderDiagram(m);
      renderFindings(m);
    }
    arrange();
    report(m);
  }

  /** Tells the extension what is on the page now, read from the DOM (the e2e suite checks it). */
  function report(m) {
    const nodes = nodeElements();
    vscode.postMessage({
      type: 'rendered',
      version: m.version,
      nodes: nodes.map((n) => n.getAttribute('data-node-id') || ''),
      labels: nodes.map((n) => n.getAttribute('aria-label') || ''),
      texts: nodes.map((n) => Array.from(n.querySelectorAll('text'), (t) => t.textContent || '').join(' | ')),
      rules: Array.from(rulesList.querySelectorAll('li.rule'), (li) => ({
        ruleId: li.dataset.ruleId || '',
        severity: /sev-(\w+)/.exec(li.className)[1],
        count: Number(li.querySelector('.count').textContent),
      })),
      totals: totalsLine.textContent || '',
      stale: !staleBanner.hidden,
      ...(typeof m.empty === 'string' ? { empty: m.empty } : {}),
    });
  }

  // ------------------------------------------------------------------------------------------
  // Interaction

  function revealNode(node) {
    const id = node.getAttribute('data-node-id');
    state.selected = id;
    save();
    for (const n of nodeElements()) n.classList.toggle('selected', n === node);
    vscode.postMessage({ type: 'reveal', nodeId: id });
  }

  function revealFinding(button) {
    const f = findings[Number(button.dataset.index)];
    if (f) vscode.postMessage({ type: 'reveal', range: f.range });
  }

  function toggleRule(head) {
    const li = head.closest('li.rule');
    const list = li.querySelector('.messages');
    const open = head.getAttribute('aria-expanded') !== 'true';
    head.setAttribute('aria-expanded', String(open));
    list.hidden = !open;
    const id = li.dataset.ruleId;
    state.expanded = open ? [...state.expanded.filter((r) => r !== id), id] : state.expanded.filter((r) => r !== id);
    save();
  }

  /** The nearest node from `from` in an arrow's direction (by the centres of the boxes as drawn). */
  function nearest(from, key) {
    const c = (n) => {
      const r = n.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    };
    const a = c(from);
    let best;
    let bestScore = Infinity;
    for (const n of nodeElements()) {
      if (n === from) continue;
      const b = c(n);
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const [along, across] = key === 'ArrowRight' ? [dx, dy] : key === 'ArrowLeft' ? [-dx, dy] : key === 'ArrowDown' ? [dy, dx] : [-dy, dx];
      if (along <= 1) continue;
      const score = along + 2 * Math.abs(across);
      if (score < bestScore) {
        bestScore = score;
        best = n;
      }
    }
    return best;
  }

  diagram.addEventListener('click', (e) => {
    const node = nodeOf(e.target);
    if (node) revealNode(node);
  });

  diagram.addEventListener('keydown', (e) => {
    const node = nodeOf(e.target);
    if (!node) return;
    let to;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      revealNode(node);
      return;
    }
    if (e.key.startsWith('Arrow')) to = nearest(node, e.key);
    else if (e.key === 'Home') to = nodeElements()[0];
    else if (e.key === 'End') to = nodeElements().slice(-1)[0];
    else return;
    e.preventDefault();
    if (to) to.focus();
  });

  rulesList.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    const finding = target && target.closest('button.finding');
    if (finding) return revealFinding(finding);
    const head = target && target.closest('button.rule-head');
    if (head) toggleRule(head);
  });

  function applyFit() {
    diagram.classList.toggle('fit', state.fit);
    fitButton.setAttribute('aria-pressed', String(state.fit));
  }
  fitButton.addEventListener('click', () => {
    state.fit = !state.fit;
    save();
    applyFit();
    arrange();
  });

  let scrollSave;
  const onScroll = () => {
    state.scroll = { dx: diagram.scrollLeft, dy: diagram.scrollTop, side: side.scrollTop };
    clearTimeout(scrollSave);
    scrollSave = setTimeout(save, 200);
  };
  diagram.addEventListener('scroll', onScroll, { passive: true });
  side.addEventListener('scroll', onScroll, { passive: true });

  // ------------------------------------------------------------------------------------------
  // The e2e suite's hooks (the page is built with data-test-hooks="1" only under the suite).

  function testClick(m) {
    if (typeof m.nodeId === 'string') {
      const node = nodeById(m.nodeId);
      if (node) node.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
      return;
    }
    const button = rulesList.querySelector(`button.finding[data-index="${Number(m.finding)}"]`);
    if (!button) return;
    // As a user would: open the rule's list first.
    const head = button.closest('li.rule').querySelector('button.rule-head');
    if (head.getAttribute('aria-expanded') !== 'true') head.click();
    /** @type {HTMLElement} */ (button).click();
  }

  function testKey(m) {
    const node = nodeById(m.nodeId);
    if (node) {
      node.focus();
      node.dispatchEvent(new KeyboardEvent('keydown', { key: String(m.key), bubbles: true, cancelable: true }));
    }
    const now = nodeOf(document.activeElement);
    vscode.postMessage({ type: 'test:focus', nodeId: now ? now.getAttribute('data-node-id') : null });
  }

  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || typeof m.type !== 'string') return;
    if (m.type === 'show') render(m);
    else if (testHooks && m.type === 'test:click') testClick(m);
    else if (testHooks && m.type === 'test:key') testKey(m);
  });

  applyFit();
  vscode.postMessage({ type: 'ready' });
})();
