/**
 * What the room's picture says — the supervisor board, and the officer console's "today" and
 * no-show panels — Vietnamese first, English by the console's toggle. Kept apart from officer.ts:
 * these are the office's figures and alerts, not the counter's actions.
 */
import type { OfficerLang } from './officer.js';

/** "1.234": Vietnamese digit grouping; "1,234" in English. */
function count(n: number, lang: OfficerLang): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
}

/** "6,3": one decimal, with the language's decimal mark; "—" for nothing to show. */
function decimal(x: number | null, lang: OfficerLang): string {
  return x === null ? '—' : (Math.round(x * 10) / 10).toFixed(1).replace('.', lang === 'vi' ? ',' : '.');
}

/** A share (0–1) as a whole percentage; "—" for nothing to show. */
const percent = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`);

/** Whole minutes, rounded down (a wait of 59 s is "0 phút"). */
const mins = (ms: number): number => Math.max(0, Math.floor(ms / 60_000));

const vi = {
  // board
  boardTitle: 'Bảng giám sát',
  toBoard: 'Bảng giám sát',
  toCounter: 'Làm việc tại quầy',
  officeSelect: 'Văn phòng',
  alertsTitle: 'Cảnh báo',
  noAlerts: 'Không có cảnh báo.',
  countersTitle: 'Các quầy',
  colCounter: 'Quầy',
  colStatus: 'Trạng thái',
  colOfficer: 'Cán bộ',
  colTicket: 'Số hiện tại',
  colToday: 'Hôm nay',
  colActions: 'Thao tác',
  noOfficer: '— chưa có —',
  noTicket: '—',
  openBtn: 'Mở',
  closeBtn: 'Đóng',
  pauseBtn: 'Tạm dừng',
  statusFor: (status: string, ms: number) => `${status} · ${mins(ms)} phút`,
  ticketFor: (ticketStatus: 'called' | 'serving' | string, ms: number) =>
    `${ticketStatus === 'serving' ? 'đang phục vụ' : 'đã gọi'} ${mins(ms)} phút`,
  openCounter: (n: number) => `Mở quầy ${n}`,
  pauseCounter: (n: number) => `Tạm dừng quầy ${n}`,
  closeCounter: (n: number) => `Đóng quầy ${n}`,
  moveOfficer: 'Chuyển cán bộ',
  moveOfficerOf: (name: string) => `Chuyển cán bộ ${name} sang quầy khác`,
  showQueue: 'Hàng chờ',
  showQueueOf: (n: number) => `Hàng chờ của quầy ${n}`,
  transferHeld: 'Chuyển số',
  transferHeldOf: (number: string) => `Chuyển số ${number}`,
  servicesTitle: 'Đang chờ theo dịch vụ',
  colWaiting: 'Đang chờ',
  colLongest: 'Chờ lâu nhất',
  // today (console and board)
  todayTitle: 'Hôm nay tại quầy',
  served: 'Đã phục vụ',
  avgService: 'Thời gian phục vụ TB',
  noShows: 'Vắng mặt',
  todayLine: (served: number, avgMs: number | null, noShows: number) =>
    `${count(served, 'vi')} đã phục vụ · TB ${avgMs === null ? '—' : `${mins(avgMs)} phút`} · ${count(noShows, 'vi')} vắng`,
  minutes: (ms: number) => `${mins(ms)} phút`,
  avg: (ms: number | null) => (ms === null ? '—' : `${mins(ms)} phút`),
  count: (n: number) => count(n, 'vi'),
  // no-shows
  noShowTitle: 'Vắng mặt hôm nay',
  noShowEmpty: 'Chưa có số vắng mặt.',
  noShowMore: (shown: number, total: number) => `${count(shown, 'vi')} / ${count(total, 'vi')} số`,
  requeue: 'Xếp lại hàng',
  requeueOf: (number: string) => `Xếp lại hàng số ${number}`,
  cancelTicket: 'Huỷ số',
  cancelTicketOf: (number: string) => `Huỷ số ${number}`,
  cancelConfirm: (number: string) => `Huỷ số ${number}? Công dân sẽ phải lấy số mới.`,
  colCalledAt: 'Gọi lúc',
  colAt: 'Tại quầy',
  atCounter: (n: number) => `Quầy ${n}`,
  // alerts
  alertLongWait: (service: string, ms: number, limit: number) =>
    `${service}: có người đã chờ ${mins(ms)} phút (ngưỡng ${limit} phút)`,
  alertIdle: (counter: number, ms: number, limit: number) =>
    `Quầy ${counter} đang mở nhưng không gọi số đã ${mins(ms)} phút trong khi còn người chờ (ngưỡng ${limit} phút)`,
  alertLongService: (counter: number, number: string, ms: number, limit: number) =>
    `Quầy ${counter}: số ${number} đã ${mins(ms)} phút (định mức ${limit} phút)`,
  // move an officer
  moveTitle: (name: string) => `Chuyển cán bộ ${name}`,
  moveTo: 'Sang quầy',
  moveConfirm: 'Chuyển',
  noFreeCounter: 'Không còn quầy trống.',
  // queue panel
  queuePanelTitle: (n: number) => `Hàng chờ quầy ${n}`,
  close: 'Đóng',
  transferTicketTitle: (number: string) => `Chuyển số ${number}`,
  done: 'Đã thực hiện.',
  // console follows the supervisor
  movedHere: (n: number) => `Trưởng bộ phận đã chuyển bạn sang quầy ${n}.`,
  signedOutBySupervisor: 'Bạn không còn đăng nhập ở quầy này (trưởng bộ phận đã cho rời quầy).',
  // accuracy
  accuracyTitle: 'Độ chính xác của thời gian chờ dự kiến',
  accuracyNote: 'Thời gian chờ báo khi lấy số so với lúc số được gọi lần đầu.',
  accuracyToday: 'Hôm nay',
  accuracyLast30: '30 ngày qua',
  accuracyAll: 'Tất cả dịch vụ',
  colCalled: 'Số lượt',
  colMae: 'Sai lệch TB',
  colWithin5: 'Trong ±5 phút',
  colCoverage: 'Trong khoảng báo',
  colUnder10: 'Chờ lâu hơn báo >10 phút',
  decimalMinutes: (x: number | null) => (x === null ? '—' : `${decimal(x, 'vi')} phút`),
  percent,
};

export type BoardText = typeof vi;

const en: BoardText = {
  boardTitle: 'Supervisor board',
  toBoard: 'Supervisor board',
  toCounter: 'Work at a counter',
  officeSelect: 'Office',
  alertsTitle: 'Alerts',
  noAlerts: 'No alerts.',
  countersTitle: 'Counters',
  colCounter: 'Counter',
  colStatus: 'Status',
  colOfficer: 'Officer',
  colTicket: 'Current ticket',
  colToday: 'Today',
  colActions: 'Actions',
  noOfficer: '— nobody —',
  noTicket: '—',
  openBtn: 'Open',
  closeBtn: 'Close',
  pauseBtn: 'Pause',
  statusFor: (status, ms) => `${status} · ${mins(ms)} min`,
  ticketFor: (ticketStatus, ms) => `${ticketStatus === 'serving' ? 'serving for' : 'called'} ${mins(ms)} min`,
  openCounter: (n) => `Open counter ${n}`,
  pauseCounter: (n) => `Pause counter ${n}`,
  closeCounter: (n) => `Close counter ${n}`,
  moveOfficer: 'Move officer',
  moveOfficerOf: (name) => `Move officer ${name} to another counter`,
  showQueue: 'Queue',
  showQueueOf: (n) => `Queue of counter ${n}`,
  transferHeld: 'Transfer',
  transferHeldOf: (number) => `Transfer ticket ${number}`,
  servicesTitle: 'Waiting per service',
  colWaiting: 'Waiting',
  colLongest: 'Longest wait',
  todayTitle: 'Today at this counter',
  served: 'Served',
  avgService: 'Average service time',
  noShows: 'No-shows',
  todayLine: (served, avgMs, noShows) =>
    `${count(served, 'en')} served · avg ${avgMs === null ? '—' : `${mins(avgMs)} min`} · ${count(noShows, 'en')} no-shows`,
  minutes: (ms) => `${mins(ms)} min`,
  avg: (ms) => (ms === null ? '—' : `${mins(ms)} min`),
  count: (n) => count(n, 'en'),
  noShowTitle: 'No-shows today',
  noShowEmpty: 'No no-shows yet.',
  noShowMore: (shown, total) => `${count(shown, 'en')} of ${count(total, 'en')}`,
  requeue: 'Requeue',
  requeueOf: (number) => `Requeue ticket ${number}`,
  cancelTicket: 'Cancel',
  cancelTicketOf: (number) => `Cancel ticket ${number}`,
  cancelConfirm: (number) => `Cancel ticket ${number}? The citizen will need a new ticket.`,
  colCalledAt: 'Called at',
  colAt: 'Counter',
  atCounter: (n) => `Counter ${n}`,
  alertLongWait: (service, ms, limit) =>
    `${service}: someone has waited ${mins(ms)} min (limit ${limit} min)`,
  alertIdle: (counter, ms, limit) =>
    `Counter ${counter} is open but has not called for ${mins(ms)} min while people wait (limit ${limit} min)`,
  alertLongService: (counter, number, ms, limit) =>
    `Counter ${counter}: ticket ${number} for ${mins(ms)} min (norm ${limit} min)`,
  moveTitle: (name) => `Move officer ${name}`,
  moveTo: 'To counter',
  moveConfirm: 'Move',
  noFreeCounter: 'No counter is free.',
  queuePanelTitle: (n) => `Queue of counter ${n}`,
  close: 'Close',
  transferTicketTitle: (number) => `Transfer ticket ${number}`,
  done: 'Done.',
  movedHere: (n) => `Your supervisor moved you to counter ${n}.`,
  signedOutBySupervisor: 'You are no longer signed in at this counter (your supervisor let you go).',
  // accuracy
  accuracyTitle: 'Accuracy of the estimated waits',
  accuracyNote: 'The wait told at issue against the time the number was first called.',
  accuracyToday: 'Today',
  accuracyLast30: 'Last 30 days',
  accuracyAll: 'All services',
  colCalled: 'Called',
  colMae: 'Mean error',
  colWithin5: 'Within ±5 min',
  colCoverage: 'Within the range told',
  colUnder10: 'Waited >10 min longer',
  decimalMinutes: (x) => (x === null ? '—' : `${decimal(x, 'en')} min`),
  percent,
};

export const BOARD_TEXT: Record<OfficerLang, BoardText> = { vi, en };

/** Average service time in ms, or null before the first ticket. */
export function averageServiceMs(today: { served: number; serviceMs: number }): number | null {
  return today.served === 0 ? null : today.serviceMs / today.served;
}
