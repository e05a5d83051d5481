// One bot reply as the page shows it: sanitised Markdown, fields, a table, interactive charts, sources and buttons.
import { html, useEffect, useRef, useState } from '/vendor/preact-htm.js';
import { marked } from '/vendor/marked.js';
import DOMPurify from '/vendor/purify.js';
import { drawChart } from './chart.js';
import { t } from './i18n.js';

// Links from replies open in a new tab and cannot reach back into this page.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Replies are Markdown, not HTML: raw HTML in one (from a knowledge document, an echoed line) is shown as the text it is.
marked.use({ renderer: { html: ({ text }) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]) } });

/** Markdown → HTML; DOMPurify then removes any script, handler or unknown URL scheme that got through anyway. */
export function markdownHtml(text) {
  return DOMPurify.sanitize(marked.parse(text ?? '', { breaks: true, gfm: true, async: false }), { USE_PROFILES: { html: true } });
}

function Markdown({ text }) {
  return html`<div class="md" dangerouslySetInnerHTML=${{ __html: markdownHtml(text) }}></div>`;
}

const NUMERIC = /^[\s$¥€£+\-−→×%.,0-9]+$/;

function Table({ table }) {
  const numeric = table.columns.map((_, i) => table.rows.every((r) => r[i] === null || r[i] === '—' || typeof r[i] === 'number' || NUMERIC.test(String(r[i]))));
  return html`<div class="table-wrap"><table>
    <thead><tr>${table.columns.map((c, i) => html`<th class=${numeric[i] ? 'num' : ''}>${c}</th>`)}</tr></thead>
    <tbody>${table.rows.map((r) => html`<tr>${table.columns.map((_, i) => html`<td class=${numeric[i] ? 'num' : ''}>${r[i] === null || r[i] === undefined ? '—' : String(r[i])}</td>`)}</tr>`)}</tbody>
  </table>${table.caption ? html`<div class="caption">${table.caption}</div>` : null}</div>`;
}

export function Chart({ chart }) {
  const ref = useRef(null);
  const [failed, setFailed] = useState(false);
  const key = JSON.stringify(chart.spec);
  useEffect(() => {
    let result;
    let cancelled = false;
    drawChart(ref.current, chart.spec).then((r) => (cancelled ? r.finalize() : (result = r))).catch(() => setFailed(true));
    return () => {
      cancelled = true;
      result?.finalize();
    };
  }, [key]);
  return html`<figure class="chart" data-testid="chart">
    <div class="chart-view" ref=${ref} role="img" aria-label=${chart.alt}></div>
    <figcaption>${chart.title}${chart.png ? html` · <a href=${chart.png} download=${chart.filename}>${t('png')}</a>` : null}</figcaption>
    ${failed ? html`<div class="note">${t('chartFailed')}</div>` : null}
  </figure>`;
}

export function Reply({ reply, files, onCommand }) {
  const tone = reply.tone ?? 'normal';
  return html`<div class=${`reply tone-${tone}`}>
    ${reply.title ? html`<div class="title">${tone === 'error' ? '⚠ ' : ''}${reply.title}</div>` : null}
    ${reply.text ? html`<${Markdown} text=${!reply.title && tone === 'error' ? `⚠ ${reply.text}` : reply.text} />` : null}
    ${reply.fields?.length ? html`<dl class="fields">${reply.fields.map((f) => html`<div class=${f.inline ? 'inline' : ''}><dt>${f.label}</dt><dd>${f.value}</dd></div>`)}</dl>` : null}
    ${reply.table ? html`<${Table} table=${reply.table} />` : null}
    ${(reply.charts ?? []).map((c) => html`<${Chart} chart=${c} />`)}
    ${files?.length ? html`<div class="files">${files.map((f) => (f.mime.startsWith('image/') ? html`<a href=${f.url} target="_blank"><img src=${f.url} alt=${f.title ?? f.name} /></a>` : html`<a href=${f.url} download=${f.name}>📎 ${f.title ?? f.name}</a>`))}</div>` : null}
    ${reply.citations?.length
      ? html`<div class="sources" data-testid="sources"><span>${t('sources')}:</span><ol>${reply.citations.map((c) => html`<li>${c.url ? html`<a href=${c.url} target="_blank" rel="noopener noreferrer">${c.title}</a>` : c.title}</li>`)}</ol></div>`
      : null}
    ${reply.actions?.length
      ? html`<div class="actions">${reply.actions.map((a) => html`<button type="button" class=${a.style ?? ''} title=${a.command} onClick=${() => onCommand(a.command)}>${a.label}</button>`)}</div>`
      : null}
  </div>`;
}
