import type { PhoneLang, PhoneStrings } from '../../shared/i18n/phone.js';
import { LanguageToggle } from './LanguageToggle.js';

export function Header(props: { lang: PhoneLang; t: PhoneStrings; onLang: (lang: PhoneLang) => void }) {
  return (
    <header class="top">
      <span class="brand" lang="vi">
        {props.t.brand}
      </span>
      <LanguageToggle lang={props.lang} t={props.t} onChange={props.onLang} />
    </header>
  );
}
