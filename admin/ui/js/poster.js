// Print button of the QR poster page (no inline script under the admin CSP).
document.getElementById('print')?.addEventListener('click', () => window.print());
