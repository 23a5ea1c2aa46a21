/**
 * The demo office seeded on first start: a ward centre with the default service list of
 * ../shared/brief/domain.md, six counters with overlapping services, Mon–Fri two sessions and
 * Saturday morning, cut-offs 30 minutes before closing. Three services offer the officer a list of
 * outcomes to pick from when completing; supervisor alerts keep their defaults. Every label is data:
 * edit freely.
 */
import type { OfficeConfig, ServiceIcon, Session } from '../shared/domain/types.js';

const weekday: Session[] = [
  { open: '07:30', close: '11:30', cutoff: '11:00' },
  { open: '13:30', close: '17:00', cutoff: '16:30' },
];

const service = (
  digit: number,
  id: string,
  vi: string,
  en: string,
  minutes: number,
  icon: ServiceIcon,
): OfficeConfig['services'][number] => ({
  id,
  name: { vi, en },
  numbering: { prefix: String(digit), start: 1, width: 3 },
  serviceMinutes: minutes,
  icon,
});

export const DEMO_OFFICE: OfficeConfig = {
  id: 'phuc-dien',
  name: 'Trung tâm Phục vụ hành chính công phường Phúc Diễn',
  timeZone: 'Asia/Ho_Chi_Minh',
  sessions: {
    mon: weekday,
    tue: weekday,
    wed: weekday,
    thu: weekday,
    fri: weekday,
    sat: [weekday[0] as Session],
  },
  holidays: ['2026-12-31', '2027-01-01'],
  policy: { kind: 'oldest', priorityEvery: 2 },
  // Scrolled slowly along the bottom of the hall display (docs/display.md).
  notices: [
    'Giờ làm việc: sáng 7:30 – 11:30, chiều 13:30 – 17:00 (thứ Hai – thứ Sáu), sáng thứ Bảy',
    'Người cao tuổi, người khuyết tật, phụ nữ mang thai xin báo cán bộ tại quầy để được ưu tiên',
    'Tra cứu hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia',
  ],
  services: [
    {
      ...service(1, 'ho-tich', 'Tư pháp – Hộ tịch', 'Justice – Civil status', 10, 'family'),
      outcomes: [
        'Đã tiếp nhận hồ sơ',
        'Hẹn bổ sung giấy tờ',
        'Đã trả kết quả',
        'Hướng dẫn thủ tục, chưa nộp hồ sơ',
        'Không thuộc thẩm quyền, đã hướng dẫn nơi nộp',
      ],
    },
    {
      ...service(2, 'chung-thuc', 'Chứng thực', 'Certification', 5, 'stamp'),
      outcomes: [
        'Đã chứng thực bản sao',
        'Đã chứng thực chữ ký',
        'Thiếu bản chính để đối chiếu',
        'Hướng dẫn thủ tục',
      ],
    },
    service(
      3,
      'dat-dai',
      'Đất đai – Nông nghiệp & Môi trường',
      'Land – Agriculture & Environment',
      15,
      'land',
    ),
    service(4, 'xay-dung', 'Xây dựng – Đô thị', 'Construction – Urban planning', 15, 'house'),
    service(5, 'kinh-te', 'Kinh tế – Tài chính', 'Economy – Finance', 12, 'business'),
    service(6, 'van-hoa-xa-hoi', 'Văn hóa – Xã hội', 'Culture – Social affairs', 10, 'people'),
    {
      ...service(7, 'tra-ket-qua', 'Trả kết quả', 'Results pickup', 3, 'document'),
      outcomes: ['Đã trả kết quả', 'Chưa có kết quả, hẹn ngày khác', 'Thiếu giấy hẹn hoặc giấy tờ tùy thân'],
    },
    service(
      8,
      'ho-tro-vneid',
      'Hỗ trợ dịch vụ công trực tuyến / VNeID',
      'Online services / VNeID help desk',
      8,
      'id-card',
    ),
  ],
  counters: [
    {
      id: 'q1',
      number: 1,
      name: 'Quầy 1',
      services: [{ serviceId: 'ho-tich' }, { serviceId: 'chung-thuc' }],
    },
    {
      id: 'q2',
      number: 2,
      name: 'Quầy 2',
      services: [{ serviceId: 'chung-thuc' }, { serviceId: 'ho-tich' }],
    },
    { id: 'q3', number: 3, name: 'Quầy 3', services: [{ serviceId: 'dat-dai' }, { serviceId: 'xay-dung' }] },
    {
      id: 'q4',
      number: 4,
      name: 'Quầy 4',
      services: [{ serviceId: 'xay-dung' }, { serviceId: 'kinh-te' }, { serviceId: 'dat-dai' }],
    },
    {
      id: 'q5',
      number: 5,
      name: 'Quầy 5',
      services: [{ serviceId: 'van-hoa-xa-hoi' }, { serviceId: 'kinh-te' }],
    },
    {
      id: 'q6',
      number: 6,
      name: 'Quầy 6',
      services: [{ serviceId: 'tra-ket-qua' }, { serviceId: 'ho-tro-vneid' }, { serviceId: 'chung-thuc' }],
    },
  ],
};
