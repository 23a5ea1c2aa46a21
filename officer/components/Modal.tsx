/**
 * A modal dialog on the native <dialog> (showModal): focus moves into it and stays there, the page
 * behind is inert, Escape closes it. The console's shortcuts are off while one is open.
 */
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** A <dialog> shown modally while mounted: the ref to put on it. */
export function useShownModal(): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}

export function Modal({
  title,
  onClose,
  children,
  id,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  id: string;
}) {
  const ref = useShownModal();
  return (
    <dialog
      ref={ref}
      id={id}
      class="modal"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </dialog>
  );
}
