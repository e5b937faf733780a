'use strict';
// The dashboard's single page. The token lives in sessionStorage and travels only in the Authorization header
// (never a cookie), so other sites cannot act with it. Everything shown is built with createElement/textContent:
// run names, metadata, outputs and errors come from users and are never parsed as HTML.
(() => {
  const TOKEN_KEY = 'cairn.token';
  const RUN_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
  const main = document.getElementById('main');
  let page = { timers: [], aborts: [] };

  // ---- DOM helpers ----
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'class') node.className = value;
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const badge = status => el('span', { class: 'badge s-' + status, 'data-status': status }, status);
  const time = iso => iso ? new Date(iso).toLocaleString() : '';
  // Run ids are UUIDv7: their first digits are a timestamp shared by runs started together, the last ones differ.
  const shortId = id => '…' + String(id).slice(-12);
  function duration(from, to) {
    if (!from) return '';
    const ms = (to ? new Date(to) : new Date()) - new Date(from);
    if (ms < 1000) return ms + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
    return Math.floor(ms / 60000) + ' min ' + Math.round((ms % 60000) / 1000) + ' s';
  }
  function chips(metadata) {
    return Object.entries(metadata || {}).map(([k, v]) => el('span', { class: 'chip mono' }, k + '=' + v));
  }

  // ---- API ----
  class ApiFailure extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }
  function token() { return sessionStorage.getItem(TOKEN_KEY); }
  async function api(path, options) {
    const init = Object.assign({ headers: {} }, options || {});
    init.headers = Object.assign({ Authorization: 'Bearer ' + token() }, init.headers);
    const response = await fetch('/api/' + path, init);
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
    if (!response.ok) {
      if (response.status === 401) logout('Your token was refused: ' + (body && body.error || 'unauthorised'));
      throw new ApiFailure(response.status, body && body.error || ('HTTP ' + response.status));
    }
    return body;
  }
  const post = (path, body) => api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body || {}) });

  // ---- routing ----
  function leave() {
    page.timers.forEach(clearTimeout);
    page.aborts.forEach(controller => controller.abort());
    page = { timers: [], aborts: [] };
  }
  function later(fn, ms) { page.timers.push(setTimeout(fn, ms)); }
  function parseHash() {
    const hash = location.hash.replace(/^#/, '') || '/runs';
    const [path, query] = hash.split('?');
    return { parts: path.split('/').filter(Boolean), query: new URLSearchParams(query || '') };
  }
  async function route() {
    leave();
    const header = document.getElementById('top');
    if (!token()) { header.classList.add('hidden'); return showLogin(); }
    header.classList.remove('hidden');
    const { parts, query } = parseHash();
    document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.id === 'nav-' + parts[0]));
    try {
      if (parts[0] === 'runs' && parts[1]) await showRun(parts[1]);
      else if (parts[0] === 'workers') await showWorkers();
      else if (parts[0] === 'schedules') await showSchedules();
      else if (parts[0] === 'flow') await showFlow();
      else if (parts[0] === 'tokens') await showTokens();
      else await showRuns(query);
    } catch (e) {
      if (token()) main.replaceChildren(el('p', { class: 'error', id: 'page-error' }, e.message));
    }
  }
  function logout(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    leave();
    showLogin(message);
  }

  // ---- login ----
  function showLogin(message) {
    document.getElementById('top').classList.add('hidden');
    document.getElementById('who').textContent = '';
    const input = el('input', { type: 'password', id: 'token', autocomplete: 'off', placeholder: 'cairn_...' });
    const error = el('p', { class: 'error', id: 'login-error' }, message || '');
    const form = el('form', { class: 'panel login', id: 'login', onsubmit: async event => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, input.value.trim());
      try {
        await whoami();
        route();
      } catch (e) {
        sessionStorage.removeItem(TOKEN_KEY);
        document.getElementById('top').classList.add('hidden');
        error.textContent = 'Refused: ' + e.message;
      }
    } }, el('h1', {}, 'Cairn dashboard'),
    el('label', { for: 'token' }, 'Token (CLIENT or ADMIN)'), input,
    el('button', { class: 'primary', type: 'submit', id: 'login-button' }, 'Log in'), error,
    el('p', { class: 'muted' }, 'The token stays in this tab (session storage) and is sent only to this server.'));
    main.replaceChildren(form);
    input.focus();
  }
  async function whoami() {
    const me = await api('whoami');
    document.getElementById('who').textContent = 'role ' + me.role;
    return me;
  }

  // ---- runs list ----
  async function showRuns(query) {
    const filters = {
      workflow: query.get('workflow') || '', status: query.get('status') || '', meta: query.get('meta') || '',
      from: query.get('from') || '', to: query.get('to') || '', pageSize: query.get('pageSize') || '50'
    };
    const tokens = [null];
    const selected = new Set();
    const form = filterForm(filters);
    const counts = el('div', { class: 'counts', id: 'counts' });
    const table = el('tbody', { id: 'runs' });
    const pageInfo = el('span', { class: 'muted' });
    const older = el('button', { type: 'button', id: 'next-page' }, 'Older →');
    const newer = el('button', { type: 'button', id: 'prev-page' }, '← Newer');
    const cancel = el('button', { type: 'button', class: 'danger', id: 'bulk-cancel' }, 'Cancel selected');
    const replay = el('button', { type: 'button', id: 'bulk-replay' }, 'Replay selected');
    const message = el('span', { id: 'bulk-result', class: 'muted' });
    const all = el('input', { type: 'checkbox', id: 'select-all', title: 'select this page' });
    main.replaceChildren(el('h1', {}, 'Runs'), form, counts,
      el('div', { class: 'bar' }, cancel, replay, message),
      el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, all), el('th', {}, 'Run'), el('th', {}, 'Workflow'),
        el('th', {}, 'Status'), el('th', {}, 'Created'), el('th', {}, 'Duration'), el('th', {}, 'Metadata'))), table),
      el('div', { class: 'bar' }, newer, older, pageInfo));
    let shown = [];
    const params = () => {
      const p = new URLSearchParams();
      if (filters.workflow) p.set('workflow', filters.workflow);
      if (filters.status) p.set('status', filters.status);
      filters.meta.split(',').map(s => s.trim()).filter(Boolean).forEach(m => p.append('meta', m));
      if (filters.from) p.set('from', new Date(filters.from).toISOString());
      if (filters.to) p.set('to', new Date(filters.to).toISOString());
      p.set('pageSize', filters.pageSize);
      if (tokens[tokens.length - 1]) p.set('pageToken', tokens[tokens.length - 1]);
      return p;
    };
    const buttons = () => {
      cancel.disabled = replay.disabled = selected.size === 0;
      cancel.textContent = 'Cancel selected (' + selected.size + ')';
      replay.textContent = 'Replay selected (' + selected.size + ')';
    };
    const load = async () => {
      const body = await api('runs?' + params());
      renderCounts(counts, body.counts, filters);
      shown = body.runs;
      table.replaceChildren(...body.runs.map(run => runRow(run, selected, buttons)));
      if (!body.runs.length) table.append(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No runs match.')));
      older.disabled = !body.nextPageToken;
      older.dataset.token = body.nextPageToken || '';
      newer.disabled = tokens.length === 1;
      pageInfo.textContent = 'page ' + tokens.length;
      buttons();
    };
    const poll = async () => {
      try { await load(); } catch (e) { message.textContent = e.message; }
      later(poll, 2000);
    };
    older.addEventListener('click', () => { tokens.push(older.dataset.token); load(); });
    newer.addEventListener('click', () => { tokens.pop(); load(); });
    all.addEventListener('change', () => {
      shown.forEach(run => all.checked ? selected.add(run.id) : selected.delete(run.id));
      load();
    });
    const bulk = async (operation) => {
      const ids = [...selected];
      const body = await post('runs/' + operation, { ids });
      const tally = {};
      Object.values(body.results).forEach(r => { const k = String(r).split(':')[0]; tally[k] = (tally[k] || 0) + 1; });
      message.textContent = operation + ': ' + Object.entries(tally).map(([k, n]) => n + ' ' + k).join(', ');
      selected.clear();
      await load();
    };
    cancel.addEventListener('click', () => bulk('cancel').catch(e => (message.textContent = e.message)));
    replay.addEventListener('click', () => bulk('replay').catch(e => (message.textContent = e.message)));
    await load();
    later(poll, 2000);
  }

  function filterForm(filters) {
    const input = (name, label, attrs) => el('label', {}, label,
      el('input', Object.assign({ name, id: 'filter-' + name, value: filters[name] }, attrs || {})));
    const status = el('select', { name: 'status', id: 'filter-status' }, el('option', { value: '' }, 'any'),
      RUN_STATUSES.map(s => el('option', { value: s, selected: filters.status === s }, s)));
    const size = el('select', { name: 'pageSize', id: 'filter-pageSize' },
      ['25', '50', '100', '200'].map(s => el('option', { value: s, selected: filters.pageSize === s }, s)));
    return el('form', { class: 'filters', id: 'filters', onsubmit: event => {
      event.preventDefault();
      const data = new FormData(event.target);
      const query = new URLSearchParams();
      for (const [key, value] of data.entries()) if (value) query.set(key, value);
      location.hash = '#/runs?' + query;
    } }, input('workflow', 'Workflow', { placeholder: 'any' }),
    el('label', {}, 'Status', status),
    input('meta', 'Metadata', { placeholder: 'key=value, ...' }),
    input('from', 'Created from', { type: 'datetime-local' }), input('to', 'Created before', { type: 'datetime-local' }),
    el('label', {}, 'Per page', size),
    el('button', { type: 'submit', class: 'primary', id: 'apply-filters' }, 'Filter'));
  }

  function renderCounts(container, counts, filters) {
    container.replaceChildren(...RUN_STATUSES.map(status => el('span', {
      class: 'count', id: 'count-' + status, 'data-count': counts[status] || 0, onclick: () => {
        const query = new URLSearchParams(parseHash().query);
        if (filters.status === status) query.delete('status'); else query.set('status', status);
        location.hash = '#/runs?' + query;
      } }, badge(status), el('b', {}, String(counts[status] || 0)))));
  }

  function runRow(run, selected, changed) {
    const box = el('input', { type: 'checkbox', class: 'select-run', 'data-run-id': run.id, checked: selected.has(run.id),
      onchange: event => { event.target.checked ? selected.add(run.id) : selected.delete(run.id); changed(); } });
    return el('tr', { class: selected.has(run.id) ? 'selected' : '', 'data-run-id': run.id },
      el('td', {}, box),
      el('td', {}, el('a', { href: '#/runs/' + run.id, class: 'mono run-link' }, shortId(run.id))),
      el('td', { class: 'workflow' }, run.workflowName), el('td', {}, badge(run.status)),
      el('td', {}, time(run.createdAt)), el('td', {}, duration(run.startedAt, run.finishedAt)),
      el('td', {}, chips(run.metadata)));
  }

  // ---- one run ----
  async function showRun(id) {
    let run = await api('runs/' + encodeURIComponent(id));
    const events = [];
    const graph = el('div', { class: 'graph', id: 'graph' });
    const timeline = el('div', { class: 'timeline panel', id: 'timeline' });
    const steps = el('tbody', { id: 'steps' });
    const detail = el('div', { id: 'step-detail' });
    const log = el('tbody', { id: 'events' });
    const children = el('div', { id: 'children' });
    const head = el('div', { id: 'run-head' });
    const notice = el('p', { class: 'muted', id: 'stream-state' });
    // Outside the head, which is redrawn as the run changes: an open link keeps streaming meanwhile.
    const viewer = el('div', { id: 'link-viewer', class: 'panel' });
    main.replaceChildren(head, viewer, el('h2', {}, 'Graph'), graph,
      el('div', { class: 'cols' },
        el('div', {}, el('h2', {}, 'Timeline'), timeline, el('h2', {}, 'Steps'),
          el('table', {}, el('thead', {}, el('tr', {}, ['Step', 'Status', 'Attempts', 'Worker', 'Duration', '']
            .map(h => el('th', {}, h)))), steps), detail),
        el('div', {}, el('h2', {}, 'Event log'), notice,
          el('div', { class: 'events panel' }, el('table', {}, log)))),
      el('h2', {}, 'Child runs'), children);
    let drawn = null;
    let shape = '';
    const render = () => {
      renderHead(head, run, async () => { run = await api('runs/' + id); render(); }, viewer);
      const nodes = graphNodes(run);
      const nextShape = nodes.map(n => n.id + '<' + n.parents.join(',')).join(';');
      if (nextShape !== shape) {
        drawn = CairnGraph.render(graph, nodes, node => openNode(node, run, detail));
        shape = nextShape;
      } else {
        nodes.forEach(n => drawn.setStatus(n.id, n.status));
      }
      steps.replaceChildren(...run.steps.map(step => stepRow(step, run, detail)));
      renderChildren(children, run);
      renderTimeline(timeline, run, events);
    };
    render();
    // Marks when the first frame with the run is on screen (a frame, then the task after it): what docs report as
    // the run page's first paint.
    requestAnimationFrame(() => setTimeout(() => performance.mark('cairn-run-painted'), 0));
    let refresh = null;
    const reload = () => {
      if (refresh) return;
      refresh = setTimeout(async () => {
        refresh = null;
        try { run = await api('runs/' + id); render(); } catch (e) { notice.textContent = e.message; }
      }, 250);
      page.timers.push(refresh);
    };
    const onEvent = event => {
      events.push(event);
      log.append(eventRow(event));
      reload();
    };
    stream(id, onEvent, notice, reload);
    const poll = async () => {
      if (!['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status) || run.children.some(c =>
        !['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(c.status))) reload();
      later(poll, 3000);
    };
    later(poll, 3000);
  }

  function graphNodes(run) {
    const nodes = run.steps.map(step => ({ id: step.name, label: step.name, status: step.status, kind: 'step',
      parents: step.parents, title: step.name + ' (' + step.status + ')' }));
    const byStep = new Map();
    run.children.forEach(child => (byStep.get(child.parentStep) || byStep.set(child.parentStep, []).get(child.parentStep))
      .push(child));
    for (const [step, list] of byStep) {
      list.slice(0, 6).forEach(child => nodes.push({ id: 'run:' + child.id, label: child.workflowName + ' …' +
        String(child.id).slice(-4), status: child.status, kind: 'child', parents: [step], runId: child.id,
        title: child.workflowName + ' ' + child.id + ' (' + child.status + ')' }));
      if (list.length > 6) {
        nodes.push({ id: 'more:' + step, label: '+' + (list.length - 6) + ' more child runs', status: 'MORE',
          kind: 'more', parents: [step], title: 'see Child runs below' });
      }
    }
    return nodes;
  }

  function openNode(node, run, detail) {
    if (node.kind === 'child') location.hash = '#/runs/' + node.runId;
    else if (node.kind === 'more') document.getElementById('children').scrollIntoView();
    else showStep(run.steps.find(s => s.name === node.id), run, detail);
  }

  function renderHead(head, run, changed, viewer) {
    const final = ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status);
    const result = el('span', { class: 'muted', id: 'run-action-result' });
    const act = operation => async () => {
      try {
        const body = await post('runs/' + run.id + '/' + operation);
        result.textContent = operation + ': ' + body.result;
        await changed();
      } catch (e) { result.textContent = e.message; }
    };
    head.replaceChildren(...[
      el('h1', {}, run.workflowName, ' ', el('span', { id: 'run-status' }, badge(run.status))),
      el('div', { class: 'kv' },
        el('span', { class: 'muted' }, 'Run'), el('span', { class: 'mono', id: 'run-id' }, run.id),
        el('span', { class: 'muted' }, 'Created'), el('span', {}, time(run.createdAt)),
        el('span', { class: 'muted' }, 'Duration'), el('span', {}, duration(run.startedAt, run.finishedAt)),
        el('span', { class: 'muted' }, 'Metadata'), el('span', {}, chips(run.metadata), metadataLinks(run, viewer))),
      run.input === null ? null : el('details', { id: 'run-input' }, el('summary', {}, 'Input (' +
        run.inputLength + ' characters' + (run.inputLength > run.input.length ? ', first ' + run.input.length +
        ' shown' : '') + ')'), el('pre', {}, run.input)),
      run.error ? el('pre', { class: 'error' }, run.error) : null,
      el('div', { class: 'bar' },
        el('button', { type: 'button', class: 'danger', id: 'run-cancel', disabled: final, onclick: act('cancel') },
          'Cancel run'),
        el('button', { type: 'button', id: 'run-replay', disabled: !(run.status === 'FAILED' ||
          run.status === 'CANCELLED'), onclick: act('replay') }, 'Replay'), result)].filter(Boolean));
  }

  // The links the embedding application configured for metadata keys (Cairn.Builder.dashboardLink), their URLs
  // filled in by the server. They open in the viewer, not as navigation: the URL needs the bearer token.
  function metadataLinks(run, viewer) {
    if (!run.links || !run.links.length) return null;
    return el('div', { class: 'bar', id: 'metadata-links' }, run.links.map(link => el('button', { type: 'button',
      class: 'link', 'data-key': link.key, 'data-label': link.label, title: link.url,
      onclick: () => openLink(link, viewer) }, link.label)));
  }

  const LINK_INLINE_CHARS = 20000;
  const LINK_MAX_EVENTS = 2000;
  // Fetches a link with the dashboard's token in the Authorization header (cross-origin, so the other server must
  // allow this origin by CORS; never with cookies) and shows JSON as text, or a text/event-stream's events as they
  // come until Stop. Opening another link or leaving the page aborts the fetch.
  async function openLink(link, viewer) {
    if (viewer.controller) viewer.controller.abort();
    const controller = new AbortController();
    viewer.controller = controller;
    page.aborts.push(controller);
    const state = el('span', { class: 'muted', id: 'link-state' }, 'loading…');
    const body = el('pre', { id: 'link-body' });
    const stop = el('button', { type: 'button', id: 'link-stop', onclick: () => {
      controller.abort();
      state.textContent = 'stopped';
      stop.remove();
    } }, 'Stop');
    const close = el('button', { type: 'button', id: 'link-close', onclick: () => {
      controller.abort();
      viewer.replaceChildren();
    } }, 'Close');
    viewer.replaceChildren(el('div', { class: 'bar' }, el('b', {}, link.label), el('span', { class: 'mono muted' },
      link.url.length > 120 ? link.url.slice(0, 119) + '…' : link.url), state, stop, close), body);
    try {
      const response = await fetch(link.url, { headers: { Authorization: 'Bearer ' + token() }, mode: 'cors',
        credentials: 'omit', cache: 'no-store', signal: controller.signal });
      if (!response.ok) {
        state.textContent = await linkRefusal(response);
        state.className = 'error';
        body.remove();
      } else if ((response.headers.get('Content-Type') || '').startsWith('text/event-stream')) {
        state.textContent = 'live';
        await readEvents(response, fields => { appendLinkEvent(body, fields); return false; });
        state.textContent = 'the stream ended';
      } else {
        showLinkText(body, viewer, prettyJson(await response.text()));
        state.textContent = 'HTTP ' + response.status;
      }
    } catch (e) {
      if (controller.signal.aborted) return;
      state.className = 'error';
      state.textContent = 'could not fetch it: the server is unreachable or does not allow this origin (CORS)';
      body.remove();
    }
    stop.remove();
  }
  async function linkRefusal(response) {
    const reason = { 401: 'the token was refused there', 403: 'the token may not read this',
      404: 'not found' }[response.status] || 'failed';
    let detail = '';
    try { detail = JSON.parse(await response.text()).error || ''; } catch (e) { detail = ''; }
    detail = String(detail);
    return 'HTTP ' + response.status + ': ' + reason + (detail ? ' (' + (detail.length > 200 ?
      detail.slice(0, 199) + '…' : detail) + ')' : '');
  }
  function prettyJson(text) {
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
  }
  function showLinkText(body, viewer, text) {
    body.textContent = text.length > LINK_INLINE_CHARS ? text.slice(0, LINK_INLINE_CHARS) : text;
    if (text.length <= LINK_INLINE_CHARS) return;
    const all = el('button', { type: 'button', id: 'link-all', onclick: () => {
      body.textContent = text;
      all.remove();
    } }, 'Show all ' + text.length + ' characters');
    viewer.append(all);
  }
  function appendLinkEvent(body, fields) {
    if (body.childElementCount >= LINK_MAX_EVENTS) body.firstElementChild.remove();
    const data = fields.data.length > 2000 ? fields.data.slice(0, 1999) + '…' : fields.data;
    body.append(el('div', { class: 'link-event' }, (fields.id ? '#' + fields.id + ' ' : '') + fields.event + ' ' +
      data));
    body.scrollTop = body.scrollHeight;
  }

  function stepRow(step, run, detail) {
    return el('tr', { 'data-step': step.name },
      el('td', {}, el('a', { href: '#', onclick: e => { e.preventDefault(); showStep(step, run, detail); } }, step.name)),
      el('td', {}, badge(step.status)), el('td', {}, String(step.attempts)),
      el('td', { class: 'mono' }, step.workerId || ''), el('td', {}, duration(step.startedAt, step.finishedAt)),
      el('td', { class: 'muted' }, step.blockedReason || ''));
  }

  function showStep(step, run, detail) {
    if (!step) return;
    const output = el('pre', { id: 'step-output' }, step.output === null ? '(none yet)' : step.output);
    const more = step.outputLength > (step.output || '').length ? el('button', { type: 'button', id: 'step-output-all',
      onclick: async () => {
        const response = await fetch('/api/runs/' + run.id + '/steps/' + encodeURIComponent(step.name) + '/output',
          { headers: { Authorization: 'Bearer ' + token() } });
        output.textContent = await response.text();
        more.remove();
      } }, 'Show all ' + step.outputLength + ' characters') : null;
    detail.replaceChildren(...[el('h2', {}, 'Step ', step.name), el('div', { class: 'kv' },
      el('span', { class: 'muted' }, 'Status'), badge(step.status),
      el('span', { class: 'muted' }, 'Attempts'), el('span', {}, step.attempts + ' (' + step.failures + ' failed)'),
      el('span', { class: 'muted' }, 'Worker'), el('span', { class: 'mono' }, step.workerId || ''),
      el('span', { class: 'muted' }, 'Parents'), el('span', {}, step.parents.join(', ') || '(none)'),
      el('span', { class: 'muted' }, 'Input'), el('span', {}, 'the run\'s input (above)' + (step.parents.length ?
        ' and the outputs of ' + step.parents.join(', ') : ''))),
    el('h2', {}, 'Output'), output, more,
    step.error ? el('h2', {}, 'Error') : null, step.error ? el('pre', { class: 'error' }, step.error +
      (step.errorLength > step.error.length ? ' …(' + step.errorLength + ' characters)' : '')) : null].filter(Boolean));
  }

  function renderChildren(container, run) {
    if (!run.children.length) { container.replaceChildren(el('p', { class: 'muted' }, 'None.')); return; }
    const limit = Number(container.dataset.limit || 200);
    const rows = run.children.slice(0, limit).map(child => el('tr', { 'data-run-id': child.id },
      el('td', {}, el('a', { href: '#/runs/' + child.id, class: 'mono' }, shortId(child.id))),
      el('td', {}, child.workflowName), el('td', {}, badge(child.status)), el('td', {}, child.parentStep),
      el('td', {}, time(child.createdAt))));
    const tally = {};
    run.children.forEach(c => (tally[c.status] = (tally[c.status] || 0) + 1));
    container.replaceChildren(...[
      el('p', { id: 'children-count' }, run.children.length + (run.moreChildren ? '+' : '') + ' child runs: ',
        Object.entries(tally).map(([s, n]) => el('span', { class: 'chip' }, s + ' ' + n))),
      el('table', {}, el('thead', {}, el('tr', {}, ['Run', 'Workflow', 'Status', 'Started by', 'Created']
        .map(h => el('th', {}, h)))), el('tbody', {}, rows)),
      run.children.length > limit ? el('button', { type: 'button', id: 'children-all', onclick: () => {
        container.dataset.limit = String(run.children.length);
        renderChildren(container, run);
      } }, 'Show all ' + run.children.length) : null].filter(Boolean));
  }

  // Attempts as coloured segments per step, from the event log: queued (or held back), running on a worker,
  // waiting (children, sleep, event), until a final event.
  const SEGMENT = { STEP_QUEUED: 'QUEUED', STEP_THROTTLED: 'QUEUED', STEP_CONCURRENCY_QUEUED: 'QUEUED',
    STEP_WAITING_FOR_WORKER: 'QUEUED', STEP_RETRYING: 'QUEUED', STEP_LEASE_EXPIRED: 'QUEUED',
    STEP_STARTED: 'RUNNING', STEP_WAITING: 'WAITING', STEP_SUCCEEDED: null, STEP_FAILED: null,
    STEP_CANCELLED: null, STEP_SKIPPED: null };
  function renderTimeline(container, run, events) {
    const start = new Date(run.createdAt).getTime();
    const last = events.length ? new Date(events[events.length - 1].createdAt).getTime() : start;
    const end = Math.max(run.finishedAt ? new Date(run.finishedAt).getTime() : Date.now(), last, start + 1);
    const lanes = new Map(run.steps.map(step => [step.name, []]));
    const open = new Map();
    for (const event of events) {
      if (!event.stepName || !(event.type in SEGMENT) || !lanes.has(event.stepName)) continue;
      const at = new Date(event.createdAt).getTime();
      const current = open.get(event.stepName);
      if (current) current.to = at;
      const state = SEGMENT[event.type];
      if (state) {
        let worker = '';
        try { worker = event.type === 'STEP_STARTED' && event.payload ? JSON.parse(event.payload).worker || '' : ''; }
        catch (e) { worker = ''; }
        const segment = { state, from: at, to: null, attempt: event.attempt, worker, type: event.type };
        lanes.get(event.stepName).push(segment);
        open.set(event.stepName, segment);
      } else {
        open.delete(event.stepName);
      }
    }
    const span = end - start;
    const rows = [...lanes].map(([name, segments]) => el('div', { class: 'lane', 'data-step': name },
      el('span', { class: 'mono' }, name.length > 22 ? name.slice(0, 21) + '…' : name),
      el('div', { class: 'track' }, segments.map(s => {
        const to = s.to === null ? end : s.to;
        const bar = el('div', { class: 'seg s-' + s.state, title: s.type.replace('STEP_', '').toLowerCase() +
          ' attempt ' + (s.attempt || '') + (s.worker ? ' on ' + s.worker : '') + ', ' + (to - s.from) + ' ms' });
        bar.style.left = ((s.from - start) / span * 100) + '%';
        bar.style.width = Math.max(0.3, (to - s.from) / span * 100) + '%';
        return bar;
      }))));
    container.replaceChildren(...rows, el('p', { class: 'muted' }, 'grey: queued or held back, blue: running, ' +
      'purple: waiting; ' + duration(new Date(start).toISOString(), new Date(end).toISOString()) + ' in all'));
  }

  function eventRow(event) {
    const payload = event.payload && event.payload !== '{}' ? event.payload : '';
    return el('tr', { 'data-seq': event.seq },
      el('td', { class: 'mono muted' }, String(event.seq)), el('td', { class: 'muted nowrap' },
        new Date(event.createdAt).toLocaleTimeString()), el('td', { class: 'mono' }, event.type),
      el('td', {}, event.stepName || ''), el('td', { class: 'mono', title: payload },
        payload.length > 120 ? payload.slice(0, 119) + '…' : payload));
  }

  // Server-Sent Events read with fetch, not EventSource: EventSource cannot send an Authorization header, and
  // the token must not travel in a URL or cookie. After a dropped connection it resumes from the last sequence
  // number it saw (Last-Event-ID), so nothing is missed or repeated.
  function stream(id, onEvent, notice, onEnd) {
    let lastSeq = 0;
    const connect = async () => {
      const controller = new AbortController();
      page.aborts.push(controller);
      try {
        const headers = { Authorization: 'Bearer ' + token() };
        if (lastSeq > 0) headers['Last-Event-ID'] = String(lastSeq);
        const response = await fetch('/api/runs/' + id + '/stream', { headers, signal: controller.signal });
        if (!response.ok) throw new Error('HTTP ' + response.status);
        notice.textContent = 'live';
        let ended = false;
        await readEvents(response, fields => {
          if (fields.event === 'end') return (ended = true);
          if (fields.event === 'run') {
            const event = JSON.parse(fields.data);
            lastSeq = event.seq;
            onEvent(event);
          }
          return false;
        });
        if (ended) { notice.textContent = 'run finished; the log is complete'; onEnd(); return; }
        throw new Error('connection closed');
      } catch (e) {
        if (controller.signal.aborted) return;
        notice.textContent = 'reconnecting after ' + e.message + ' (from event ' + lastSeq + ')';
        later(connect, 1000);
      }
    };
    connect();
  }

  // Reads a text/event-stream body, calling onEvent({ event, data, id }) for each event (comment-only blocks, the
  // heartbeats, are skipped) until the body ends or onEvent returns true.
  async function readEvents(response, onEvent) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const lines = buffer.slice(0, cut).split('\n').filter(line => !line.startsWith(':'));
        buffer = buffer.slice(cut + 2);
        if (!lines.length) continue;
        const fields = { event: 'message', data: '' };
        lines.forEach(line => {
          const colon = line.indexOf(':');
          const key = colon < 0 ? line : line.slice(0, colon);
          const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (key === 'data') fields.data += val; else fields[key] = val;
        });
        if (onEvent(fields)) { reader.cancel().catch(() => {}); return; }
      }
    }
  }

  // ---- workers, schedules, flow control, tokens ----
  function table(id, headings, rows) {
    return el('table', { id }, el('thead', {}, el('tr', {}, headings.map(h => el('th', {}, h)))),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: headings.length, class: 'muted' }, 'None.'))));
  }

  async function showWorkers() {
    let body;
    try { body = await api('workers'); } catch (e) {
      main.replaceChildren(el('h1', {}, 'Workers'), el('p', { class: 'error' }, e.message));
      return;
    }
    const rows = body.workers.map(w => {
      const mismatch = w.definitions.some(d => !d.accepted || (d.engineFingerprint && d.fingerprint !==
        d.engineFingerprint));
      return el('tr', { class: mismatch ? 'mismatch' : '', 'data-worker': w.workerId },
        el('td', { class: 'mono' }, w.workerId), el('td', {}, w.kind), el('td', {}, badge(w.state)),
        el('td', {}, w.host || ''), el('td', {}, chips(w.labels)),
        el('td', {}, w.slotsUsed + ' used / ' + (w.slots - w.slotsUsed) + ' free'),
        el('td', {}, w.definitions.map(d => el('div', { class: d.accepted ? '' : 'error' }, d.workflowName + ' ',
          el('span', { class: 'mono muted' }, String(d.fingerprint).slice(0, 10)),
          d.accepted ? '' : ' (fingerprint mismatch: no work)'))),
        el('td', {}, time(w.connection && w.connection.lastHeartbeatAt)));
    });
    main.replaceChildren(el('h1', {}, 'Workers'), table('workers', ['Worker', 'Kind', 'State', 'Host', 'Labels',
      'Slots', 'Definitions', 'Last heartbeat'], rows));
    later(showWorkers, 5000);
  }

  async function showSchedules() {
    const body = await api('schedules');
    main.replaceChildren(el('h1', {}, 'Schedules'), table('schedules', ['Name', 'Workflow', 'Cron', 'Time zone',
      'Paused', 'Next due', 'Last tick', 'Last run'], body.schedules.map(s => el('tr', {},
      el('td', {}, s.name), el('td', {}, s.workflowName), el('td', { class: 'mono' }, s.cron), el('td', {}, s.timeZone),
      el('td', {}, s.paused ? 'paused' : ''), el('td', {}, time(s.nextDueAt)), el('td', {}, time(s.lastTickAt)),
      el('td', {}, s.lastRunId ? el('a', { href: '#/runs/' + s.lastRunId, class: 'mono' }, shortId(s.lastRunId)) : '')))));
  }

  async function showFlow() {
    const body = await api('flow-control');
    main.replaceChildren(el('h1', {}, 'Flow control'), el('h2', {}, 'Rate limits'),
      table('rate-limits', ['Name', 'Units', 'Per'], body.rateLimits.map(l => el('tr', {}, el('td', {}, l.name),
        el('td', {}, String(l.units)), el('td', {}, l.period)))),
      el('h2', {}, 'Concurrency and rate keys'),
      table('flow-keys', ['Kind', 'Rule', 'Key', 'Limit', 'Held', 'Used in period', 'Queued behind'],
        body.keys.map(k => el('tr', { 'data-rule': k.rule, 'data-key': k.key }, el('td', {}, k.kind),
          el('td', { class: 'mono' }, k.rule), el('td', { class: 'mono' }, k.key),
          el('td', {}, k.maxUnits === null ? 'none' : k.maxUnits + (k.periodMillis ? ' per ' + k.periodMillis + ' ms' : '')),
          el('td', {}, k.kind === 'CONCURRENCY' ? String(k.held) : ''),
          el('td', {}, k.kind === 'RATE' ? String(k.used) : ''), el('td', {}, String(k.queued))))));
    later(showFlow, 3000);
  }

  async function showTokens() {
    let body;
    try { body = await api('tokens'); } catch (e) {
      main.replaceChildren(el('h1', {}, 'Tokens'), el('p', { class: 'error' }, e.message));
      return;
    }
    main.replaceChildren(el('h1', {}, 'Tokens'), table('tokens', ['Id', 'Name', 'Role', 'Created', 'Expires',
      'Revoked', 'Worker'], body.tokens.map(t => el('tr', {}, el('td', { class: 'mono' }, t.id), el('td', {}, t.name),
      el('td', {}, t.role), el('td', {}, time(t.createdAt)), el('td', {}, time(t.expiresAt)),
      el('td', {}, time(t.revokedAt)), el('td', {}, t.workerId || '')))));
  }

  document.getElementById('logout').addEventListener('click', () => { logout(''); location.hash = '#/runs'; });
  window.addEventListener('hashchange', route);
  // The page and the role line load side by side: a refused token logs out from either answer.
  route();
  if (token()) whoami().catch(() => {});
})();
