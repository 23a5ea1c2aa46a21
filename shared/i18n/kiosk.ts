/**
 * Every string of the kiosk app (kiosk/), Vietnamese first. `en` must have exactly the keys of
 * `vi` (the type says so). Strings are normalised to NFC when this module loads, so an editor that
 * saves decomposed letters cannot leak them onto the screen.
 *
 * Wording rules (../shared/brief/domain.md): "Tôi thuộc diện ưu tiên?", "Bạn cần thêm thời gian?",
 * "Mất kết nối – đang kết nối lại…", dates composed by hand ("Thứ Hai, 30/11/2026 lúc 07:30").
 */
import type { PrinterState } from '../protocol/printing.js';
import { nfc } from './text.js';

export type KioskLang = 'vi' | 'en';

/** The reasons a citizen may give for priority, sent as `priorityReason` (staff see them; never printed). */
export const PRIORITY_REASONS = ['elderly', 'disability', 'pregnant', 'merit', 'child'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

/** Why the kiosk cannot issue now (office state or the issue route's refusal). */
export type KioskClosedReason = 'OFFICE_CLOSED' | 'PAST_CUTOFF' | 'HOLIDAY' | 'CAP_REACHED';

/** How a printer failure is worded on the ticket screen. */
export type PrinterProblem = 'paper_end' | 'cover_open' | 'offline' | 'failed';

/** 1234 → "1.234" (vi) or "1,234" (en), composed by hand like the dates. */
export function formatCount(n: number, lang: KioskLang): string {
  const sep = lang === 'vi' ? '.' : ',';
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

const viText = {
  documentTitle: 'Lấy số thứ tự',
  appTitle: 'Lấy số thứ tự',
  welcome: 'Xin chào!',
  chooseService: 'Mời chọn dịch vụ',
  chooseInGroup: 'Mời chọn dịch vụ cụ thể',
  back: 'Quay lại',
  prevPage: 'Trang trước',
  nextPage: 'Trang sau',
  pageOf: (page: number, pages: number): string => `Trang ${page}/${pages}`,
  displayOptions: 'Tùy chọn hiển thị',
  /** The language toggle names the other language, in that language. */
  otherLanguage: 'English',
  otherLanguageCode: 'en' as KioskLang,
  largeText: 'A+ Chữ lớn',
  highContrast: 'Tương phản cao',
  capNote: 'Hết số hôm nay',

  priorityQuestion: 'Tôi thuộc diện ưu tiên?',
  priorityHint: 'Người thuộc diện ưu tiên được phục vụ trước. Không cần xuất trình giấy tờ tại đây.',
  priorityNo: 'Không — lấy số thường',
  priorityYes: 'Có, tôi là:',
  reasons: {
    elderly: 'Người cao tuổi (từ 60 tuổi)',
    disability: 'Người khuyết tật',
    pregnant: 'Phụ nữ mang thai',
    merit: 'Người có công với cách mạng',
    child: 'Người bế con nhỏ',
  } satisfies Record<PriorityReason, string>,

  confirmTitle: 'Bạn chọn dịch vụ',
  take: 'Lấy số',

  issuing: 'Đang lấy số…',
  reconnecting: 'Đang kết nối lại…',
  reconnectingHint: 'Chưa có số nào được cấp. Vui lòng chờ trong giây lát.',
  issueFailedTitle: 'Không kết nối được với máy chủ',
  issueFailedHint: 'Chưa cấp được số. Vui lòng thử lại hoặc báo cán bộ.',
  retry: 'Thử lại',
  startOver: 'Làm lại từ đầu',

  yourNumber: 'Số thứ tự của bạn',
  priorityBadge: 'Ưu tiên',
  aheadLabel: 'Người chờ trước bạn',
  ahead: (n: number): string => (n === 0 ? 'Không có ai' : `${formatCount(n, 'vi')} người`),
  waitLabel: 'Thời gian chờ dự kiến',
  waitUpdating: 'Đang cập nhật',
  qrCaption: 'Quét mã QR để theo dõi lượt của bạn trên điện thoại',
  pleaseWait: 'Mời bạn ngồi chờ đến lượt',
  done: 'Xong',
  returning: (s: number): string => `Tự trở về sau ${s} giây`,
  printer: {
    paper_end: 'Máy in hết giấy — vui lòng chụp màn hình hoặc quét mã QR',
    cover_open: 'Máy in đang mở nắp — vui lòng chụp màn hình hoặc quét mã QR',
    offline: 'Máy in không hoạt động — vui lòng chụp màn hình hoặc quét mã QR',
    failed: 'Máy in bị lỗi khi in — vui lòng chụp màn hình hoặc quét mã QR',
  } satisfies Record<PrinterProblem, string>,

  closed: {
    OFFICE_CLOSED: 'Ngoài giờ làm việc',
    PAST_CUTOFF: 'Đã hết giờ lấy số',
    HOLIDAY: 'Hôm nay là ngày nghỉ',
    CAP_REACHED: 'Dịch vụ này đã hết số trong ngày',
  } satisfies Record<KioskClosedReason, string>,
  noTickets: 'Hiện không cấp số thứ tự.',
  serviceNoTickets: 'Không thể cấp thêm số cho dịch vụ này hôm nay.',
  nextOpeningLabel: 'Mời bạn quay lại vào',
  /** "Thứ Hai, 30/11/2026" + " lúc " + "07:30" */
  dateAtTime: (date: string, time: string): string => `${date} lúc ${time}`,
  nextOpeningUnknown: 'Vui lòng hỏi cán bộ về giờ làm việc.',
  otherService: 'Chọn dịch vụ khác',

  errorTitle: 'Chưa lấy được số',
  errorBusy: 'Hệ thống đang bận. Vui lòng thử lại sau giây lát.',
  errorGeneric: 'Vui lòng thử lại hoặc báo cán bộ.',

  idleQuestion: 'Bạn cần thêm thời gian?',
  idleMore: 'Có, tôi cần thêm thời gian',
  idleReset: 'Không, làm lại từ đầu',
  idleCountdown: (s: number): string => `Màn hình sẽ trở về đầu sau ${s} giây`,

  offline: 'Mất kết nối – đang kết nối lại…',
  unreachableTitle: 'Không kết nối được với máy chủ',
  unreachableHint: 'Kiosk đang tự động thử lại. Nếu lâu không được, vui lòng báo cán bộ.',
  loading: 'Đang tải…',

  /** "Thiết lập kiosk", the pairing screen (web/components/PairingScreen.tsx). */
  setup: {
    title: 'Thiết lập kiosk',
    intro: 'Cán bộ quản lý đăng nhập để ghép nối kiosk này với một đơn vị. Chỉ cần làm một lần.',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    signIn: 'Đăng nhập',
    signingIn: 'Đang đăng nhập…',
    office: 'Đơn vị',
    deviceName: 'Tên kiosk',
    pair: 'Ghép nối kiosk',
    pairing: 'Đang ghép nối…',
    cancel: 'Hủy',
    failures: {
      'wrong-credentials': 'Sai tên đăng nhập hoặc mật khẩu.',
      'rate-limited': 'Thử quá nhiều lần. Vui lòng đợi rồi thử lại.',
      'not-allowed': 'Tài khoản này không có quyền ghép nối thiết bị.',
      'no-offices': 'Tài khoản này chưa thuộc đơn vị nào.',
      unreachable: 'Không kết nối được với máy chủ. Vui lòng thử lại.',
      failed: 'Không ghép nối được. Vui lòng thử lại.',
    },
  },
  deviceNameDefault: 'Kiosk sảnh',
  revoked: 'Kiosk này đã bị thu hồi hoặc không còn hiệu lực. Vui lòng thiết lập lại.',
};

export type KioskStrings = typeof viText;

const enText: KioskStrings = {
  documentTitle: 'Take a number',
  appTitle: 'Take a number',
  welcome: 'Welcome!',
  chooseService: 'Please choose a service',
  chooseInGroup: 'Please choose the exact service',
  back: 'Back',
  prevPage: 'Previous page',
  nextPage: 'Next page',
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  displayOptions: 'Display options',
  otherLanguage: 'Tiếng Việt',
  otherLanguageCode: 'vi',
  largeText: 'A+ Larger text',
  highContrast: 'High contrast',
  capNote: 'No more numbers today',

  priorityQuestion: 'Are you a priority person?',
  priorityHint: 'Priority people are served first. No papers are needed here.',
  priorityNo: 'No — regular ticket',
  priorityYes: 'Yes, I am:',
  reasons: {
    elderly: 'An older person (60 or over)',
    disability: 'A person with a disability',
    pregnant: 'Pregnant',
    merit: 'A person with merit (veteran, war invalid…)',
    child: 'Carrying a small child',
  },

  confirmTitle: 'You chose',
  take: 'Take a number',

  issuing: 'Getting your number…',
  reconnecting: 'Reconnecting…',
  reconnectingHint: 'No number has been issued yet. Please wait a moment.',
  issueFailedTitle: 'Cannot reach the server',
  issueFailedHint: 'No number was issued. Please try again or tell a staff member.',
  retry: 'Try again',
  startOver: 'Start over',

  yourNumber: 'Your number',
  priorityBadge: 'Priority',
  aheadLabel: 'People ahead of you',
  ahead: (n) => (n === 0 ? 'Nobody' : n === 1 ? '1 person' : `${formatCount(n, 'en')} people`),
  waitLabel: 'Estimated wait',
  waitUpdating: 'Being updated',
  qrCaption: 'Scan the QR code to follow your turn on your phone',
  pleaseWait: 'Please take a seat until your number is called',
  done: 'Done',
  returning: (s) => `Returning in ${s} s`,
  printer: {
    paper_end: 'The printer is out of paper — please photograph the screen or scan the QR code',
    cover_open: 'The printer cover is open — please photograph the screen or scan the QR code',
    offline: 'The printer is not working — please photograph the screen or scan the QR code',
    failed: 'The printer failed while printing — please photograph the screen or scan the QR code',
  },

  closed: {
    OFFICE_CLOSED: 'The office is closed',
    PAST_CUTOFF: 'Ticket issuing has closed',
    HOLIDAY: 'Closed today for a holiday',
    CAP_REACHED: 'No more numbers today for this service',
  },
  noTickets: 'No numbers are being issued now.',
  serviceNoTickets: 'No more numbers can be issued for this service today.',
  nextOpeningLabel: 'Please come back on',
  dateAtTime: (date, time) => `${date} at ${time}`,
  nextOpeningUnknown: 'Please ask a staff member about opening hours.',
  otherService: 'Choose another service',

  errorTitle: 'No number issued',
  errorBusy: 'The system is busy. Please try again in a moment.',
  errorGeneric: 'Please try again or tell a staff member.',

  idleQuestion: 'Do you need more time?',
  idleMore: 'Yes, I need more time',
  idleReset: 'No, start over',
  idleCountdown: (s) => `Starting over in ${s} s`,

  offline: 'Connection lost – reconnecting…',
  unreachableTitle: 'Cannot reach the server',
  unreachableHint: 'The kiosk keeps retrying by itself. If this lasts, please tell a staff member.',
  loading: 'Loading…',

  setup: {
    title: 'Kiosk setup',
    intro: 'A supervisor signs in to pair this kiosk with an office. This is done once.',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    office: 'Office',
    deviceName: 'Kiosk name',
    pair: 'Pair this kiosk',
    pairing: 'Pairing…',
    cancel: 'Cancel',
    failures: {
      'wrong-credentials': 'Wrong username or password.',
      'rate-limited': 'Too many attempts. Please wait, then try again.',
      'not-allowed': 'This account may not pair devices.',
      'no-offices': 'This account belongs to no office.',
      unreachable: 'Cannot reach the server. Please try again.',
      failed: 'Pairing failed. Please try again.',
    },
  },
  deviceNameDefault: 'Lobby kiosk',
  revoked: 'This kiosk was revoked or is no longer valid. Please set it up again.',
};

/** Normalises every string (and every string a function returns) to NFC, keeping the shape. */
function normalized<T>(value: T): T {
  if (typeof value === 'string') return nfc(value) as T;
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => normalized(fn(...args))) as T;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = normalized(v);
    return out as T;
  }
  return value;
}

export const KIOSK_TEXT: Readonly<Record<KioskLang, KioskStrings>> = {
  vi: normalized(viText),
  en: normalized(enText),
};

/** How the ticket screen words a printer that did not print (`print.status` not_printed or failed). */
export function printerProblem(status: 'not_printed' | 'failed', state: PrinterState): PrinterProblem {
  if (state === 'paper_end' || state === 'cover_open') return state;
  return status === 'failed' ? 'failed' : 'offline';
}
