/**
 * The bundled ticket font: Be Vietnam Pro (SIL Open Font License 1.1), full TTF files from the npm
 * package `@expo-google-fonts/be-vietnam-pro`.
 *
 * Why bundled: the ticket must render Vietnamese identically on a Linux server and on a kiosk PC
 * running Windows, so we never rely on system fonts. Why these files and not `@fontsource/*`: the
 * fontsource WOFF2 files are split into latin / latin-ext / vietnamese subsets, and a canvas picks
 * one face per family, so "Số" would need cross-face fallback that differs between machines. The
 * expo package ships each weight as one complete TTF (Latin + every Vietnamese precomposed letter).
 */
import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';
import type { FontSpec } from './ticket-layout.js';

/** The family alias we register under: unique, so a system font of the same name never wins. */
export const TICKET_FONT_FAMILY = 'Luot Ticket Be Vietnam Pro';

const FILES: Readonly<Record<FontSpec['weight'], string>> = {
  500: '500Medium/BeVietnamPro_500Medium.ttf',
  600: '600SemiBold/BeVietnamPro_600SemiBold.ttf',
  700: '700Bold/BeVietnamPro_700Bold.ttf',
  800: '800ExtraBold/BeVietnamPro_800ExtraBold.ttf',
};

let registered = false;

/**
 * Registers the bundled weights once (lazily: importing the printing module costs nothing until a
 * ticket is rendered). Throws if a file is missing or Skia rejects it, rather than silently
 * printing in a fallback font without Vietnamese marks.
 */
export function ensureTicketFonts(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  for (const file of Object.values(FILES)) {
    const path = require.resolve(`@expo-google-fonts/be-vietnam-pro/${file}`);
    if (!GlobalFonts.registerFromPath(path, TICKET_FONT_FAMILY)) {
      throw new Error(`Could not register the ticket font ${path}`);
    }
  }
  registered = true;
}

/** The CSS font shorthand for a spec, e.g. `700 36px "Luot Ticket Be Vietnam Pro"`. */
export function cssFont(font: FontSpec): string {
  return `${font.weight} ${font.size}px "${TICKET_FONT_FAMILY}"`;
}
