/**
 * How many items of a fixed height (in rem: 1rem is 1 % of the usable screen height, styles.css)
 * fit in an element: the number of rows per page. Measured, not assumed, so a zone with a
 * ticker, an overscan margin or another aspect ratio still never cuts a row in half.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

/** `reserveRem`: the part of the element taken by other things (a heading). */
export function useFit(ref: RefObject<HTMLElement | null>, itemRem: number, reserveRem = 0): number {
  const [fit, setFit] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 1;
      setFit(Math.max(1, Math.floor((el.clientHeight - reserveRem * rem + 1) / (itemRem * rem))));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, itemRem, reserveRem]);
  return fit;
}
