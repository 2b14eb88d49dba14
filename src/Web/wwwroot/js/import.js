// Import progress, pushed by the web node over SignalR; the page reloads with the result when the import is done.
(() => {
  'use strict';
  const box = document.getElementById('import');
  if (!box || !window.signalR) return;
  const id = box.dataset.importId;
  const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/live').withAutomaticReconnect().build();
  connection.on('progress', p => {
    if (p.importId !== id) return;
    const bar = document.getElementById('import-progress');
    bar.max = p.total; bar.value = p.processed;
    document.getElementById('import-count').textContent = `${p.processed} / ${p.total}`;
    for (const k of ['accepted', 'duplicates', 'rejected']) document.getElementById(k).textContent = p[k];
  });
  connection.on('import', r => { if (r && r.importId === id) location.reload(); });
  connection.start().then(async () => {
    await connection.invoke('WatchImport', id);
    const r = await fetch(location.href, { headers: { 'X-Status-Check': '1' } }); // finished before we subscribed?
    if (r.ok && !(await r.text()).includes('data-status="running"')) location.reload();
  }).catch(() => setTimeout(() => location.reload(), 2000));
})();
