/** "→" drawn, not typed: the arrow is in none of the font subsets the display loads. */
export function Arrow({ class: className }: { class?: string }) {
  return (
    <svg class={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M2 10.5h15.2l-5.6-5.6 2.1-2.1L23 12l-9.3 9.2-2.1-2.1 5.6-5.6H2z" fill="currentColor" />
    </svg>
  );
}
