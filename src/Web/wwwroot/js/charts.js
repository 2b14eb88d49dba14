// Charts that speak: every chart (a canvas with role="img") in a .chart block gets its data as a table (in a
// <details> after it, reachable by keyboard) and, when it has nothing to show, its message instead of a blank box.
window.FollowUpCharts = (() => {
  'use strict';
  const value = v => (v === null || v === undefined || Number.isNaN(v) ? '—' : String(v));

  // Rewrites the block's table from the chart's data and shows the empty message when every value is 0 or missing.
  function describe(chart) {
    const block = chart.canvas.closest('.chart');
    if (!block) return;
    const data = chart.data;
    const sets = data.datasets;
    const empty = !sets.some(s => s.data.some(v => typeof v === 'number' && v !== 0));
    const message = block.querySelector('.chart-empty');
    if (message) message.hidden = !empty;
    const title = block.dataset.title || '';
    chart.canvas.setAttribute('aria-label', empty && message ? `${title} — ${message.textContent}` : title);

    const table = block.querySelector('table.chart-data');
    if (!table) return;
    const head = document.createElement('tr');
    const corner = document.createElement('th');
    corner.scope = 'col';
    corner.textContent = block.dataset.axis || '';
    head.appendChild(corner);
    for (const s of sets) { const th = document.createElement('th'); th.scope = 'col'; th.textContent = s.label || block.dataset.valueLabel || '';
      head.appendChild(th); }
    const body = document.createElement('tbody');
    (data.labels || []).forEach((label, i) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = label;
      tr.appendChild(th);
      for (const s of sets) { const td = document.createElement('td'); td.textContent = value(s.data[i]); tr.appendChild(td); }
      body.appendChild(tr);
    });
    const thead = document.createElement('thead');
    thead.appendChild(head);
    table.replaceChildren(thead, body);
  }

  // A Chart.js plugin: every chart of the page describes itself after each update.
  if (window.Chart) Chart.register({ id: 'followupDescribe', afterUpdate: describe });
  return { describe };
})();
