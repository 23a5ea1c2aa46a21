/** The keyboard shortcuts, always on screen. */
import { useText } from '../text.js';
import type { OfficerText } from '../../shared/i18n/officer.js';

/** The console's shortcuts: key (KeyboardEvent.key, lower case) and its label. */
export const SHORTCUTS: {
  key: string;
  label: (t: OfficerText) => string;
  shown?: (t: OfficerText) => string;
}[] = [
  { key: ' ', label: (t) => t.callNext, shown: (t) => t.keySpace },
  { key: 'r', label: (t) => t.recall },
  { key: 's', label: (t) => t.start },
  { key: 'c', label: (t) => t.complete },
  { key: 'n', label: (t) => t.noShow },
  { key: 't', label: (t) => t.transfer },
  { key: 'p', label: (t) => t.pause },
  { key: 'o', label: (t) => `${t.open} / ${t.resume}` },
  { key: 'i', label: (t) => t.issue },
];

export function ShortcutList() {
  const t = useText();
  return (
    <section class="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title" class="section-title">
        {t.shortcutsTitle}
      </h2>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.key}>
            <dt>
              <kbd>{s.shown ? s.shown(t) : s.key.toUpperCase()}</kbd>
            </dt>
            <dd>{s.label(t)}</dd>
          </div>
        ))}
      </dl>
      <p class="muted small">{t.shortcutsNote}</p>
    </section>
  );
}
