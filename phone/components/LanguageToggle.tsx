import type { PhoneLang, PhoneStrings } from '../../shared/i18n/phone.js';

const CHOICES: readonly { lang: PhoneLang; short: string; name: string }[] = [
  { lang: 'vi', short: 'VI', name: 'Tiếng Việt' },
  { lang: 'en', short: 'EN', name: 'English' },
];

/**
 * VI / EN, both always visible. Each button is named in its own language ("Tiếng Việt, VI"), so
 * the visible text is part of the name (speech input: "tap VI") and a screen reader says it right.
 */
export function LanguageToggle(props: {
  lang: PhoneLang;
  t: PhoneStrings;
  onChange: (lang: PhoneLang) => void;
}) {
  return (
    <div class="langs" role="group" aria-label={props.t.languageGroup}>
      {CHOICES.map((c) => (
        <button
          key={c.lang}
          type="button"
          lang={c.lang}
          class="lang"
          aria-pressed={props.lang === c.lang}
          aria-label={`${c.name}, ${c.short}`}
          onClick={() => props.onChange(c.lang)}
        >
          {c.short}
        </button>
      ))}
    </div>
  );
}
