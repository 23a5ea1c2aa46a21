/**
 * The browser-printing fallback: the same ticket as an 80 mm HTML page, for kiosks that print from
 * Chromium (`--kiosk --kiosk-printing`: print() goes to the default printer without a dialog). It
 * handles Vietnamese through the system's fonts and draws the QR as SVG, but it cannot know whether
 * paper came out — see docs/printing.md.
 */
import QRCode from 'qrcode';
import { formatLocalDate, formatLocalTime } from '../../shared/i18n/datetime.js';
import { TICKET_LABELS, type PrintableTicket } from './ticket-layout.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (text: string): string => text.normalize('NFC').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const STYLE = `
@page { size: 80mm auto; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; background: #fff; color: #000; }
body { width: 72mm; margin: 0 auto; padding: 4mm 0 6mm; text-align: center;
  font-family: "Be Vietnam Pro", "Inter", Arial, "Segoe UI", Roboto, sans-serif; font-size: 11pt; line-height: 1.3; }
h1 { font-size: 10pt; font-weight: 700; margin: 0 0 2mm; }
.heading { font-size: 12pt; font-weight: 800; letter-spacing: 0.08em; margin: 2mm 0 0; }
.number { font-size: 44pt; font-weight: 800; line-height: 1.1; margin: 0; font-variant-numeric: tabular-nums; }
.service { font-size: 13pt; font-weight: 700; margin: 1mm 0 2mm; }
.priority { display: inline-block; border: 0.5mm solid #000; padding: 0 2mm; font-weight: 700; }
dl { margin: 2mm 0; } dt { font-size: 9pt; } dd { margin: 0 0 1.5mm; font-weight: 700; }
.qr svg { width: 34mm; height: 34mm; }
.when { font-size: 9pt; margin: 1mm 0; }
.footer { font-weight: 700; margin-top: 2mm; }
@media screen { body { border: 1px dashed #999; } }
`;

/** A complete HTML document for one ticket. */
export async function ticketHtml(t: PrintableTicket): Promise<string> {
  const qr = await QRCode.toString(t.phoneUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const when = `${formatLocalDate(t.issuedAt, t.timeZone, 'vi')} ${formatLocalTime(t.issuedAt, t.timeZone)}`;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${esc(t.heading)} ${esc(t.number)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(t.officeName)}</h1>
<p class="heading">${esc(t.heading)}</p>
<p class="number">${esc(t.number)}</p>
<p class="service">${esc(t.serviceName)}</p>
${t.priority ? `<p><span class="priority">${esc(TICKET_LABELS.priority)}</span></p>` : ''}
<dl>
<dt>${esc(TICKET_LABELS.ahead)}</dt><dd>${t.ahead}</dd>
<dt>${esc(TICKET_LABELS.wait)}</dt><dd>${esc(t.waitText)}</dd>
</dl>
<div class="qr" role="img" aria-label="QR: ${esc(t.phoneUrl)}">${qr}</div>
<p class="when">${esc(when)}</p>
<p class="footer">${esc(t.footer)}</p>
</body>
</html>
`;
}
