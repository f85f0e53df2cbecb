// The page's live stream (#live, see layout/page.html). Each event carries the server-rendered fragments
// it changed, each with an id and hx-swap-oob. htmx swaps those this page shows; we drop the rest first
// (another page's rows are not an error), and append a new row where its fragment names a container
// (data-live-insert) that this page has. A fragment without hx-swap-oob is only ever inserted, never swapped
// (a dashboard card that fetches itself); with data-live-insert-at="start" it goes first, and a container
// with data-live-keep="N" keeps its first N. The fleet table (tbody[data-live-fleet]) is sorted and paged on
// the server: a new container (data-live-new) goes on top when the view is every container, newest first,
// on its first page ("prepend"), and otherwise only shows the notice #fleet-news offering a fresh look.
// A row's actions cell is its viewer's own (hx-preserve keeps it across swaps; a new row fetches it).
// A `resync` means events were missed: reload the page's content.
// Once fragments are in, `wharf:live` tells the page's own scripts (dashboard.js adds up its totals).
import htmx from 'htmx.org';

const liveState = (state, text) => {
  document.body.dataset.live = state;
  const label = document.getElementById('live-state');
  if (label) {
    label.textContent = text;
  }
};

const reloadContent = () => {
  htmx.ajax('GET', window.location.href, { target: '#content', select: '#content', swap: 'outerHTML' });
};

const newInFleet = (row) => {
  const fleet = document.querySelector('tbody[data-live-fleet]');
  if (fleet && fleet.dataset.liveHosts !== undefined && !fleet.dataset.liveHosts.split(' ').includes(row.dataset.hostId)) {
    return; // the view shows other hosts only
  }
  if (fleet && fleet.dataset.liveFleet === 'prepend') {
    row.removeAttribute('hx-swap-oob');
    fleet.prepend(row);
    htmx.process(row);
    return;
  }
  const news = document.getElementById('fleet-news');
  if (news) {
    news.hidden = false;
  }
};

const applyFragments = (html) => {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const fragment of [...template.content.children]) {
    const oob = fragment.getAttribute('hx-swap-oob');
    if (fragment.id && document.getElementById(fragment.id)) {
      if (oob === null) fragment.remove(); // insert-only, and already here
      continue; // htmx swaps it
    }
    keepEarlyPull(fragment); // images: a pull's step that came before its panel
    const insertInto = fragment.dataset.liveInsert && document.getElementById(fragment.dataset.liveInsert);
    fragment.remove();
    if (oob !== 'true' && oob !== null) {
      continue;
    }
    if (insertInto) {
      fragment.removeAttribute('hx-swap-oob');
      insert(insertInto, fragment);
      htmx.process(fragment);
    } else if (oob === 'true' && fragment.dataset.liveNew === 'true') {
      newInFleet(fragment);
    }
  }
  if (template.content.children.length > 0) {
    htmx.swap(document.getElementById('live'), template.content, { swapStyle: 'none', swapDelay: 0, settleDelay: 0 });
  }
  document.dispatchEvent(new CustomEvent('wharf:live'));
};

const insert = (into, fragment) => {
  if (fragment.dataset.liveInsertAt !== 'start') {
    into.append(fragment);
    return;
  }
  into.prepend(fragment);
  const keep = Number(into.dataset.liveKeep);
  while (keep > 0 && into.childElementCount > keep) {
    into.lastElementChild.remove();
  }
};

document.addEventListener('htmx:sseBeforeMessage', (event) => {
  if (event.target.id !== 'live') {
    return; // a container page's stats or log panel: plain htmx swaps
  }
  event.preventDefault();
  const message = event.detail;
  if (message.type === 'resync') {
    reloadContent();
  } else {
    applyFragments(message.data);
  }
});

document.addEventListener('htmx:sseOpen', (event) => {
  if (event.target.id === 'live') {
    liveState('open', 'Live');
  } else if (event.target.classList.contains('log')) {
    event.target.replaceChildren(); // every (re)connect starts with the log's history again
  }
});

// A log panel keeps its newest lines only, so a chatty container cannot make the page grow without end.
const LOG_LINES_KEPT = 2000;
document.addEventListener('htmx:sseMessage', (event) => {
  const panel = event.target;
  if (panel.classList && panel.classList.contains('log')) {
    while (panel.childElementCount > LOG_LINES_KEPT) {
      panel.firstElementChild.remove();
    }
  }
});

document.addEventListener('htmx:sseError', (event) => {
  if (event.target.id === 'live') {
    liveState('closed', 'Reconnecting…');
  }
});

// --- images (issue #13): pull progress panels ---
// A pull's panel (#pull-<operationId>) reaches the page in the answer to the pull form, and its steps come on
// this stream. A step can come first (the stream is quicker than the form's answer): the latest such step of
// each pull is kept, and put in place as soon as its panel arrives. Every step carries the whole state.
const earlyPulls = new Map();
const EARLY_PULLS_KEPT = 20;

const keepEarlyPull = (fragment) => {
  if (!fragment.id || !fragment.id.startsWith('pull-')) {
    return;
  }
  earlyPulls.delete(fragment.id);
  earlyPulls.set(fragment.id, fragment.cloneNode(true));
  if (earlyPulls.size > EARLY_PULLS_KEPT) {
    earlyPulls.delete(earlyPulls.keys().next().value);
  }
};

document.addEventListener('htmx:afterSettle', () => {
  for (const [id, fragment] of earlyPulls) {
    const panel = document.getElementById(id);
    if (panel) {
      earlyPulls.delete(id);
      fragment.removeAttribute('hx-swap-oob');
      panel.replaceWith(fragment);
      htmx.process(fragment);
    }
  }
});
// --- end of images ---
