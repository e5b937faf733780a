'use strict';
// Draws a run's DAG as SVG with a layered layout, top to bottom (workflows are deeper than wide): a node's layer
// is the longest path from a root, nodes in a layer are ordered by their parents' places (one barycentre pass keeps
// crossings low for workflow-sized graphs).
// Every label goes in through textContent: names come from users' code and must never be parsed as markup.
const CairnGraph = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const W = 176, H = 30, GAP_X = 18, GAP_Y = 34, PAD = 12;
  const COLOURS = {
    PENDING: '#c9ced8', QUEUED: '#98a2b3', RUNNING: '#2f80ed', WAITING: '#b07ae0', SUCCEEDED: '#1f9d55',
    FAILED: '#d64545', CANCELLED: '#8a6d3b', SKIPPED: '#aab1bd', MORE: '#5c6780'
  };

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    return node;
  }

  function layers(nodes) {
    const byId = new Map(nodes.map(n => [n.id, n]));
    const depth = new Map();
    const visiting = new Set();
    const depthOf = (n) => {
      if (depth.has(n.id)) return depth.get(n.id);
      if (visiting.has(n.id)) return 0;  // a cycle cannot come from the engine; draw rather than hang
      visiting.add(n.id);
      let d = 0;
      for (const p of n.parents) if (byId.has(p)) d = Math.max(d, depthOf(byId.get(p)) + 1);
      visiting.delete(n.id);
      depth.set(n.id, d);
      return d;
    };
    nodes.forEach(depthOf);
    const columns = [];
    nodes.forEach(n => (columns[depth.get(n.id)] = columns[depth.get(n.id)] || []).push(n));
    const row = new Map();
    columns.forEach((column, c) => {
      if (c > 0) {
        const weight = n => {
          const rows = n.parents.filter(p => row.has(p)).map(p => row.get(p));
          return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : 0;
        };
        column.sort((a, b) => weight(a) - weight(b));
      }
      column.forEach((n, r) => row.set(n.id, r));
    });
    return { columns, depth, row };
  }

  function label(text) {
    return text.length > 25 ? text.slice(0, 24) + '…' : text;
  }

  // nodes: [{id, label, status, parents: [ids], kind: 'step'|'child'|'more', title}]
  function render(container, nodes, onOpen) {
    const { columns, depth, row } = layers(nodes);
    const across = Math.max(1, ...columns.map(c => c.length));
    const width = PAD * 2 + across * (W + GAP_X) - GAP_X;
    const height = PAD * 2 + columns.length * (H + GAP_Y) - GAP_Y;
    const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
    // Each layer is centred, so a lone step sits above the middle of the steps it fans out to.
    const x = n => PAD + (across - columns[depth.get(n.id)].length) * (W + GAP_X) / 2 + row.get(n.id) * (W + GAP_X);
    const y = n => PAD + depth.get(n.id) * (H + GAP_Y);
    const byId = new Map(nodes.map(n => [n.id, n]));
    const edges = svg('g');
    nodes.forEach(n => n.parents.filter(p => byId.has(p)).forEach(p => {
      const from = byId.get(p);
      const x1 = x(from) + W / 2, y1 = y(from) + H, x2 = x(n) + W / 2, y2 = y(n), mid = (y1 + y2) / 2;
      edges.appendChild(svg('path', { class: 'edge', d: `M${x1},${y1} C${x1},${mid} ${x2},${mid} ${x2},${y2}`,
        'data-from': p, 'data-to': n.id }));
    }));
    root.appendChild(edges);
    const drawn = new Map();
    nodes.forEach(n => {
      const group = svg('g', { class: 'node ' + n.kind, transform: `translate(${x(n)},${y(n)})`,
        'data-node': n.id, 'data-kind': n.kind, 'data-status': n.status });
      const rect = svg('rect', { width: W, height: H, rx: 5, fill: COLOURS[n.status] || COLOURS.MORE });
      const title = svg('title');
      title.textContent = n.title || n.label;
      const text = svg('text', { x: 10, y: H / 2 + 4 });
      text.textContent = label(n.label);
      group.append(rect, title, text);
      group.addEventListener('click', () => onOpen(n));
      root.appendChild(group);
      drawn.set(n.id, { group, rect });
    });
    container.replaceChildren(root);
    return {
      setStatus(id, status) {
        const node = drawn.get(id);
        if (!node) return;
        node.group.setAttribute('data-status', status);
        node.rect.setAttribute('fill', COLOURS[status] || COLOURS.MORE);
      }
    };
  }

  return { render, COLOURS };
})();
