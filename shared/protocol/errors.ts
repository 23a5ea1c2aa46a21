/**
 * Every error the queue engine can return, with a stable code. Clients (kiosk, officer console,
 * third-party integrations) switch on `code`, never on the message. The Redis engine's Lua scripts
 * return the negative numbers below; `errorFromLuaCode` maps them back, so both engines agree.
 */
export const ErrorCodes = {
  OFFICE_NOT_FOUND: { lua: -1, http: 404, message: 'Không tìm thấy đơn vị / Office not found' },
  UNKNOWN_SERVICE: { lua: -2, http: 404, message: 'Dịch vụ không tồn tại / Unknown service' },
  UNKNOWN_COUNTER: { lua: -3, http: 404, message: 'Quầy không tồn tại / Unknown counter' },
  TICKET_NOT_FOUND: { lua: -4, http: 404, message: 'Không tìm thấy số thứ tự / Ticket not found' },
  OFFICE_CLOSED: { lua: -5, http: 409, message: 'Ngoài giờ làm việc / The office is closed' },
  PAST_CUTOFF: {
    lua: -6,
    http: 409,
    message: 'Đã hết giờ lấy số / Ticket issuing has closed for this session',
  },
  HOLIDAY: { lua: -7, http: 409, message: 'Hôm nay là ngày nghỉ / The office is closed for a holiday' },
  CAP_REACHED: {
    lua: -8,
    http: 409,
    message: 'Đã hết số trong ngày / The daily limit for this service is reached',
  },
  NUMBERS_EXHAUSTED: { lua: -9, http: 409, message: 'Đã hết dải số / The number range for today is used up' },
  COUNTER_NOT_OPEN: { lua: -10, http: 409, message: 'Quầy chưa mở / The counter is not open' },
  COUNTER_BUSY: {
    lua: -11,
    http: 409,
    message: 'Quầy đang phục vụ một số khác / The counter holds an open ticket',
  },
  COUNTER_IDLE: { lua: -12, http: 409, message: 'Quầy không có số đang gọi / The counter holds no ticket' },
  QUEUE_EMPTY: { lua: -13, http: 409, message: 'Không còn ai chờ / Nobody is waiting for this counter' },
  INVALID_TRANSITION: {
    lua: -14,
    http: 409,
    message: 'Không thể thực hiện ở trạng thái hiện tại / Not allowed in the ticket’s current state',
  },
  TICKET_NOT_CURRENT: {
    lua: -15,
    http: 409,
    message: 'Số này không còn ở quầy / The ticket is no longer at this counter',
  },
  NOT_ELIGIBLE: {
    lua: -16,
    http: 409,
    message: 'Số này dành cho quầy khác / The ticket is reserved for another counter',
  },
  COUNTER_TAKEN: {
    lua: -17,
    http: 409,
    message: 'Quầy đã có cán bộ khác đăng nhập / Another officer is signed in at this counter',
  },
  OFFICER_ELSEWHERE: {
    lua: -18,
    http: 409,
    message: 'Cán bộ đang đăng nhập ở quầy khác / The officer is signed in at another counter',
  },
  TICKET_EXPIRED: {
    lua: -19,
    http: 409,
    message: 'Số của ngày trước / The ticket belongs to an earlier day',
  },
  INVALID_INPUT: { lua: -20, http: 400, message: 'Dữ liệu không hợp lệ / Invalid input' },
  INVALID_CONFIG: { lua: -21, http: 400, message: 'Cấu hình không hợp lệ / Invalid office configuration' },
  STORE_UNAVAILABLE: {
    lua: -22,
    http: 503,
    message: 'Hệ thống lưu trữ tạm thời không sẵn sàng / The store is unavailable',
  },
  EVENTS_TRIMMED: {
    lua: -23,
    http: 410,
    message: 'Các sự kiện cũ đã bị cắt; hãy tải lại trạng thái / Events were trimmed; take a snapshot',
  },
  STALE_CONFIG: {
    lua: -24,
    http: 503,
    message: 'Cấu hình đã thay đổi / The office configuration changed; retry',
  },
  // Accounts and access (server/auth): never returned by a Lua script; numbered for uniqueness.
  UNAUTHENTICATED: { lua: -41, http: 401, message: 'Cần đăng nhập / Authentication required' },
  FORBIDDEN: { lua: -42, http: 403, message: 'Không có quyền / Not allowed' },
  INVALID_CREDENTIALS: {
    lua: -43,
    http: 401,
    message: 'Sai tên đăng nhập hoặc mật khẩu / Wrong username or password',
  },
  RATE_LIMITED: {
    lua: -44,
    http: 429,
    message: 'Thử quá nhiều lần; vui lòng đợi / Too many attempts; please wait',
  },
  USERNAME_TAKEN: { lua: -45, http: 409, message: 'Tên đăng nhập đã tồn tại / The username is taken' },
  USER_NOT_FOUND: { lua: -46, http: 404, message: 'Không tìm thấy tài khoản / User not found' },
  DEVICE_NOT_FOUND: { lua: -47, http: 404, message: 'Không tìm thấy thiết bị / Device not found' },
  LAST_ADMIN: {
    lua: -48,
    http: 409,
    message: 'Phải còn ít nhất một quản trị viên / At least one active admin must remain',
  },
  NOT_A_KIOSK: {
    lua: -49,
    http: 409,
    message: 'Chỉ kiosk mới có máy in / Only kiosks have printers',
  },
  NO_PRINTER: {
    lua: -50,
    http: 409,
    message:
      'Kiosk không có máy in do máy chủ điều khiển / The kiosk has no printer the server drives (mode server or agent)',
  },
  // HTTP layer (server/errors.ts, server/security.ts, routes): never returned by a Lua script.
  NOT_FOUND: { lua: -61, http: 404, message: 'Không tìm thấy / Not found' },
  OFFICE_EXISTS: { lua: -62, http: 409, message: 'Đơn vị đã tồn tại / The office already exists' },
  PAYLOAD_TOO_LARGE: {
    lua: -63,
    http: 413,
    message: 'Dữ liệu gửi lên quá lớn / The request body is too large',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    lua: -64,
    http: 415,
    message: 'Định dạng dữ liệu không được hỗ trợ / Unsupported content type (send application/json)',
  },
  CROSS_SITE_REQUEST: {
    lua: -65,
    http: 403,
    message: 'Yêu cầu từ trang khác bị từ chối / Cross-site request refused',
  },
  INTERNAL: { lua: -66, http: 500, message: 'Lỗi hệ thống / Internal error' },
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export interface QueueErrorDetails {
  /** Next time (epoch ms) the office accepts tickets, where that helps the citizen. */
  nextOpening?: number;
  /** What was wrong with the input, for INVALID_INPUT / INVALID_CONFIG. */
  problems?: string[];
  /** INVALID_INPUT from the HTTP API: the offending request fields ("body.serviceId"). */
  fields?: string[];
  /** RATE_LIMITED: seconds until another attempt is accepted (also the Retry-After header). */
  retryAfterSeconds?: number;
  /** OFFICER_ELSEWHERE: the counter the officer is signed in at. */
  counterId?: string;
  /** COUNTER_TAKEN: the officer signed in at the counter. */
  officerId?: string;
}

/** The one error type of the engine. `code` is stable; `message` is bilingual (vi / en). */
export class QueueError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: QueueErrorDetails;

  constructor(code: ErrorCode, details: QueueErrorDetails = {}, message?: string) {
    super(message ?? ErrorCodes[code].message);
    this.name = 'QueueError';
    this.code = code;
    this.statusCode = ErrorCodes[code].http;
    this.details = details;
  }
}

const byLuaCode = new Map<number, ErrorCode>(
  (Object.keys(ErrorCodes) as ErrorCode[]).map((code) => [ErrorCodes[code].lua, code]),
);

/** Maps a negative return code of a Lua script to the engine error. */
export function errorFromLuaCode(luaCode: number): QueueError {
  const code = byLuaCode.get(luaCode);
  if (!code) return new QueueError('STORE_UNAVAILABLE', {}, `Unexpected store reply ${luaCode}`);
  return new QueueError(code);
}

export function isQueueError(err: unknown): err is QueueError {
  return err instanceof QueueError;
}
