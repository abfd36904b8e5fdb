import type { RequestHandler } from 'express';
import { MethodNotAllowedError } from './http-errors.js';

/** The methods every read-only route allows (OPTIONS is answered by the CORS middleware). */
export const READ_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];

/** The handler for any other method on a route: 405 with `Allow`. */
export function methodNotAllowed(allowed: readonly string[] = READ_METHODS): RequestHandler {
  return (req, _res, next) => {
    next(new MethodNotAllowedError(req.method, allowed));
  };
}
