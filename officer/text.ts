/**
 * The console's language: Vietnamese by default, English by the toggle, remembered per browser.
 * Components read the strings through `useText()`.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { BOARD_TEXT, type BoardText } from '../shared/i18n/board.js';
import { OFFICER_TEXT, type OfficerLang, type OfficerText } from '../shared/i18n/officer.js';

const LANG_KEY = 'luot.officer.lang';

export const TextContext = createContext<OfficerText>(OFFICER_TEXT.vi);

export function useText(): OfficerText {
  return useContext(TextContext);
}

export function storedLang(): OfficerLang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function storeLang(lang: OfficerLang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** The room's strings (board, today, no-shows) in the console's language. */
export function useBoardText(): BoardText {
  return BOARD_TEXT[useContext(TextContext).lang];
}
