import { type IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { logRequest, logWhenDone, stdoutAccessLog, type AccessLogSink } from './access-log.js';
import { MethodNotAllowedError } from './http-errors.js';
import { READ_METHODS } from './method-guard.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';

/**
 * Answers CONNECT with 405 and `Allow`, as problem details, then closes the
 * connection. Node hands CONNECT to the server's 'connect' event, never to the
 * app, and closes the socket without a word when nobody listens. 405 because
 * the method is well-formed and known (RFC 9110 §9.3.6) but this server is no
 * proxy, so no resource of it allows CONNECT: the client is told which methods
 * it may use instead. A 400 would call a valid request malformed, and a 501
 * would say the method is unknown and blame the server. Install it with
 * `server.on('connect', createConnectRefusal())`; the answer is access-logged
 * like any other.
 */
export function createConnectRefusal(accessLog: AccessLogSink = stdoutAccessLog): (req: IncomingMessage, socket: Duplex) => void {
  return (req, socket) => refuseConnect(req, socket, accessLog);
}

function refuseConnect(req: IncomingMessage, socket: Duplex, accessLog: AccessLogSink): void {
  const started = process.hrtime.bigint();
  // After 'connect' the socket is the listener's: its errors (a client that resets) are the listener's too.
  socket.on('error', () => socket.destroy());
  const error = new MethodNotAllowedError(req.method ?? 'CONNECT', READ_METHODS);
  const body = JSON.stringify({ type: 'about:blank', title: error.title, status: error.status, detail: error.detail, ...error.extensions });
  const res = new ServerResponse(req);
  res.assignSocket(socket as Socket);
  res.shouldKeepAlive = false;
  logWhenDone(res, () => logRequest(accessLog, req.method ?? 'CONNECT', req.url ?? '', error.status, Buffer.byteLength(body), started, requestIdOf(req)));
  res.on('finish', () => {
    res.detachSocket(socket as Socket);
    socket.end();
  });
  res.writeHead(error.status, {
    ...error.headers,
    [REQUEST_ID_HEADER]: requestIdOf(req),
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
  });
  res.end(body);
}
