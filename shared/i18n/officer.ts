/**
 * What the officer console says, Vietnamese first with English beside it (a toggle on screen).
 * Isomorphic; the officer app imports it and the tests read the same strings. Refusals are keyed by
 * the API's stable error codes (shared/protocol/errors.ts): the console shows the sentence and keeps
 * the code visible for support calls.
 */

export type OfficerLang = 'vi' | 'en';

/** Pause reasons offered as one-tap choices; "other" takes free text. */
export const PAUSE_REASONS = ['lunch', 'meeting', 'helping', 'other'] as const;
export type PauseReasonKey = (typeof PAUSE_REASONS)[number];

/** "1.234": Vietnamese digit grouping. */
function count(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const vi = {
  lang: 'vi' as OfficerLang,
  title: 'Lượt — Bàn làm việc cán bộ',
  otherLanguage: 'English',
  otherLanguageLabel: 'Switch to English',
  loading: 'Đang tải…',

  // log in
  loginTitle: 'Đăng nhập cán bộ',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  logIn: 'Đăng nhập',
  loggingIn: 'Đang đăng nhập…',
  logOut: 'Đăng xuất',

  // counter choice
  chooseTitle: 'Chọn quầy làm việc',
  chooseIntro: 'Trình duyệt này sẽ nhớ quầy bạn chọn cho lần sau.',
  office: 'Văn phòng',
  counterLabel: (n: number, name: string) => `Quầy ${n} — ${name}`,
  servicesOf: (names: string) => `Dịch vụ: ${names}`,
  signIn: 'Vào làm việc tại quầy',
  signingIn: 'Đang vào quầy…',
  noCounters: 'Văn phòng này chưa có quầy nào.',
  noOffices: 'Tài khoản chưa được gán văn phòng nào. Xin liên hệ quản trị viên.',
  signedInAs: (name: string) => `Cán bộ: ${name}`,

  // console
  // Offices often name counters "Quầy 2": say it once.
  counterHeading: (n: number, name: string) => (name.trim() === `Quầy ${n}` ? name : `Quầy ${n} · ${name}`),
  statusOpen: 'Đang mở',
  statusClosed: 'Đang đóng',
  statusPaused: (reason: string) => `Tạm dừng: ${reason}`,
  currentTitle: 'Số hiện tại',
  noCurrent: 'Chưa gọi số nào',
  statusCalled: 'Đang mời',
  statusServing: 'Đang phục vụ',
  priority: 'ƯU TIÊN',
  priorityMark: '★ Ưu tiên',
  waited: (text: string) => `Đã chờ ${text}`,
  recalls: (n: number) => `Đã gọi lại ${n} lần`,
  minutes: (m: number) => (m < 1 ? 'dưới 1 phút' : `${count(m)} phút`),
  emptyQueue: 'Không còn ai chờ.',

  // actions
  callNext: 'Gọi tiếp',
  recall: 'Gọi lại',
  start: 'Bắt đầu',
  complete: 'Hoàn thành',
  noShow: 'Vắng mặt',
  transfer: 'Chuyển',
  callThis: 'Gọi',
  callChosen: (n: string) => `Gọi số ${n}`,
  pause: 'Tạm dừng',
  resume: 'Tiếp tục',
  open: 'Mở quầy',
  close: 'Đóng quầy',
  issue: 'Lấy số hộ',
  leaveCounter: 'Rời quầy',
  sending: 'Đang gửi…',
  retrying: 'Mất kết nối, đang gửi lại…',
  retry: 'Thử lại',
  cancel: 'Huỷ',
  confirm: 'Xác nhận',
  dismiss: 'Đóng thông báo',
  closeDialog: 'Đóng',

  // shortcuts
  shortcutsTitle: 'Phím tắt',
  shortcutsNote: 'Không có tác dụng khi đang gõ chữ hoặc khi một hộp thoại đang mở.',
  keySpace: 'Dấu cách',

  // dialogs
  completeTitle: (n: string) => `Hoàn thành số ${n}`,
  outcome: 'Kết quả (không bắt buộc)',
  outcomeHint: 'Ví dụ: Đã tiếp nhận hồ sơ, Hẹn trả kết quả…',
  // complete: outcomes
  outcomeOther: 'Khác',
  outcomeOtherText: 'Kết quả khác',
  transferTitle: (n: string) => `Chuyển số ${n}`,
  transferTo: 'Chuyển đến',
  toService: 'Dịch vụ',
  toCounter: 'Quầy',
  position: 'Vị trí trong hàng chờ',
  positionFront: 'Lên đầu hàng',
  positionBack: 'Cuối hàng',
  positionIssueTime: 'Theo giờ lấy số',
  pauseTitle: 'Tạm dừng quầy',
  pauseReason: 'Lý do',
  pauseReasons: {
    lunch: 'Nghỉ trưa',
    meeting: 'Họp',
    helping: 'Hỗ trợ đồng nghiệp',
    other: 'Khác',
  } satisfies Record<PauseReasonKey, string>,
  otherReason: 'Lý do khác',
  issueTitle: 'Lấy số hộ công dân',
  issueIntro: 'Cho công dân gọi điện hoặc đến trực tiếp không qua kiosk.',
  service: 'Dịch vụ',
  priorityPerson: 'Thuộc diện ưu tiên',
  priorityReason: 'Lý do ưu tiên (không bắt buộc)',
  issueDo: 'Lấy số',
  issued: (n: string, service: string) => `Đã cấp số ${n} — ${service}`,

  // waiting list
  queueTitle: 'Danh sách chờ',
  queueCount: (shown: number, total: number) =>
    shown < total ? `${count(shown)} / ${count(total)} người chờ` : `${count(total)} người chờ`,
  colNumber: 'Số',
  colService: 'Dịch vụ',
  colWaited: 'Đã chờ',
  colAction: 'Thao tác',
  requeued: 'gọi lại sau vắng mặt',
  onlyHere: 'chuyển riêng cho quầy này',
  queueEmpty: 'Không có ai đang chờ.',

  // connection
  disconnected: 'Mất kết nối – đang kết nối lại…',
  nothingHappened: 'Không còn ai chờ cho quầy này.',

  // errors
  errorCode: (code: string) => `Mã lỗi: ${code}`,
  // presence: one browser per counter
  presenceOthersTitle: 'Quầy này đang mở ở một trình duyệt khác',
  presenceOthersText:
    'Mỗi quầy chỉ nên làm việc ở một trình duyệt, để không gọi trùng số. “Làm việc ở đây”: trình duyệt kia sẽ dừng. “Chọn quầy khác”: quay lại chọn quầy, trình duyệt kia vẫn làm việc.',
  presenceOthersCount: (n: number) => `Đang mở ở ${n} trình duyệt khác.`,
  presenceTakeOver: 'Làm việc ở đây',
  presenceLeave: 'Chọn quầy khác',
  presenceReplacedTitle: 'Quầy đã được mở ở trình duyệt khác.',
  presenceReplacedText: 'Trang này đã dừng để tránh gọi trùng.',
  presenceTakeBack: 'Làm việc lại ở đây',
  presenceTaking: 'Đang chuyển về đây…',
  errors: {
    COUNTER_BUSY: 'Quầy đang giữ một số chưa xử lý xong. Hãy hoàn thành, chuyển hoặc đánh vắng mặt trước.',
    COUNTER_TAKEN: 'Quầy này đã có cán bộ khác đăng nhập. Xin chọn quầy khác hoặc báo trưởng bộ phận.',
    OFFICER_ELSEWHERE: 'Bạn đang đăng nhập ở một quầy khác. Hãy rời quầy đó trước (hoặc nhờ trưởng bộ phận).',
    COUNTER_NOT_OPEN: 'Quầy chưa mở. Bấm “Mở quầy” trước.',
    COUNTER_IDLE: 'Quầy không có số nào đang gọi.',
    QUEUE_EMPTY: 'Không còn ai chờ cho quầy này.',
    TICKET_NOT_CURRENT: 'Số này không còn ở quầy (có thể đã được xử lý ở nơi khác).',
    NOT_ELIGIBLE: 'Số này dành cho quầy khác.',
    INVALID_TRANSITION: 'Không thể thực hiện ở trạng thái hiện tại.',
    TICKET_EXPIRED: 'Số của ngày trước, không gọi được nữa.',
    OFFICE_CLOSED: 'Ngoài giờ làm việc.',
    PAST_CUTOFF: 'Đã hết giờ lấy số.',
    HOLIDAY: 'Hôm nay là ngày nghỉ.',
    CAP_REACHED: 'Dịch vụ này đã hết số trong ngày.',
    INVALID_CREDENTIALS: 'Sai tên đăng nhập hoặc mật khẩu.',
    RATE_LIMITED: 'Thử quá nhiều lần. Xin đợi một lát rồi thử lại.',
    UNAUTHENTICATED: 'Phiên đăng nhập đã hết. Xin đăng nhập lại.',
    FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
    NETWORK: 'Không kết nối được máy chủ. Kiểm tra mạng rồi bấm “Thử lại”.',
  } as Record<string, string>,
  unknownError: 'Có lỗi xảy ra.',
};

export type OfficerText = typeof vi;

const en: OfficerText = {
  lang: 'en',
  title: 'Lượt — Officer console',
  otherLanguage: 'Tiếng Việt',
  otherLanguageLabel: 'Chuyển sang tiếng Việt',
  loading: 'Loading…',

  loginTitle: 'Officer log in',
  username: 'Username',
  password: 'Password',
  logIn: 'Log in',
  loggingIn: 'Logging in…',
  logOut: 'Log out',

  chooseTitle: 'Choose your counter',
  chooseIntro: 'This browser remembers the counter you choose.',
  office: 'Office',
  counterLabel: (n, name) => `Counter ${n} — ${name}`,
  servicesOf: (names) => `Services: ${names}`,
  signIn: 'Start work at this counter',
  signingIn: 'Signing in…',
  noCounters: 'This office has no counters yet.',
  noOffices: 'Your account belongs to no office. Please ask an administrator.',
  signedInAs: (name) => `Officer: ${name}`,

  counterHeading: (n, name) => (name.trim() === `Quầy ${n}` ? `Counter ${n}` : `Counter ${n} · ${name}`),
  statusOpen: 'Open',
  statusClosed: 'Closed',
  statusPaused: (reason) => `Paused: ${reason}`,
  currentTitle: 'Current ticket',
  noCurrent: 'No ticket called',
  statusCalled: 'Called',
  statusServing: 'Serving',
  priority: 'PRIORITY',
  priorityMark: '★ Priority',
  waited: (text) => `Waited ${text}`,
  recalls: (n) => `Recalled ${n} times`,
  minutes: (m) => (m < 1 ? 'under 1 min' : `${m} min`),
  emptyQueue: 'Nobody is waiting.',

  callNext: 'Call next',
  recall: 'Recall',
  start: 'Start',
  complete: 'Complete',
  noShow: 'No-show',
  transfer: 'Transfer',
  callThis: 'Call',
  callChosen: (n) => `Call ${n}`,
  pause: 'Pause',
  resume: 'Resume',
  open: 'Open counter',
  close: 'Close counter',
  issue: 'Issue a ticket',
  leaveCounter: 'Leave counter',
  sending: 'Sending…',
  retrying: 'Connection lost, resending…',
  retry: 'Retry',
  cancel: 'Cancel',
  confirm: 'Confirm',
  dismiss: 'Dismiss',
  closeDialog: 'Close',

  shortcutsTitle: 'Shortcuts',
  shortcutsNote: 'Inactive while typing or while a dialog is open.',
  keySpace: 'Space',

  completeTitle: (n) => `Complete ${n}`,
  outcome: 'Outcome (optional)',
  outcomeHint: 'e.g. dossier received, result appointment…',
  // complete: outcomes
  outcomeOther: 'Other',
  outcomeOtherText: 'Other outcome',
  transferTitle: (n) => `Transfer ${n}`,
  transferTo: 'Transfer to',
  toService: 'Service',
  toCounter: 'Counter',
  position: 'Place in the queue',
  positionFront: 'Front',
  positionBack: 'Back',
  positionIssueTime: 'By issue time',
  pauseTitle: 'Pause the counter',
  pauseReason: 'Reason',
  pauseReasons: { lunch: 'Lunch break', meeting: 'Meeting', helping: 'Helping a colleague', other: 'Other' },
  otherReason: 'Other reason',
  issueTitle: 'Issue a ticket for a citizen',
  issueIntro: 'For a citizen who phoned or came in without using the kiosk.',
  service: 'Service',
  priorityPerson: 'Priority person',
  priorityReason: 'Priority reason (optional)',
  issueDo: 'Issue',
  issued: (n, service) => `Issued ${n} — ${service}`,

  queueTitle: 'Waiting list',
  queueCount: (shown, total) => (shown < total ? `${shown} / ${total} waiting` : `${total} waiting`),
  colNumber: 'Number',
  colService: 'Service',
  colWaited: 'Waited',
  colAction: 'Action',
  requeued: 'back after no-show',
  onlyHere: 'transferred to this counter',
  queueEmpty: 'Nobody is waiting.',

  disconnected: 'Connection lost – reconnecting…',
  nothingHappened: 'Nobody is waiting for this counter.',

  errorCode: (code) => `Error code: ${code}`,
  // presence: one browser per counter
  presenceOthersTitle: 'This counter is open in another browser',
  presenceOthersText:
    'Only one browser should work a counter, so that no number is called twice. “Work here”: the other browser stops. “Choose another counter”: back to the counter choice, the other browser carries on.',
  presenceOthersCount: (n) => (n === 1 ? 'Open in 1 other browser.' : `Open in ${n} other browsers.`),
  presenceTakeOver: 'Work here',
  presenceLeave: 'Choose another counter',
  presenceReplacedTitle: 'This counter was opened in another browser.',
  presenceReplacedText: 'This page has stopped so that no number is called twice.',
  presenceTakeBack: 'Work here again',
  presenceTaking: 'Taking over…',
  errors: {
    COUNTER_BUSY: 'The counter holds an unfinished ticket. Complete, transfer or mark it no-show first.',
    COUNTER_TAKEN: 'Another officer is signed in at this counter. Choose another or ask your supervisor.',
    OFFICER_ELSEWHERE: 'You are signed in at another counter. Leave it first (or ask your supervisor).',
    COUNTER_NOT_OPEN: 'The counter is not open. Press “Open counter” first.',
    COUNTER_IDLE: 'The counter holds no ticket.',
    QUEUE_EMPTY: 'Nobody is waiting for this counter.',
    TICKET_NOT_CURRENT: 'That ticket is no longer at this counter.',
    NOT_ELIGIBLE: 'That ticket is reserved for another counter.',
    INVALID_TRANSITION: 'Not possible in the current state.',
    TICKET_EXPIRED: 'A ticket of an earlier day cannot be called.',
    OFFICE_CLOSED: 'The office is closed.',
    PAST_CUTOFF: 'Ticket issuing has closed for this session.',
    HOLIDAY: 'The office is closed for a holiday.',
    CAP_REACHED: 'The daily limit for this service is reached.',
    INVALID_CREDENTIALS: 'Wrong username or password.',
    RATE_LIMITED: 'Too many attempts. Please wait and try again.',
    UNAUTHENTICATED: 'Your session ended. Please log in again.',
    FORBIDDEN: 'You are not allowed to do this.',
    NETWORK: 'Cannot reach the server. Check the network and press “Retry”.',
  },
  unknownError: 'Something went wrong.',
};

export const OFFICER_TEXT: Record<OfficerLang, OfficerText> = { vi, en };
