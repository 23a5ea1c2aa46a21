import { describe, expect, it } from 'vitest';
import {
  CHIME_CLIP_ID,
  DEFAULT_VOICE_SETTINGS,
  announcementClips,
  announcementText,
  clipId,
  parseTemplate,
  requiredClips,
  sentenceClips,
  templateProblems,
  voiceSettingsProblems,
  withVoiceDefaults,
  type AnnouncementPart,
} from '../../shared/i18n/announcement.js';

const INVITE = 'xin-mời-công-dân-có-số-thứ-tự';
const TO_COUNTER = 'đến-quầy-số';
const clips = (...ids: string[]): AnnouncementPart[] => ids.map((clip) => ({ clip }));

/** "Xin mời công dân có số thứ tự một nghìn không trăm linh năm đến quầy số ba" as clips. */
const SENTENCE_1005_AT_3 = clips(INVITE, 'một', 'nghìn', 'không', 'trăm', 'linh', 'năm', TO_COUNTER, 'ba');

describe('announcementClips', () => {
  it('plays the chime, the sentence, 650 ms of silence, the sentence again (the defaults)', () => {
    expect(DEFAULT_VOICE_SETTINGS).toEqual({
      template: 'Xin mời công dân có số thứ tự {số} đến quầy số {quầy}',
      repeat: 2,
      gapMs: 650,
      dialect: 'north',
      numberReading: 'value',
      chime: true,
    });
    expect(announcementClips({ ticketNumber: '1005', counterNumber: 3 }, DEFAULT_VOICE_SETTINGS)).toEqual([
      { clip: CHIME_CLIP_ID },
      ...SENTENCE_1005_AT_3,
      { silenceMs: 650 },
      ...SENTENCE_1005_AT_3,
    ]);
  });

  it('says the sentence once with repeat 1 and three times, gaps between, with repeat 3', () => {
    const call = { ticketNumber: '1005', counterNumber: 3 };
    expect(announcementClips(call, withVoiceDefaults({ repeat: 1 }))).toEqual([
      { clip: CHIME_CLIP_ID },
      ...SENTENCE_1005_AT_3,
    ]);
    expect(announcementClips(call, withVoiceDefaults({ repeat: 3, gapMs: 700 }))).toEqual([
      { clip: CHIME_CLIP_ID },
      ...SENTENCE_1005_AT_3,
      { silenceMs: 700 },
      ...SENTENCE_1005_AT_3,
      { silenceMs: 700 },
      ...SENTENCE_1005_AT_3,
    ]);
  });

  it('leaves out the chime when it is off and a zero gap', () => {
    const parts = announcementClips(
      { ticketNumber: '7', counterNumber: 1 },
      withVoiceDefaults({ chime: false, gapMs: 0 }),
    );
    expect(parts).toEqual(clips(INVITE, 'bảy', TO_COUNTER, 'một', INVITE, 'bảy', TO_COUNTER, 'một'));
  });

  it('reads the ticket digit by digit in digits mode, the counter still by value', () => {
    const settings = withVoiceDefaults({ numberReading: 'digits', repeat: 1, chime: false });
    expect(announcementClips({ ticketNumber: '1005', counterNumber: 12 }, settings)).toEqual(
      clips(INVITE, 'một', 'không', 'không', 'năm', TO_COUNTER, 'mười', 'hai'),
    );
  });

  it('uses the Southern words and letter names', () => {
    const settings = withVoiceDefaults({ dialect: 'south', repeat: 1, chime: false });
    expect(sentenceClips({ ticketNumber: 'L105', counterNumber: 24 }, settings)).toEqual([
      INVITE,
      'e-lờ',
      'một',
      'trăm',
      'lẻ',
      'năm',
      TO_COUNTER,
      'hai',
      'mươi',
      'tư',
    ]);
  });

  it('speaks a custom template as its phrases, split at placeholders and punctuation', () => {
    const settings = withVoiceDefaults({
      template: 'Mời Quý khách số {số}, vui lòng đến quầy {quầy}.',
      repeat: 1,
      chime: false,
    });
    expect(sentenceClips({ ticketNumber: 'A012', counterNumber: 5 }, settings)).toEqual([
      'mời-quý-khách-số',
      'a',
      'mười',
      'hai',
      'vui-lòng-đến-quầy',
      'năm',
    ]);
  });

  it('accepts placeholders without accents or in English', () => {
    const settings = withVoiceDefaults({ template: 'So {so} quay {Counter}', repeat: 1, chime: false });
    expect(sentenceClips({ ticketNumber: '2', counterNumber: 3 }, settings)).toEqual([
      'so',
      'hai',
      'quay',
      'ba',
    ]);
  });

  it('falls back from a phrase the pack lacks to the longest phrases and words it has', () => {
    const pack = new Set(['xin-mời', 'công-dân', 'có', 'số-thứ-tự', TO_COUNTER, 'năm', 'ba']);
    const has = (id: string): boolean => pack.has(id);
    const settings = withVoiceDefaults({ repeat: 1, chime: false });
    expect(sentenceClips({ ticketNumber: '5', counterNumber: 3 }, settings, has)).toEqual([
      'xin-mời',
      'công-dân',
      'có',
      'số-thứ-tự',
      'năm',
      TO_COUNTER,
      'ba',
    ]);
    // With the whole phrase in the pack, the phrase wins.
    pack.add(INVITE);
    expect(sentenceClips({ ticketNumber: '5', counterNumber: 3 }, settings, has)[0]).toBe(INVITE);
  });

  it('refuses what it cannot announce', () => {
    expect(() =>
      announcementClips({ ticketNumber: '1005', counterNumber: 3 }, withVoiceDefaults({ repeat: 0 })),
    ).toThrow(RangeError);
    expect(() =>
      announcementClips({ ticketNumber: '1005', counterNumber: -1 }, DEFAULT_VOICE_SETTINGS),
    ).toThrow(RangeError);
    expect(() =>
      announcementClips({ ticketNumber: '10-05', counterNumber: 1 }, DEFAULT_VOICE_SETTINGS),
    ).toThrow(RangeError);
  });
});

describe('announcementText', () => {
  const call = { ticketNumber: 'A012', counterNumber: 3 };

  it('writes the number as printed, for staff screens', () => {
    expect(announcementText(call, DEFAULT_VOICE_SETTINGS)).toBe(
      'Xin mời công dân có số thứ tự A012 đến quầy số 3',
    );
    expect(
      announcementText({ ticketNumber: '1005', counterNumber: 12 }, DEFAULT_VOICE_SETTINGS, 'written'),
    ).toBe('Xin mời công dân có số thứ tự 1005 đến quầy số 12');
  });

  it('spells the numbers out in words for browser speech, in the dialect and reading mode', () => {
    expect(announcementText(call, DEFAULT_VOICE_SETTINGS, 'spoken')).toBe(
      'Xin mời công dân có số thứ tự a mười hai đến quầy số ba',
    );
    expect(
      announcementText(
        { ticketNumber: '1005', counterNumber: 21 },
        withVoiceDefaults({ dialect: 'south' }),
        'spoken',
      ),
    ).toBe('Xin mời công dân có số thứ tự một ngàn không trăm lẻ năm đến quầy số hai mươi mốt');
    expect(
      announcementText(
        { ticketNumber: 'L005', counterNumber: 2 },
        withVoiceDefaults({ numberReading: 'digits' }),
        'spoken',
      ),
    ).toBe('Xin mời công dân có số thứ tự e lờ không không năm đến quầy số hai');
  });

  it('returns NFC text even from a decomposed template', () => {
    const template = DEFAULT_VOICE_SETTINGS.template.normalize('NFD');
    const text = announcementText(call, withVoiceDefaults({ template }));
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toBe('Xin mời công dân có số thứ tự A012 đến quầy số 3');
  });
});

describe('clip ids and templates', () => {
  it('makes one id per word run: NFC, lower-case, joined by "-", diacritics kept', () => {
    expect(clipId(['Số', 'thứ', 'tự'])).toBe('số-thứ-tự');
    expect(clipId(['số thứ tự'.normalize('NFD')])).toBe('số-thứ-tự');
    expect(clipId(['e-lờ'])).toBe('e-lờ');
    expect(clipId(['mười'])).not.toBe(clipId(['mươi']));
    expect(() => clipId([])).toThrow(RangeError);
    expect(() => clipId([' '])).toThrow(RangeError);
  });

  it('parses the default template into two phrases and two placeholders', () => {
    expect(parseTemplate(DEFAULT_VOICE_SETTINGS.template)).toEqual([
      { phrase: ['xin', 'mời', 'công', 'dân', 'có', 'số', 'thứ', 'tự'], clip: INVITE },
      { slot: 'ticket' },
      { phrase: ['đến', 'quầy', 'số'], clip: TO_COUNTER },
      { slot: 'counter' },
    ]);
  });

  it('reports unknown placeholders and a template without the number', () => {
    expect(templateProblems(DEFAULT_VOICE_SETTINGS.template)).toEqual([]);
    expect(templateProblems('Mời số {so} tới {ban}')).toEqual([
      'unknown placeholder {ban}: use {số} or {quầy}',
    ]);
    expect(templateProblems('Mời đến quầy {quầy}')).toEqual([
      'the template never says the ticket number: add {số}',
    ]);
    expect(voiceSettingsProblems(withVoiceDefaults({ repeat: 0, gapMs: -5 }))).toHaveLength(2);
    expect(voiceSettingsProblems(DEFAULT_VOICE_SETTINGS)).toEqual([]);
  });
});

describe('requiredClips', () => {
  it('lists the chime, the two phrases, 18 number words and 26 letter names by default', () => {
    const required = requiredClips(DEFAULT_VOICE_SETTINGS);
    expect(required.slice(0, 3)).toEqual([CHIME_CLIP_ID, INVITE, TO_COUNTER]);
    expect(required.slice(3, 21).sort()).toEqual(
      ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín']
        .concat(['mười', 'mươi', 'mốt', 'tư', 'lăm', 'linh', 'trăm', 'nghìn'])
        .sort(),
    );
    expect(required).toHaveLength(3 + 18 + 26);
    expect(new Set(required).size).toBe(required.length);
  });

  it('drops the chime when it is off, and the value words when no placeholder needs them', () => {
    expect(requiredClips(withVoiceDefaults({ chime: false }))).not.toContain(CHIME_CLIP_ID);
    const digitsOnly = requiredClips(
      withVoiceDefaults({ template: 'Mời số {số}', numberReading: 'digits', chime: false }),
    );
    expect(digitsOnly).toHaveLength(1 + 10 + 26);
    expect(digitsOnly).not.toContain('mươi');
  });

  it('asks for the words a pack would use instead of a phrase it lacks, or the phrase when it cannot', () => {
    const words = new Set(['xin', 'mời', 'công', 'dân', 'có', 'số', 'thứ', 'tự']);
    const required = requiredClips(DEFAULT_VOICE_SETTINGS, (id) => words.has(id));
    expect(required).toContain('thứ');
    expect(required).not.toContain(INVITE);
    expect(required).toContain(TO_COUNTER); // neither it nor its words ("đến", "quầy") are there
  });
});
