// Vue hebdomadaire: trend charts from the page's JSON data block.
(() => {
  Chart.defaults.animation = false;
  const d = JSON.parse(document.getElementById('week-data').textContent);
  const line = (label, data, color) => ({ label, data, borderColor: color, backgroundColor: color });
  new Chart(document.getElementById('chart-trend'), { type: 'line', data: { labels: d.labels, datasets: [
    line(d.names.callsToMake, d.callsToMake, '#7a3db8'), line(d.names.callsMade, d.callsMade, '#0b5cad'),
    line(d.names.smsSent, d.smsSent, '#1d7a3a'), line(d.names.questionnaires, d.questionnaires, '#b36b00')] }, options: { scales: { y: {
      beginAtZero: true } } } });
  new Chart(document.getElementById('chart-persons'), { type: 'line', data: { labels: d.labels, datasets: [
    line(d.names.persons, d.persons, '#0b5cad'), line(d.names.inclusions, d.inclusions, '#1d7a3a')] }, options: { scales: { y: {
      beginAtZero: true } } } });
})();
// Vue hebdomadaire › Simulation: calls due, calls made and backlog over the next 7 days under the form's what-if.
(() => {
  const w = JSON.parse(document.getElementById('week-data').textContent).whatIf;
  const canvas = document.getElementById('chart-whatif');
  if (!w || !canvas) return;
  new Chart(canvas, { data: { labels: w.labels, datasets: [
    { type: 'bar', label: w.names.due, data: w.due, backgroundColor: '#7a3db8' },
    { type: 'bar', label: w.names.made, data: w.made, backgroundColor: '#0b5cad' },
    { type: 'line', label: w.names.backlog, data: w.backlog, borderColor: '#b3261e', backgroundColor: '#b3261e' }] },
    options: { scales: { y: { beginAtZero: true } } } });
})();
