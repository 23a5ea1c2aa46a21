/**
 * What a hall or counter display tells the server about itself, relayed live to the office's
 * staff: mainly that its browser blocks sound (Chromium's autoplay policy without
 * `--autoplay-policy=no-user-gesture-required`), so that someone goes and presses "Bật âm thanh".
 */
import { Type, type Static } from 'typebox';
import { StringEnum } from './schema.js';

export const DISPLAY_STATUS_EVENT = 'display:status';

/** ok: clips play; speech: the browser's own voice (clips failed to load); blocked: no sound until a tap. */
export const DISPLAY_AUDIO_STATES = ['ok', 'speech', 'blocked', 'unavailable', 'off'] as const;
export type DisplayAudioState = (typeof DISPLAY_AUDIO_STATES)[number];

export const DisplayStatusReportSchema = Type.Object(
  {
    audio: StringEnum(DISPLAY_AUDIO_STATES),
    detail: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DisplayStatusReport = Static<typeof DisplayStatusReportSchema>;

/** To the office's staff. */
export interface DisplayStatusEvent extends DisplayStatusReport {
  officeId: string;
  deviceId: string;
  at: number;
}
