// The console's only script: htmx, its server-sent-events extension, and the live page updates. Pages
// use hx-* attributes; there is no inline script anywhere (the Content-Security-Policy forbids it).
// Imports run in order, so the global is set before the extension registers itself on it.
import './htmx-global.js';
import 'htmx-ext-sse';
import './live.js';
import './actions.js';
import './dashboard.js';
import './container-page.js';
