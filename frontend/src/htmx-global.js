// htmx extensions look for a global `htmx`; set it before any extension module runs.
import htmx from 'htmx.org';

window.htmx = htmx;
