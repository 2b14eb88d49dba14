// Behaviour shared by every staff page (no inline handlers: the Content-Security-Policy forbids them).
document.addEventListener('click', e => {
  if (e.target.closest('[data-print]')) window.print();
});
