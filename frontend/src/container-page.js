// The container page (templates/containers/detail.html): stats charts, the log's follow / pause / search, and
// the action buttons' state. Nothing here builds markup from text: the server renders (and escapes) every
// sample and line; we read numbers from data-* attributes, move and hide elements, and set textContent.
import uPlot from 'uplot';

// ---- Stats charts: one point per sample the page's stats stream swaps in (#stats-now), the newest KEEP.
const KEEP = 120;
const HEIGHT = 170;
const charts = new WeakMap();

const number = (value) => (value === undefined || value === '' ? null : Number(value));

const bytes = (value) => {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let amount = Math.abs(value);
  let unit = 0;
  while (amount >= 1024 && unit < units.length - 1) {
    amount /= 1024;
    unit += 1;
  }
  const digits = unit === 0 && Number.isInteger(amount) ? 0 : 1; // an axis tick may be half a byte a second
  return `${(value < 0 ? -amount : amount).toFixed(digits)} ${units[unit]}`;
};

const fromZero = (u, min, max) => [0, max > 0 ? max * 1.15 : 1];

const chartOptions = (kind, width, limit) => {
  const time = { label: 'Time' };
  if (kind === 'cpu') {
    return {
      width, height: HEIGHT, scales: { y: { range: fromZero } },
      series: [time, { label: 'CPU', stroke: '#1f5fbf', fill: 'rgba(31,95,191,.12)', width: 2,
        value: (u, v) => (v === null ? '—' : `${v.toFixed(1)} %`) }],
      axes: [{}, { size: 60, values: (u, ticks) => ticks.map((v) => `${v.toFixed(v < 10 ? 1 : 0)} %`) }],
    };
  }
  const series = kind === 'memory'
    ? [{ label: 'Used', stroke: '#1e7a3c', fill: 'rgba(30,122,60,.12)', width: 2, value: (u, v) => bytes(v) }]
    : [{ label: 'Received', stroke: '#1f5fbf', width: 2, value: (u, v) => (v === null ? '—' : `${bytes(v)}/s`) },
      { label: 'Sent', stroke: '#b3261e', width: 2, value: (u, v) => (v === null ? '—' : `${bytes(v)}/s`) }];
  if (kind === 'memory' && limit) {
    series.push({ label: 'Limit', stroke: '#7a5a00', width: 1, dash: [6, 4], value: (u, v) => bytes(v) });
  }
  return {
    width, height: HEIGHT, scales: { y: { range: fromZero } }, series: [time, ...series],
    axes: [{}, { size: 76, values: (u, ticks) => ticks.map((v) => bytes(v)) }],
  };
};

/** The three charts' data from the samples: rates from each pair of consecutive cumulative counters. */
const dataOf = (samples, limit) => {
  const t = samples.map((s) => s.at);
  const rate = (key) => samples.map((s, i) => {
    if (i === 0) return null;
    const prev = samples[i - 1];
    const seconds = s.at - prev.at;
    const delta = s[key] - prev[key];
    return seconds > 0 && delta >= 0 ? delta / seconds : null; // a counter that went back: the container restarted
  });
  const memory = [t, samples.map((s) => s.memory)];
  if (limit) memory.push(samples.map(() => limit));
  return {
    cpu: [t, samples.map((s) => s.cpu)],
    memory,
    network: [t, rate('rx'), rate('tx')],
  };
};

const setUpCharts = (root) => {
  if (charts.has(root)) return charts.get(root);
  root.hidden = false;
  const limit = number(root.dataset.memoryLimit);
  const state = { samples: [], limit, plots: {} };
  for (const figure of root.querySelectorAll('figure.chart')) {
    const plot = figure.querySelector('.plot');
    const kind = figure.dataset.chart;
    const empty = kind === 'network' || (kind === 'memory' && limit) ? [[], [], []] : [[], []];
    state.plots[kind] = { figure, plot, uplot: new uPlot(chartOptions(kind, plot.clientWidth || 300, limit), empty, plot) };
  }
  if (window.ResizeObserver) {
    new ResizeObserver(() => {
      for (const { plot, uplot } of Object.values(state.plots)) {
        if (plot.clientWidth > 0 && plot.clientWidth !== uplot.width) uplot.setSize({ width: plot.clientWidth, height: HEIGHT });
      }
    }).observe(root);
  }
  charts.set(root, state);
  return state;
};

const addSample = (root, sample) => {
  const state = setUpCharts(root);
  const last = state.samples[state.samples.length - 1];
  if (last && sample.at <= last.at) return; // the same sample again (a reconnect starts with the newest)
  state.samples.push(sample);
  if (state.samples.length > KEEP) state.samples.splice(0, state.samples.length - KEEP);
  const data = dataOf(state.samples, state.limit);
  for (const [kind, { figure, uplot }] of Object.entries(state.plots)) {
    uplot.setData(data[kind]);
    uplot.setLegend({ idx: state.samples.length - 1 }); // the legend shows the newest values until a pointer picks others
    figure.dataset.points = String(state.samples.length);
  }
};

const sampleOf = (panel) => {
  const dl = panel.querySelector('.stats-sample');
  if (!dl) return null;
  const d = dl.dataset;
  return { at: Number(d.at) / 1000, cpu: number(d.cpu), memory: number(d.memory), rx: number(d.rx), tx: number(d.tx) };
};

// ---- The log: follow, pause, search.
const log = { lastBefore: new WeakMap(), held: 0, pausedAt: null, autoTop: 0 };

const logParts = () => ({
  panel: document.getElementById('log'),
  follow: document.getElementById('log-follow'),
  pause: document.getElementById('log-pause'),
  held: document.getElementById('log-held'),
  search: document.getElementById('log-search'),
  count: document.getElementById('log-count'),
});

const paused = (parts) => parts.pause && parts.pause.getAttribute('aria-pressed') === 'true';

const toBottom = (panel) => {
  panel.scrollTop = panel.scrollHeight;
  log.autoTop = panel.scrollTop;
};

const matches = (line, query) => !query || (line.querySelector('.text')?.textContent ?? line.textContent).toLowerCase().includes(query);

const countMatches = (parts) => {
  if (!parts.count || !parts.panel) return;
  const query = parts.search.value.trim().toLowerCase();
  if (!query) {
    parts.count.textContent = '';
    return;
  }
  const shown = [...parts.panel.querySelectorAll('.line:not(.held)')];
  const found = shown.filter((line) => !line.classList.contains('filtered-out')).length;
  parts.count.textContent = `${found} of ${shown.length} lines match`;
};

const filter = (parts, lines) => {
  const query = parts.search ? parts.search.value.trim().toLowerCase() : '';
  for (const line of lines) line.classList.toggle('filtered-out', !matches(line, query));
};

const showHeld = (parts) => {
  parts.held.textContent = log.held === 0 ? '' : `${log.held} new ${log.held === 1 ? 'line' : 'lines'}`;
};

/** Lines the newest message added: those after the element that was last before it. */
const newLines = (panel) => {
  const before = log.lastBefore.get(panel);
  const lines = [];
  let node = before && before.parentNode === panel ? before.nextElementSibling : panel.firstElementChild;
  for (; node; node = node.nextElementSibling) {
    if (node.classList.contains('line')) lines.push(node);
  }
  return lines;
};

const setPaused = (parts, pause) => {
  parts.pause.setAttribute('aria-pressed', String(pause));
  parts.pause.textContent = pause ? 'Resume' : 'Pause';
  if (!pause) {
    for (const line of parts.panel.querySelectorAll('.line.held')) line.classList.remove('held');
    log.held = 0;
    showHeld(parts);
    countMatches(parts);
    if (parts.follow.checked) toBottom(parts.panel);
  }
};

const setUpLog = () => {
  const parts = logParts();
  if (!parts.panel || parts.panel.dataset.ready) return;
  parts.panel.dataset.ready = 'true';
  parts.panel.parentElement.querySelector('.log-tools').hidden = false;
  parts.pause.addEventListener('click', () => setPaused(parts, !paused(parts)));
  parts.follow.addEventListener('change', () => {
    if (parts.follow.checked && !paused(parts)) toBottom(parts.panel);
  });
  parts.search.addEventListener('input', () => {
    filter(parts, parts.panel.querySelectorAll('.line'));
    countMatches(parts);
  });
  // scrolling up to read turns follow off; following scrolls only down, so any step up is the reader's
  parts.panel.addEventListener('scroll', () => {
    if (parts.follow.checked && parts.panel.scrollTop < log.autoTop - 2) parts.follow.checked = false;
  });
};

// ---- Action buttons: the state they fit is the live state badge's.
const syncActions = () => {
  for (const actions of document.querySelectorAll('[data-state-of]')) {
    const badge = document.getElementById(actions.dataset.stateOf);
    const state = badge ? badge.textContent.trim() : '';
    if (state && actions.dataset.state !== state) actions.dataset.state = state;
  }
};

// ---- Wiring
document.addEventListener('htmx:sseBeforeMessage', (event) => {
  const panel = event.target;
  if (panel.id === 'log') log.lastBefore.set(panel, panel.lastElementChild);
});

document.addEventListener('htmx:sseMessage', (event) => {
  const panel = event.target;
  if (panel.id === 'stats-now') {
    const root = document.getElementById('stats-charts');
    const sample = sampleOf(panel);
    if (root && sample) addSample(root, sample);
    return;
  }
  if (panel.id !== 'log') return;
  setUpLog();
  const parts = logParts();
  const lines = newLines(panel);
  filter(parts, lines);
  if (paused(parts)) {
    for (const line of lines) line.classList.add('held');
    log.held += lines.length;
    showHeld(parts);
  } else if (parts.follow.checked) {
    toBottom(panel);
  }
  countMatches(parts);
});

document.addEventListener('htmx:sseOpen', (event) => {
  if (event.target.id === 'log') {
    log.held = 0; // live.js empties the panel: its history comes again
    const parts = logParts();
    if (parts.held) showHeld(parts);
  }
});

document.addEventListener('wharf:live', syncActions);

const start = () => {
  const root = document.getElementById('stats-charts');
  if (root) setUpCharts(root);
  setUpLog();
  syncActions();
};

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}
document.addEventListener('htmx:afterSettle', () => {
  const root = document.getElementById('stats-charts');
  if (root && !charts.has(root)) start();
});
