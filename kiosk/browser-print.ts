/**
 * Printer mode `browser`: the kiosk prints the server's 80 mm HTML ticket page itself. The page is
 * loaded in a hidden iframe and printed once loaded; Chromium started with `--kiosk-printing` prints
 * without a dialog. This mode is blind to paper state (docs/printing.md).
 */
let frame: HTMLIFrameElement | undefined;

export function ticketPrintPath(ticketId: string): string {
  return `/t/${encodeURIComponent(ticketId)}/print`;
}

export function printInBrowser(ticketId: string): void {
  // One frame at a time: the previous ticket has long been handed to the print spooler.
  frame?.remove();
  const f = document.createElement('iframe');
  f.className = 'print-frame';
  f.setAttribute('aria-hidden', 'true');
  f.tabIndex = -1;
  f.title = 'print';
  f.addEventListener('load', () => {
    try {
      f.contentWindow?.focus();
      f.contentWindow?.print();
    } catch {
      // The page did not load as ours (an error page from another origin): nothing to print.
    }
  });
  f.src = ticketPrintPath(ticketId);
  document.body.appendChild(f);
  frame = f;
}
