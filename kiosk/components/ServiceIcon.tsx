/**
 * The kiosk's pictograms, one per SERVICE_ICONS name: simple line drawings in the text colour.
 * Decorative (aria-hidden): the tile's label carries the meaning.
 */
import type { ComponentChildren } from 'preact';
import type { ServiceIcon as IconName } from '../../shared/domain/types.js';

const SHAPES: Record<IconName, ComponentChildren> = {
  document: (
    <>
      <path d="M6 2.5h8l4.5 4.5v14a.5.5 0 0 1-.5.5H6a.5.5 0 0 1-.5-.5V3a.5.5 0 0 1 .5-.5z" />
      <path d="M14 2.5V7h4.5M8.5 12h7M8.5 15.5h7M8.5 19h4" />
    </>
  ),
  family: (
    <>
      <circle cx="6" cy="5.5" r="2.3" />
      <circle cx="18" cy="5.5" r="2.3" />
      <circle cx="12" cy="13" r="1.5" />
      <path d="M2.5 21v-7a3.5 3.5 0 0 1 7 0v7M14.5 21v-7a3.5 3.5 0 0 1 7 0v7M10.3 21v-2.3a1.7 1.7 0 0 1 3.4 0V21" />
    </>
  ),
  stamp: (
    <>
      <circle cx="12" cy="5" r="2.3" />
      <path d="M10.6 7.2 10 12h4l-.6-4.8M4.5 12h15v4h-15zM6 19.5h12" />
    </>
  ),
  land: (
    <>
      <path d="M2.5 20.5 6.5 11h11l4 9.5zM12 11v9.5M4.6 15.5h14.8" />
      <path d="M12 2a3 3 0 0 1 3 3c0 2.2-3 4.6-3 4.6S9 7.2 9 5a3 3 0 0 1 3-3z" />
    </>
  ),
  house: <path d="M3 11.5 12 4l9 7.5M5.5 9.5v11h13v-11M10 20.5v-6h4v6" />,
  business: (
    <>
      <rect x="3" y="7.5" width="18" height="13" rx="1.5" />
      <path d="M8.5 7.5V5A1.5 1.5 0 0 1 10 3.5h4A1.5 1.5 0 0 1 15.5 5v2.5M3 13h18M10.5 13v2h3v-2" />
    </>
  ),
  people: (
    <>
      <circle cx="12" cy="6" r="2.5" />
      <circle cx="5" cy="8.5" r="1.8" />
      <circle cx="19" cy="8.5" r="1.8" />
      <path d="M7 20v-3a5 5 0 0 1 10 0v3M1.5 19v-2a3.5 3.5 0 0 1 4.8-3.3M22.5 19v-2a3.5 3.5 0 0 0-4.8-3.3" />
    </>
  ),
  scales: (
    <path d="M12 3v17.5M7 20.5h10M4.5 6.5h15M4.5 6.5 2 13h5zM19.5 6.5 17 13h5zM2 13a2.5 2.5 0 0 0 5 0M17 13a2.5 2.5 0 0 0 5 0" />
  ),
  money: (
    <>
      <rect x="2.5" y="6" width="19" height="12" rx="1.5" />
      <circle cx="12" cy="12" r="3" />
      <path d="M6 9.5v5M18 9.5v5" />
    </>
  ),
  health: <path d="M9 3.5h6V9h5.5v6H15v5.5H9V15H3.5V9H9z" />,
  'id-card': (
    <>
      <rect x="2.5" y="5" width="19" height="14" rx="1.5" />
      <circle cx="8.5" cy="10.5" r="2" />
      <path d="M5.5 16a3 3 0 0 1 6 0M14 10h4.5M14 13.5h4.5" />
    </>
  ),
  info: (
    <>
      <circle cx="12" cy="12" r="9.5" />
      <path d="M12 10.5V17M12 7v.5" />
    </>
  ),
};

export function ServiceIcon({ name }: { name: IconName | undefined }) {
  return (
    <svg
      class="icon"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      {SHAPES[name ?? 'document']}
    </svg>
  );
}
