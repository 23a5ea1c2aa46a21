/** The fixed sample ticket of the printing tests, the sample images and the docs. */
import type { PrintableTicket } from '../../server/printing/ticket-layout.js';

export const SAMPLE_TICKET: PrintableTicket = {
  officeName: 'Trung tâm Phục vụ hành chính công phường Phúc Diễn',
  heading: 'SỐ THỨ TỰ',
  number: '2005',
  serviceName: 'Chứng thực',
  priority: false,
  ahead: 7,
  waitText: 'khoảng 15 phút',
  // 2026-11-30 08:05 in Asia/Ho_Chi_Minh (UTC+7): 01:05 UTC.
  issuedAt: Date.UTC(2026, 10, 30, 1, 5),
  timeZone: 'Asia/Ho_Chi_Minh',
  phoneUrl: 'http://192.168.1.10:8080/t/Xb3kq9Zr0aLmN2pQ4sT6vw',
  footer: 'Vui lòng chờ gọi số',
};
