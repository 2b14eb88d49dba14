// Admin › Éléments de langage: live GSM-7 check, segment counter and preview of each SMS template (the server checks
// again on save: this is only a guide while typing).
(() => {
  const basic = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡' +
    'ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
  const extended = '^{}\\[~]|€\f';
  const fr = document.documentElement.lang !== 'en';
  const isGsm7 = t => [...t].every(c => basic.includes(c) || extended.includes(c));
  const septets = t => [...t].reduce((n, c) => n + (extended.includes(c) ? 2 : 1), 0);
  const segments = t => {
    if (isGsm7(t)) { const n = septets(t); return n <= 160 ? 1 : Math.ceil(n / 153); }
    const n = [...t].length; return n <= 70 ? 1 : Math.ceil(n / 67);
  };
  for (const area of document.querySelectorAll('textarea[data-sms]')) {
    const count = document.getElementById(area.id + '-count');
    const preview = document.getElementById(area.id + '-preview');
    const ucs2 = area.dataset.ucs2 === 'true';
    const update = () => {
      const t = area.value.trim();
      const text = t.replaceAll('{firstName}', area.dataset.name).replaceAll('{link}', area.dataset.link);
      // Room for a first name of 10 characters, as the server requires.
      const worst = t.replaceAll('{firstName}', 'x'.repeat(10)).replaceAll('{link}', area.dataset.link);
      const gsm = isGsm7(t);
      const n = segments(worst);
      const length = gsm ? septets(worst) : [...worst].length;
      const ok = (gsm && n === 1) || (!gsm && ucs2 && n <= 2);
      const problems = [];
      if (!gsm && !ucs2) problems.push((fr ? 'caractères hors GSM-7 : ' : 'characters outside GSM-7: ')
        + [...new Set([...t].filter(c => !isGsm7(c)))].join(' '));
      for (const p of ['{firstName}', '{link}']) if (!t.includes(p)) problems.push(p + (fr ? ' manquant' : ' missing'));
      count.textContent = (gsm ? 'GSM-7' : 'UCS-2') + ' — ' + length
        + (fr ? ' caractères avec un prénom de 10, ' : ' characters with a 10-letter first name, ')
        + n + ' segment' + (n > 1 ? 's' : '') + (fr ? (ucs2 ? ' (2 au plus)' : ' (1 exigé)') : (ucs2 ? ' (at most 2)' : ' (1 required)'))
        + (problems.length ? ' — ' + problems.join(' ; ') : '');
      count.className = 'sms-count ' + (ok && problems.length === 0 ? 'ok' : 'error');
      preview.textContent = text;
    };
    area.addEventListener('input', update);
    update();
  }
})();
