// news-signals status page: polls /api/status every 2 s and renders it. Plain DOM, no build step; every value is
// inserted as text (never as HTML), since feed titles, sentences and URLs come from untrusted feeds.
'use strict';

const COLORS = {ACTIVE: '#2e7d32', EXCLUSIVE: '#1565c0', NON_EXCLUSIVE: '#8e24aa', STRAINED: '#ef6c00',
  ENDED: '#c62828', NONE: '#999'};
let selectedPair = null;
let lastStatus = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c)));
  return e;
}

function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  const secs = Math.round((Date.now() - d.getTime()) / 1000);
  const rel = Math.abs(secs) < 90 ? `${Math.abs(secs)} s` : Math.abs(secs) < 5400 ? `${Math.round(Math.abs(secs) / 60)} min`
    : `${Math.round(Math.abs(secs) / 3600)} h`;
  return `${d.toISOString().replace('T', ' ').slice(0, 19)} (${secs >= 0 ? rel + ' ago' : 'in ' + rel})`;
}

function link(url, text) {
  if (!url || !/^https?:\/\//i.test(url)) return document.createTextNode(text || '');
  return el('a', {href: url, target: '_blank', rel: 'noopener noreferrer'}, text || url);
}

function fill(tableId, rows, render, empty) {
  const body = document.querySelector(`#${tableId} tbody`);
  body.replaceChildren();
  if (!rows || rows.length === 0) {
    const cols = document.querySelectorAll(`#${tableId} thead th`).length;
    body.append(el('tr', {}, el('td', {colspan: cols, class: 'muted'}, empty)));
    return;
  }
  rows.forEach(r => body.append(render(r)));
}

function statusSpan(s) {
  return el('span', {class: 'status-' + (s || 'NONE')}, s || 'none');
}

function pairName(p) { return p.join(' – '); }

function render(s) {
  lastStatus = s;
  document.getElementById('process').textContent = s.process;
  const ready = document.getElementById('ready');
  ready.textContent = s.ready ? 'READY' : 'NOT READY';
  ready.className = 'badge ' + (s.ready ? 'ok' : 'bad');
  document.getElementById('updated').textContent = 'updated ' + new Date(s.now).toLocaleTimeString();
  const nr = document.getElementById('not-ready');
  const reasons = Object.entries(s.notReady || {}).map(([k, v]) => `${k}: ${v}`);
  nr.hidden = reasons.length === 0;
  nr.textContent = reasons.join(' · ');

  const tp = document.getElementById('throughput');
  tp.replaceChildren();
  const labels = {articlesPublished: 'articles published', articlesEnriched: 'articles enriched', alerts: 'alerts'};
  for (const [k, v] of Object.entries(s.throughput || {})) {
    tp.append(el('div', {class: 'card', 'data-series': k}, el('b', {}, `${v.perMinute}/min`),
      `${labels[k] || k} (total ${v.total})`));
  }

  document.getElementById('feeds-section').hidden = !('feeds' in s);
  fill('feeds', s.feeds, f => el('tr', {class: f.lastErrorKind ? 'error' : ''},
    el('td', {}, el('b', {}, f.name || ''), el('br'), link(f.url, f.url)),
    el('td', {}, when(f.lastSuccess)),
    el('td', {}, f.lastErrorKind ? `${f.lastErrorKind}: ${f.lastError || ''} (${when(f.lastErrorAt)})` : '—'),
    el('td', {class: 'num'}, f.articlesPublished),
    el('td', {}, when(f.nextPoll))), 'no feeds');

  document.getElementById('lag-section').hidden = !('lag' in s);
  fill('lag', s.lag, l => el('tr', {}, el('td', {}, l.group), el('td', {}, l.topic),
    el('td', {class: 'num'}, l.records)), 'not measured yet');

  document.getElementById('alerts-section').hidden = !('alerts' in s);
  fill('alerts', s.alerts, a => el('tr', {class: 'alert'},
    el('td', {}, when(a.detectedAt)),
    el('td', {}, el('a', {class: 'pair', onclick: () => selectPair(a.pair)}, pairName(a.pair))),
    el('td', {}, statusSpan(a.previous), ' → ', statusSpan(a.current),
      a.type === 'partnership.corroborated' ? ` (corroborated ×${a.corroborationCount})` : ''),
    el('td', {class: 'num'}, (a.confidence ?? 0).toFixed(2)),
    el('td', {}, a.evidence.source),
    el('td', {class: 'evidence'}, '“' + a.evidence.sentence + '” ', link(a.evidence.url, 'article'))),
    'no alerts yet');

  document.getElementById('graph-section').hidden = !('pairs' in s);
  drawGraph(s.pairs || []);
  renderPairHistory();

  document.getElementById('config-section').hidden = !('config' in s);
  fill('config', s.config, c => el('tr', {}, el('td', {}, el('code', {}, c.env || c.name)),
    el('td', {}, c.value), el('td', {}, c.defaultValue ?? c['default'] ?? ''), el('td', {}, c.doc || '')),
  'no settings');
}

function drawGraph(pairs) {
  const svg = document.getElementById('graph');
  const ns = 'http://www.w3.org/2000/svg';
  svg.replaceChildren();
  const names = [...new Set(pairs.flatMap(p => p.pair))].sort();
  const w = 640, h = 420, cx = w / 2, cy = h / 2, r = Math.min(w, h) / 2 - 60;
  const pos = {};
  names.forEach((n, i) => {
    const a = 2 * Math.PI * i / Math.max(1, names.length) - Math.PI / 2;
    pos[n] = [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
  for (const p of pairs) {
    const [a, b] = p.pair;
    const line = document.createElementNS(ns, 'line');
    line.setAttribute('x1', pos[a][0]); line.setAttribute('y1', pos[a][1]);
    line.setAttribute('x2', pos[b][0]); line.setAttribute('y2', pos[b][1]);
    line.setAttribute('stroke', COLORS[p.status] || '#999');
    line.setAttribute('class', 'edge');
    line.setAttribute('data-pair', p.pair.join('|'));
    line.setAttribute('data-status', p.status);
    line.addEventListener('click', () => selectPair(p.pair));
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${pairName(p.pair)}: ${p.status}`;
    line.append(title);
    svg.append(line);
  }
  for (const n of names) {
    const g = document.createElementNS(ns, 'g');
    g.setAttribute('class', 'node');
    g.setAttribute('data-name', n);
    const c = document.createElementNS(ns, 'circle');
    c.setAttribute('cx', pos[n][0]); c.setAttribute('cy', pos[n][1]); c.setAttribute('r', 7);
    c.setAttribute('fill', '#37474f');
    const t = document.createElementNS(ns, 'text');
    const right = pos[n][0] >= cx;
    t.setAttribute('x', pos[n][0] + (right ? 10 : -10)); t.setAttribute('y', pos[n][1] + 4);
    t.setAttribute('text-anchor', right ? 'start' : 'end');
    t.textContent = n;
    g.append(c, t);
    svg.append(g);
  }
  const legend = document.getElementById('legend');
  legend.replaceChildren(...Object.entries(COLORS).filter(([k]) => k !== 'NONE')
    .map(([k, v]) => el('span', {}, el('i', {style: `background:${v}`}), k)));
}

function selectPair(pair) {
  selectedPair = pair.join('|');
  renderPairHistory();
}

function renderPairHistory() {
  const box = document.getElementById('pair-history');
  const p = lastStatus && (lastStatus.pairs || []).find(x => x.pair.join('|') === selectedPair);
  box.hidden = !p;
  if (!p) return;
  document.getElementById('pair-title').textContent = `${pairName(p.pair)}: now ${p.status}`;
  const rows = document.getElementById('pair-rows');
  rows.replaceChildren(...p.alerts.map(a => el('tr', {},
    el('td', {}, when(a.detectedAt)), el('td', {}, statusSpan(a.previous), ' → ', statusSpan(a.current)),
    el('td', {}, a.type === 'partnership.corroborated' ? 'corroborated' : 'status changed'),
    el('td', {}, '“' + a.evidence.sentence + '” ', link(a.evidence.url, 'article')),
    el('td', {}, a.evidence.source))));
}

async function refresh() {
  try {
    const r = await fetch('/api/status', {cache: 'no-store'});
    render(await r.json());
  } catch (e) {
    const ready = document.getElementById('ready');
    ready.textContent = 'UNREACHABLE';
    ready.className = 'badge bad';
  }
}

refresh();
setInterval(refresh, 2000);
