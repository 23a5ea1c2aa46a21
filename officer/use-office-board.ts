/** The office board (GET /api/offices/:officeId/board), kept fresh with the live picture. */
import type { OfficeBoard } from '../shared/protocol/board.js';
import { loadBoard } from './board-api.js';
import { useRefreshed } from './use-refreshed.js';

/** Waits and idle times grow between events: read again at least this often. */
export const BOARD_REFRESH_MS = 15_000;

interface Read {
  board: OfficeBoard;
  /** This browser's time when it arrived. */
  receivedAt: number;
}

export function useOfficeBoard(
  officeId: string,
  seq: number | undefined,
): {
  board: OfficeBoard | undefined;
  /** The server's time now, from the board's own `now` (a PC's clock is often wrong). */
  now: () => number;
  refresh: () => void;
} {
  const { value, refresh } = useRefreshed<Read>(
    () => loadBoard(officeId).then((board) => ({ board, receivedAt: Date.now() })),
    officeId,
    seq,
    BOARD_REFRESH_MS,
  );
  return {
    board: value?.board,
    now: () => (value ? value.board.now + Date.now() - value.receivedAt : Date.now()),
    refresh,
  };
}
