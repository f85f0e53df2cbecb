// A row's actions (fragments/containers.html): while one runs, the row says what it is doing (its button is
// disabled by hx-disabled-elt); when it is done, the server's outcome replaces that. What htmx does not swap
// (a refusal answered with an error page, a console that does not answer) still ends in a readable message
// next to what failed, never in silence.

// a row's cell, or the container page's own group of the same buttons
const outcomeOf = (form) => form.closest('td, .page-actions')?.querySelector('output.row-outcome');

const say = (output, text, failed) => {
  const line = document.createElement('span');
  line.className = failed ? 'failed' : 'working';
  line.textContent = text; // text, never markup
  output.replaceChildren(line);
};

const why = (status) => {
  if (status === 403) return 'Refused: you may not do this (any more). Reload the page to see what you may do.';
  if (status === 404) return 'Not found: the container or its host is gone.';
  if (status === 0) return 'The console did not answer; try again.';
  return `The console could not do this (error ${status}); try again.`;
};

document.addEventListener('htmx:beforeRequest', (event) => {
  const form = event.detail.elt;
  const output = form.matches?.('form.act') && outcomeOf(form);
  if (output && form.dataset.progress) {
    say(output, form.dataset.progress, false);
  }
});

const failed = (event) => {
  const elt = event.detail.elt;
  const status = event.detail.xhr ? event.detail.xhr.status : 0;
  const output = elt.matches?.('form.act') && outcomeOf(elt);
  if (output) {
    say(output, why(status), true);
    return;
  }
  const results = elt.id === 'filters' || elt.closest?.('#fleet-results') ? document.getElementById('fleet-results') : null;
  if (results) {
    const notice = document.createElement('p');
    notice.className = 'notice error';
    notice.setAttribute('role', 'alert');
    notice.textContent = `The list could not be loaded. ${why(status)}`;
    results.prepend(notice);
  }
};

document.addEventListener('htmx:responseError', failed);
document.addEventListener('htmx:sendError', failed);

// The filter form sends only the filters that are set, so the address it pushes stays short and readable.
document.addEventListener('htmx:configRequest', (event) => {
  if (event.detail.elt.id !== 'filters') {
    return;
  }
  for (const [name, value] of [...event.detail.formData.entries()]) {
    if (value === '') {
      event.detail.formData.delete(name);
    }
  }
});
