import { Router } from 'express';
import { IriScheme } from '../graph/iri-scheme.js';
import { FAVICON_TYPE } from '../pages/html-page.js';
import { methodNotAllowed } from './method-guard.js';

const SIZE = 32;
/** The site's link colour (html-page.ts), as red, green, blue. */
const LINK_BLUE = [0x0a, 0x4f, 0x96] as const;

/**
 * The icon, drawn here rather than kept as a binary file: a blue ring, the
 * site's link colour, on a transparent ground. An ICO holding one 32×32 32-bit
 * bitmap (header, directory entry, BITMAPINFOHEADER, bottom-up BGRA rows, an
 * all-zero AND mask since the alpha channel carries the shape).
 */
export function drawFavicon(): Buffer {
  const pixels = SIZE * SIZE * 4;
  const mask = SIZE * (SIZE / 8);
  const icon = Buffer.alloc(6 + 16 + 40 + pixels + mask);
  icon.writeUInt16LE(0, 0); // reserved
  icon.writeUInt16LE(1, 2); // an icon, not a cursor
  icon.writeUInt16LE(1, 4); // one image
  icon.writeUInt8(SIZE, 6);
  icon.writeUInt8(SIZE, 7);
  icon.writeUInt16LE(1, 10); // colour planes
  icon.writeUInt16LE(32, 12); // bits per pixel
  icon.writeUInt32LE(40 + pixels + mask, 14);
  icon.writeUInt32LE(22, 18); // where the bitmap starts
  icon.writeUInt32LE(40, 22);
  icon.writeInt32LE(SIZE, 26);
  icon.writeInt32LE(SIZE * 2, 30); // the bitmap and its mask, stacked
  icon.writeUInt16LE(1, 34);
  icon.writeUInt16LE(32, 36);
  icon.writeUInt32LE(pixels + mask, 42);
  for (let row = 0; row < SIZE; row += 1) {
    for (let column = 0; column < SIZE; column += 1) {
      const offset = 62 + ((SIZE - 1 - row) * SIZE + column) * 4;
      icon.writeUInt8(LINK_BLUE[2], offset);
      icon.writeUInt8(LINK_BLUE[1], offset + 1);
      icon.writeUInt8(LINK_BLUE[0], offset + 2);
      icon.writeUInt8(Math.round(255 * ringCoverage(column, row)), offset + 3);
    }
  }
  return icon;
}

/** How much of pixel (x, y) the ring covers, from 4×4 samples, so its edges are smooth. */
function ringCoverage(x: number, y: number): number {
  let inside = 0;
  for (let i = 0; i < 4; i += 1) {
    for (let j = 0; j < 4; j += 1) {
      const distance = Math.hypot(x + (i + 0.5) / 4 - SIZE / 2, y + (j + 0.5) / 4 - SIZE / 2);
      if (distance <= 15 && distance >= 8) inside += 1;
    }
  }
  return inside / 16;
}

/** GET /favicon.ico (where browsers ask by default, and every page links): the icon, cached for a week, so no page's console shows a 404 for it. */
export function createFaviconRouter(iris: IriScheme): Router {
  const icon = drawFavicon();
  const router = Router({ caseSensitive: true, strict: true });
  router
    .route(iris.path(iris.favicon))
    .get((_req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=604800');
      res.type(FAVICON_TYPE).send(icon);
    })
    .all(methodNotAllowed());
  return router;
}
