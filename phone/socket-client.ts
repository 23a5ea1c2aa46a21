/**
 * The one thing the page takes from socket.io's client, loaded lazily (ticket-feed.ts). A dynamic
 * `import('socket.io-client')` would keep the whole module namespace — every transport, Node's
 * included — so the page imports this file instead and the bundler keeps only what `io` needs.
 */
export { io } from 'socket.io-client';
