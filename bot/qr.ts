/**
 * QR codes for procedures' portal links, in PNG (chat apps, posters) and SVG (print, web).
 * Rendered once per URL and cached, since links change only when staff edit them.
 */
import QRCode from 'qrcode';

const cache = new Map<string, Buffer | string>();
const MAX_CACHE = 500;

function remember<T extends Buffer | string>(key: string, value: T): T {
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/** PNG bytes of a QR code for `url` (well under Zalo's 1 MB upload limit). */
export async function qrPng(url: string): Promise<Buffer> {
  const key = `png:${url}`;
  const hit = cache.get(key);
  if (hit) return hit as Buffer;
  return remember(key, await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 360 }));
}

/** SVG markup of a QR code for `url`. */
export async function qrSvg(url: string): Promise<string> {
  const key = `svg:${url}`;
  const hit = cache.get(key);
  if (hit) return hit as string;
  return remember(key, await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
}
