/**
 * Ticket numbers: prefix + zero-padded digits ("1" + "005" = 1005). The day's n-th ticket of a
 * service gets the n-th number of its range; the business date is part of the counter's key, so
 * numbering restarts every day without a reset job.
 */
import type { Numbering } from './types.js';

export function rangeEnd(numbering: Numbering): number {
  return numbering.end ?? 10 ** numbering.width - 1;
}

/**
 * The display number of the day's `seqNo`-th ticket (1-based), or undefined when the range is
 * used up and the service does not wrap.
 */
export function displayNumber(numbering: Numbering, seqNo: number): string | undefined {
  const end = rangeEnd(numbering);
  let value = numbering.start + seqNo - 1;
  if (value > end) {
    if (!numbering.wrap) return undefined;
    value = numbering.start + ((seqNo - 1) % (end - numbering.start + 1));
  }
  return numbering.prefix + String(value).padStart(numbering.width, '0');
}
