/**
 * One kiosk screen: a head (the title, the ticket number) and a body with the controls. On a portrait
 * totem the body sits in the lower part of the screen — within reach, 380–1,220 mm above the floor —
 * and the head fills the space above it (styles.css).
 */
import type { ComponentChildren } from 'preact';

export interface ScreenProps {
  /** Names the screen for tests, styles and screenshots. */
  name: string;
  head: ComponentChildren;
  children?: ComponentChildren;
  /** The ghost-tap guard (use-settling.ts). */
  settling?: boolean;
  /** A message rather than a choice: centred on a landscape screen. */
  centered?: boolean;
}

export function Screen({ name, head, children, settling = false, centered = false }: ScreenProps) {
  const classes = `screen screen-${name}${centered ? ' screen-centered' : ''}${settling ? ' settling' : ''}`;
  return (
    <main class={classes} data-screen={name}>
      <div class="screen-head">{head}</div>
      <div class="screen-body">{children}</div>
    </main>
  );
}
