// Operator console: keyboard shortcuts (Alt+key on elements with data-key), live queue counts and person changes
// (SignalR), call timer, draft autosave, script hints, CTAI referral. The pages work without it.
(() => {
  'use strict';
  document.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.altKey) {
      const enter = document.querySelector('[data-key="Enter"]');
      if (enter && (document.activeElement === document.body || document.activeElement === enter)) { e.preventDefault(); enter.click(); }
      return;
    }
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    const el = document.querySelector(`[data-key="${e.key.toLowerCase()}"]`);
    if (el) { e.preventDefault(); el.click(); }
  });

  const call = document.querySelector('.call');
  const form = document.getElementById('outcome-form');

  // Timer since "Début d'appel".
  const elapsed = document.getElementById('elapsed');
  if (elapsed) {
    const started = Number(elapsed.dataset.started);
    const tick = () => { const s = Math.max(0, Math.floor((Date.now() - started) / 1000));
      elapsed.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`; };
    tick(); setInterval(tick, 1000);
  }

  // Hints of the script: shown when their value is chosen.
  const hints = () => document.querySelectorAll('.hint[data-when]').forEach(h => {
    const [field, value] = h.dataset.when.split(':');
    const checked = document.querySelector(`input[name="${field}"]:checked`);
    h.hidden = !(checked && checked.value === value);
  });
  hints();

  // CTAI referral: one action records the need of support and shows the department's CTAI.
  const ctai = document.getElementById('ctai-referral');
  if (ctai) ctai.addEventListener('click', () => {
    document.getElementById('support-needed').value = 'true';
    document.getElementById('ctai-contact').hidden = false;
    saveDraft();
  });

  // Draft: everything typed is kept with the claim, so a reload loses nothing.
  let timer = null;
  function saveDraft() {
    if (!form || !call) return;
    const data = new FormData(form); // carries the antiforgery token of the form
    fetch(`/Console/Call/${call.dataset.callId}?handler=Draft`, { method: 'POST', body: new URLSearchParams(data) });
  }
  if (form) form.addEventListener('input', () => { hints(); clearTimeout(timer); timer = setTimeout(saveDraft, 400); });

  // Live updates.
  if (!window.signalR) return;
  const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/live').withAutomaticReconnect().build();
  connection.on('queue', counts => {
    const table = document.getElementById('queue-counts');
    if (!table) return;
    let total = 0;
    for (const [type, n] of Object.entries(counts)) {
      const cell = table.querySelector(`td[data-type="${type}"]`);
      if (cell) cell.textContent = n;
      total += n;
    }
    const t = table.querySelector('td[data-type="total"]');
    if (t) t.textContent = total;
  });
  connection.on('person', async () => {
    if (!call) return;
    const r = await fetch(`/Console/Call/${call.dataset.callId}?handler=Timeline`);
    if (r.ok) document.getElementById('timeline').innerHTML = await r.text();
  });
  connection.start().then(() => { if (call) connection.invoke('WatchPerson', call.dataset.personId); }).catch(() => {});
})();
