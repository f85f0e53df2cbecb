// The dashboard's fleet totals (#fleet-totals) are what its cards add up to. The server renders them; when
// the live stream changes a card's status or counts, or a card comes, goes or is fetched again, we add them
// up again from the cards themselves: each viewer's page holds exactly what that viewer may see.
const sum = (cards, selector, key) => cards.reduce((total, card) => {
  const value = card.querySelector(selector)?.dataset[key];
  return total + (value === undefined ? 0 : Number(value));
}, 0);

const addUp = () => {
  const totals = document.getElementById('fleet-totals');
  if (!totals) return;
  const cards = [...document.querySelectorAll('#host-cards > .host-card')];
  const status = (state) => cards.filter((card) => card.querySelector('.host-status')?.dataset.status === state).length;
  const values = {
    hosts: cards.length,
    up: status('up'),
    down: status('down'),
    running: sum(cards, '.count-containers', 'running'),
    paused: sum(cards, '.count-containers', 'paused'),
    stopped: sum(cards, '.count-containers', 'stopped'),
    images: sum(cards, '.count-images', 'images'),
  };
  values.unknown = values.hosts - values.up - values.down;
  for (const [key, value] of Object.entries(values)) {
    const shown = totals.querySelector(`[data-total="${key}"]`);
    if (shown) shown.textContent = String(value);
  }
};

let queued = false;
const addUpSoon = () => {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => {
    queued = false;
    addUp();
  });
};

document.addEventListener('wharf:live', addUpSoon);
document.addEventListener('htmx:afterSettle', addUpSoon);
