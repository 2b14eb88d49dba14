// Live dashboard: charts and numbers from the snapshot the page came with, then from every snapshot pushed over SignalR.
// The department select shows one department's figures (snapshot.byDepartment) without reloading.
(() => {
  'use strict';
  const root = document.getElementById('dashboard');
  if (!root || !window.Chart) return;
  const L = JSON.parse(document.getElementById('labels').textContent);
  const types = ['J2', 'J4', 'J7', 'J7TestFollowUp', 'J9'];
  const colors = ['#0b5cad', '#7a3db8', '#1d7a3a', '#b36b00', '#b00020'];
  const hours = [...Array(24).keys()].map(h => `${h}h`);
  Chart.defaults.animation = false;

  const perHour = new Chart(document.getElementById('chart-hours'), {
    type: 'bar', data: { labels: hours, datasets: types.map((t, i) => ({ label: L[t], data: [], backgroundColor: colors[i] })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });
  const cumulative = new Chart(document.getElementById('chart-cumulative'), {
    type: 'line', data: { labels: hours, datasets: [{ label: L.made, data: [], borderColor: colors[0] }, { label: L.toMake, data: [],
      borderColor: colors[4], borderDash: [6, 4], pointRadius: 0 }] }, options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  const duration = new Chart(document.getElementById('chart-duration'), {
    type: 'bar', data: { labels: types.map(t => L[t]), datasets: [{ label: L.seconds, data: [], backgroundColor: colors[2] }] }, options: {
      scales: { y: { beginAtZero: true } } },
  });
  const outcomes = new Chart(document.getElementById('chart-outcomes'), { type: 'doughnut', data: { labels: [], datasets: [{ data: [] }] } });

  const select = document.getElementById('department-filter');
  let department = root.dataset.department || '';
  let last = JSON.parse(root.dataset.live);

  // The figures of the chosen department (zeros when it has none today), with the operators of the whole platform.
  const shown = s => {
    if (!department) return s;
    const d = (s.byDepartment || {})[department];
    return Object.assign({ callsPerHourByType: {}, callsPerHour: [], meanCallSecondsByType: {}, outcomes: {}, callsToMakeToday: 0, callsMade: 0,
      callsRemainingToday: 0, queueLength: 0, smsSent: 0, inclusions: 0, smsAnswerRatePercent: null }, d || {}, { operators: s.operators });
  };

  // New departments appear in the select as they show up during the day.
  const offer = s => {
    if (!select) return;
    const known = new Set([...select.options].map(o => o.value));
    for (const d of Object.keys(s.byDepartment || {}).sort()) {
      if (known.has(d)) continue;
      const option = new Option(d, d);
      const after = [...select.options].find(o => o.value && o.value > d);
      select.add(option, after || null);
    }
  };

  const text = (id, v) => { const el = document.getElementById(id); if (el) el.textContent = v; };
  function render(snapshot) {
    last = snapshot;
    offer(snapshot);
    const s = shown(snapshot);
    types.forEach((t, i) => { perHour.data.datasets[i].data = (s.callsPerHourByType || {})[t] || []; });
    perHour.update();
    let sum = 0;
    const toMake = s.callsToMakeToday || 0;
    cumulative.data.datasets[0].data = (s.callsPerHour || []).map(n => (sum += n));
    cumulative.data.datasets[1].data = hours.map(() => toMake);
    cumulative.update();
    duration.data.datasets[0].data = types.map(t => (s.meanCallSecondsByType || {})[t]);
    duration.update();
    const o = Object.entries(s.outcomes || {});
    outcomes.data.labels = o.map(([k]) => L[k] || k);
    outcomes.data.datasets[0].data = o.map(([, n]) => n);
    outcomes.update();
    text('calls-to-make', s.callsToMakeToday); text('calls-made', s.callsMade); text('calls-remaining', s.callsRemainingToday); text('queue-length',
      s.queueLength);
    text('sms-sent', s.smsSent); text('inclusions', s.inclusions);
    text('sms-rate', s.smsAnswerRatePercent == null ? '— %' : `${s.smsAnswerRatePercent} %`);
    const body = document.querySelector('#operators tbody');
    body.innerHTML = '';
    for (const op of s.operators || []) {
      const tr = document.createElement('tr');
      const since = new Date(op.since).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });
      const pause = op.pauseReason ? ` (${L['pause_' + op.pauseReason] || op.pauseReason})` : '';
      for (const v of [op.operatorId, (L[op.status] || op.status) + pause, since]) { const td = document.createElement('td'); td.textContent = v;
        tr.appendChild(td); }
      body.appendChild(tr);
    }
  }
  render(last);

  if (select) select.addEventListener('change', () => {
    department = select.value;
    root.dataset.department = department;
    const url = new URL(window.location.href);
    if (department) url.searchParams.set('department', department); else url.searchParams.delete('department');
    history.replaceState(null, '', url);
    text('dashboard-scope', department ? ` — ${L.department} ${department}` : '');
    render(last);
  });

  if (!window.signalR) return;
  const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/live').withAutomaticReconnect().build();
  connection.on('dashboard', render);
  connection.onreconnected(() => connection.invoke('WatchDashboard'));
  connection.start().then(() => connection.invoke('WatchDashboard')).catch(() => {});
})();
