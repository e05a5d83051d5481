// The /prices dashboard: the latest price table (sortable, filterable by provider), the tier trend and China's cuts.
import { html, render, useEffect, useMemo, useState } from '/vendor/preact-htm.js';
import { api } from './api.js';
import { t } from './i18n.js';
import { Chart, markdownHtml } from './reply.js';

function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

function PriceTable({ prices }) {
  // Provider, then the order the data lists them in: no column's extremes (free tiers, unit errors at the source) lead by default.
  const [sort, setSort] = useState({ column: 0, dir: 1 });
  const [provider, setProvider] = useState('');
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const kept = prices.rows.filter((r) => (provider === '' || r[0] === provider) && (needle === '' || String(r[1]).toLowerCase().includes(needle)));
    // Missing prices sort last in both directions.
    return kept.sort((a, b) => (a[sort.column] == null || b[sort.column] == null ? compare(a[sort.column], b[sort.column]) : sort.dir * compare(a[sort.column], b[sort.column])));
  }, [prices, sort, provider, filter]);
  const shown = rows.slice(0, 300);
  const header = (c, i) => html`<th class=${i >= 2 && i <= 6 ? 'num' : ''} aria-sort=${sort.column === i ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none'}>
    <button type="button" data-testid=${`sort-${i}`} onClick=${() => setSort((s) => ({ column: i, dir: s.column === i ? -s.dir : 1 }))}>${c}${sort.column === i ? (sort.dir > 0 ? ' ▲' : ' ▼') : ''}</button></th>`;
  return html`<section class="card">
    <div class="controls">
      <select data-testid="provider" aria-label=${t('provider')} onChange=${(e) => setProvider(e.target.value)}>
        <option value="">${t('all')}</option>${prices.providers.map((p) => html`<option value=${p}>${p}</option>`)}
      </select>
      <input type="search" data-testid="filter" placeholder=${t('filter')} value=${filter} onInput=${(e) => setFilter(e.target.value)} />
      <span class="count" data-testid="count">${rows.length} ${t('rows')}</span>
    </div>
    <div class="table-wrap tall"><table data-testid="prices-table">
      <thead><tr>${prices.columns.map(header)}</tr></thead>
      <tbody>${shown.map((r) => html`<tr>${r.map((v, i) => html`<td class=${i >= 2 && i <= 6 ? 'num' : ''}>${v === null ? '—' : String(v)}</td>`)}</tr>`)}</tbody>
    </table></div>
  </section>`;
}

function Section({ section, id }) {
  return html`<section class="card" id=${id}>
    <h2>${section.title}</h2>
    <div class="md" dangerouslySetInnerHTML=${{ __html: markdownHtml(section.text) }}></div>
    ${section.charts.map((c) => html`<${Chart} chart=${c} />`)}
    ${section.citations.length ? html`<details><summary>${t('sources')} (${section.citations.length})</summary><ol>${section.citations.map((c) => html`<li>${c.url ? html`<a href=${c.url} target="_blank" rel="noopener noreferrer">${c.title}</a>` : c.title}</li>`)}</ol></details>` : null}
  </section>`;
}

function Dashboard() {
  const [data, setData] = useState(null);
  const [error, setError] = useState('');
  useEffect(() => {
    void api('/api/prices').then((d) => (d.error ? setError(d.error) : setData(d)));
  }, []);
  return html`<main class="dashboard">
    <header><strong>${t('prices')}</strong><a href="/">${t('chat')}</a></header>
    ${error ? html`<div class="error" role="alert">${error}</div>` : null}
    ${data === null ? (error ? null : html`<p>${t('working')}</p>`) : html`
      <p class="meta" data-testid="meta">${t('asOf')} <strong>${data.asOf}</strong> · ${t('currency')}: ${data.currency} · ${t('sources')}:
        ${data.sources.map((s, i) => html`${i > 0 ? ' · ' : ''}${s.url ? html`<a href=${s.url} target="_blank" rel="noopener noreferrer">${s.title}</a>` : s.title}`)}</p>
      <${PriceTable} prices=${data.prices} />
      <${Section} section=${data.trend} id="trend" />
      <${Section} section=${data.cuts} id="cuts" />`}
  </main>`;
}

render(html`<${Dashboard} />`, document.getElementById('app'));
