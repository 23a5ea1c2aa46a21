/**
 * The citizen's phone page (`/t/:ticketId`), Vietnamese first, English second. Every string is NFC
 * (precomposed letters: "ờ" is one code point), as all text in the product; `{n}`-style slots are
 * filled by `fill()`.
 *
 * Isomorphic: no DOM, no Node (the page imports it; a test checks both languages have every key).
 */

export type PhoneLang = 'vi' | 'en';

const vi = {
  pageTitle: 'Số thứ tự của bạn',
  brand: 'Lượt',
  languageGroup: 'Ngôn ngữ / Language',
  loading: 'Đang tải số thứ tự…',
  yourNumber: 'Số thứ tự của bạn',
  issuedOn: 'Ngày {date}',
  waiting: 'Đang chờ đến lượt',
  aheadMany: 'Còn {n} người trước bạn',
  aheadOne: 'Còn 1 người trước bạn',
  aheadNone: 'Bạn là người tiếp theo',
  estimateLabel: 'Thời gian chờ dự kiến',
  estimateUpdating: 'Đang cập nhật',
  keepOpen: 'Hãy giữ trang này mở: khi đến lượt, điện thoại sẽ báo cho bạn.',
  calledTitle: 'Đến lượt bạn!',
  calledAt: 'Mời bạn đến quầy số {counter}',
  calledAgain: 'Mời lần {n}',
  calledNoCounter: 'Mời bạn đến quầy',
  servingAt: 'Đang phục vụ tại quầy {counter}',
  serving: 'Đang phục vụ',
  doneTitle: 'Cảm ơn bạn đã sử dụng dịch vụ',
  doneText: 'Hồ sơ của bạn đã được tiếp nhận xong. Chúc bạn một ngày tốt lành!',
  expiredTitle: 'Số thứ tự này đã hết hiệu lực',
  expiredText:
    'Số này được cấp cho một ngày trước. Nếu bạn vẫn cần làm thủ tục, vui lòng lấy số mới tại máy lấy số.',
  noShowTitle: 'Bạn đã không có mặt khi được gọi',
  noShowText: 'Vui lòng liên hệ quầy hoặc cán bộ hướng dẫn để được xếp lại lượt.',
  cancelledTitle: 'Số thứ tự này đã bị hủy',
  cancelledText: 'Nếu bạn vẫn cần làm thủ tục, vui lòng lấy số mới tại máy lấy số.',
  transferredNotice: 'Số của bạn đã được chuyển sang: {service}',
  transferring: 'Số của bạn đang được chuyển sang quầy khác…',
  notFoundTitle: 'Không tìm thấy số thứ tự này',
  notFoundText:
    'Đường dẫn có thể chưa đúng, hoặc số đã hết hạn: số thứ tự chỉ được lưu trong vài ngày. Nếu bạn đang ở trung tâm, vui lòng hỏi cán bộ hướng dẫn hoặc lấy số mới.',
  soundOn: 'Bật âm báo',
  soundOff: 'Đã bật âm báo',
  soundHint: 'Chạm để điện thoại kêu và rung khi đến lượt bạn.',
  live: 'Đang cập nhật trực tiếp',
  connecting: 'Đang kết nối…',
  reconnecting: 'Đang kết nối lại… (vẫn tự cập nhật mỗi 5 giây)',
  offline: 'Mất kết nối mạng — đang thử lại…',
  updatedAt: 'Cập nhật lúc {time}',
  titleCalled: 'Mời đến quầy {counter}',
} as const;

export type PhoneStrings = { readonly [K in keyof typeof vi]: string };

const en: PhoneStrings = {
  pageTitle: 'Your queue number',
  brand: 'Lượt',
  languageGroup: 'Ngôn ngữ / Language',
  loading: 'Loading your ticket…',
  yourNumber: 'Your number',
  issuedOn: 'Date {date}',
  waiting: 'Waiting for your turn',
  aheadMany: '{n} people ahead of you',
  aheadOne: '1 person ahead of you',
  aheadNone: 'You are next',
  estimateLabel: 'Estimated wait',
  estimateUpdating: 'Updating',
  keepOpen: 'Keep this page open: your phone will tell you when it is your turn.',
  calledTitle: 'It is your turn!',
  calledAt: 'Please go to counter {counter}',
  calledAgain: 'Call {n}',
  calledNoCounter: 'Please go to the counter',
  servingAt: 'Being served at counter {counter}',
  serving: 'Being served',
  doneTitle: 'Thank you for using our service',
  doneText: 'Your visit is complete. Have a good day!',
  expiredTitle: 'This ticket is no longer valid',
  expiredText:
    'It was issued on an earlier day. If you still need a service, please take a new ticket at the kiosk.',
  noShowTitle: 'You were called but did not come',
  noShowText: 'Please ask at a counter or the help desk to be put back in the queue.',
  cancelledTitle: 'This ticket was cancelled',
  cancelledText: 'If you still need a service, please take a new ticket at the kiosk.',
  transferredNotice: 'Your ticket was transferred to: {service}',
  transferring: 'Your ticket is being transferred to another counter…',
  notFoundTitle: 'We cannot find this ticket',
  notFoundText:
    'The link may be wrong, or the ticket has expired: tickets are kept for a few days only. If you are at the centre, please ask the help desk or take a new ticket.',
  soundOn: 'Turn on sound',
  soundOff: 'Sound is on',
  soundHint: 'Tap so your phone beeps and vibrates when it is your turn.',
  live: 'Updating live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting… (still updating every 5 seconds)',
  offline: 'No network connection — retrying…',
  updatedAt: 'Updated at {time}',
  titleCalled: 'Go to counter {counter}',
};

export const PHONE_STRINGS: Readonly<Record<PhoneLang, PhoneStrings>> = { vi, en };

/**
 * A string with its `{name}` slots filled.
 *
 * @example
 * fill(PHONE_STRINGS.vi.calledAt, { counter: 3 }); // 'Mời bạn đến quầy số 3'
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => {
    const value = values[name];
    return value === undefined ? slot : String(value);
  });
}

/** "1.234" in Vietnamese, "1,234" in English: people ahead can run into the hundreds. */
export function formatCount(n: number, lang: PhoneLang): string {
  const digits = String(Math.trunc(n));
  const sep = lang === 'vi' ? '.' : ',';
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** A business date `YYYY-MM-DD` as written on a ticket: "30/11/2026". */
export function formatBusinessDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}
