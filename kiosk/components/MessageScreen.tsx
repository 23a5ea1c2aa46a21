/** A screen that says one thing (loading, server unreachable, a refusal) with optional actions. */
import type { ComponentChildren } from 'preact';
import { Screen } from './Screen.js';

export interface MessageScreenProps {
  name: string;
  title: string;
  text?: string;
  /** role="alert" for problems, so a screen reader says them at once. */
  alert?: boolean;
  settling?: boolean;
  children?: ComponentChildren;
}

export function MessageScreen({
  name,
  title,
  text,
  alert = false,
  settling = false,
  children,
}: MessageScreenProps) {
  return (
    <Screen
      centered
      name={name}
      settling={settling}
      head={
        <div role={alert ? 'alert' : 'status'}>
          <h1 class="title">{title}</h1>
          {text !== undefined && <p class="hint">{text}</p>}
        </div>
      }
    >
      {children !== undefined && <div class="actions">{children}</div>}
    </Screen>
  );
}
