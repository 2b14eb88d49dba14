// Daily report: its key figures as charts (calls made vs to make, mean durations by type, outcomes) from the page's
// JSON block; charts.js gives each its data table and its "nothing that day" message.
(() => {
  'use strict';
  if (!window.Chart) return;
  const d = JSON.parse(document.getElementById('report-data').textContent);
  Chart.defaults.animation = false;
  const colors = ['#7a3db8', '#0b5cad', '#b00020', '#1d7a3a', '#b36b00', '#5b6470', '#00758f', '#8a4b08'];
  new Chart(document.getElementById('chart-calls'), {
    type: 'bar', data: { labels: d.calls.labels, datasets: [{ label: d.calls.label, data: d.calls.values, backgroundColor: colors.slice(0, 3) }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  new Chart(document.getElementById('chart-durations'), {
    type: 'bar', data: { labels: d.durations.labels, datasets: [{ label: d.durations.label, data: d.durations.values, backgroundColor: colors[3] }] },
    options: { scales: { y: { beginAtZero: true } } },
  });
  new Chart(document.getElementById('chart-outcomes'), {
    type: 'doughnut', data: { labels: d.outcomes.labels, datasets: [{ label: d.outcomes.label, data: d.outcomes.values, backgroundColor: colors }] },
  });
})();
