/**
 * The kiosk's live connection (socket.io, websocket transport only: no sticky sessions behind a load
 * balancer). The kiosk listens to no office events; the socket tells it whether the server is
 * reachable, and a reconnect means the office may have changed meanwhile: `onReconnect` refreshes it.
 * socket.io-client reconnects by itself, except after the server closed the socket (a revoked
 * device, a restart): then `onReconnect` checks the token and the kiosk connects again itself.
 */
import { io } from 'socket.io-client';
import { useEffect, useRef, useState } from 'preact/hooks';

const RECONNECT_AFTER_KICK_MS = 3_000;

export function useConnection(token: string, onReconnect: () => void): { lost: boolean } {
  const [lost, setLost] = useState(false);
  const reconnected = useRef(onReconnect);
  reconnected.current = onReconnect;

  useEffect(() => {
    const socket = io({ transports: ['websocket'], auth: { token } });
    let connectedBefore = false;
    let closed = false;
    let kickTimer: ReturnType<typeof setTimeout> | undefined;
    socket.on('connect', () => {
      setLost(false);
      if (connectedBefore) reconnected.current();
      connectedBefore = true;
    });
    socket.on('disconnect', (reason) => {
      setLost(true);
      if (reason === 'io server disconnect') {
        reconnected.current();
        kickTimer = setTimeout(() => {
          if (!closed) socket.connect();
        }, RECONNECT_AFTER_KICK_MS);
      }
    });
    socket.on('connect_error', () => setLost(true));
    return () => {
      closed = true;
      clearTimeout(kickTimer);
      socket.off();
      socket.disconnect();
    };
  }, [token]);

  return { lost };
}
