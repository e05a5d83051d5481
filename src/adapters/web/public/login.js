// The login page's words in the browser's language, and the "wrong token" note after a failed try.
import { t } from './i18n.js';

for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
if (new URLSearchParams(location.search).has('failed')) document.getElementById('failed').hidden = false;
