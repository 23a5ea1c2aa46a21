/**
 * What the waiting-room display and the counter display say. Vietnamese only: the TV speaks to the
 * citizens in the hall (../shared/brief/domain.md, "Waiting-room display"). Isomorphic; the
 * display app imports it, and the tests read the same strings.
 */

/** "1.234": Vietnamese digit grouping. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export const DISPLAY_TEXT = {
  hallTitle: 'Lượt — Màn hình sảnh chờ',
  counterTitle: (counter: number | string) => `Lượt — Màn hình quầy ${counter}`,

  // the latest call
  nowCalling: 'ĐANG MỜI',
  counterWord: 'QUẦY',
  noCallsYet: 'Chưa có số nào được mời',
  priority: 'ƯU TIÊN',

  // the table of counters
  countersTitle: 'Các quầy',
  columnCounter: 'Quầy',
  columnNumber: 'Đang phục vụ',
  columnService: 'Dịch vụ',
  paused: 'Tạm nghỉ',
  closed: 'Quầy đóng',
  idle: 'Chưa gọi số',
  page: (index: number, count: number) => `Trang ${index}/${count}`,

  // recent calls
  recentTitle: 'Vừa mời',
  recalled: 'mời lại',
  toCounter: (counter: number) => `Quầy ${counter}`,

  // waiting per service
  waitingTitle: 'Đang chờ',
  waitingCount: (n: number) => `${formatCount(n)} người chờ`,
  estimateLabel: 'Chờ',
  estimatePending: 'Đang cập nhật',

  // the office's hours
  lunchBreak: 'Tạm nghỉ trưa',
  outOfHours: 'Ngoài giờ làm việc',

  notices: 'Thông báo',

  // connection
  disconnected: 'Mất kết nối – đang kết nối lại…',
  updatedAgo: (seconds: number) =>
    seconds < 120 ? `cập nhật ${seconds} giây trước` : `cập nhật ${Math.floor(seconds / 60)} phút trước`,
  loading: 'Đang tải…',

  // sound
  soundOn: 'Bật âm thanh',
  soundBlocked: 'Trình duyệt đang chặn âm thanh',

  // the counter display
  counterHeading: (counter: number) => `QUẦY ${counter}`,
  counterCalling: 'Xin mời số',
  counterServing: 'Đang phục vụ',
  counterReady: 'Chưa gọi số',
  counterUnknown: (id: string) => `Không có quầy “${id}” trong văn phòng này`,

  // pairing
  revoked: 'Thiết bị này đã bị thu hồi. Xin ghép nối lại.',
  deviceNameHall: 'TV sảnh chờ',
  deviceNameCounter: (counter: string) => `Màn hình quầy ${counter}`,
  pairing: {
    title: 'Ghép nối màn hình',
    intro:
      'Cán bộ quản lý đăng nhập một lần để ghép nối màn hình này với văn phòng. Sau đó màn hình chạy bằng mã thiết bị riêng, không cần đăng nhập lại.',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    signIn: 'Đăng nhập',
    signingIn: 'Đang đăng nhập…',
    office: 'Văn phòng',
    deviceName: 'Tên màn hình',
    pair: 'Ghép nối',
    pairing: 'Đang ghép nối…',
    cancel: 'Huỷ',
    failures: {
      'wrong-credentials': 'Sai tên đăng nhập hoặc mật khẩu.',
      'rate-limited': 'Đăng nhập sai quá nhiều lần. Xin thử lại sau ít phút.',
      'not-allowed': 'Tài khoản này không được ghép nối thiết bị (cần quản lý hoặc quản trị).',
      'no-offices': 'Tài khoản này không quản lý văn phòng nào.',
      unreachable: 'Không kết nối được máy chủ. Xin thử lại.',
      failed: 'Không ghép nối được. Xin thử lại.',
    },
  },
} as const;

export type DisplayStrings = typeof DISPLAY_TEXT;
