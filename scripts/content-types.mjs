// Content-Type of each file the built renderer ships, for both ways it is served: the web
// target's static server (serve-web.mjs) and the desktop app's app:// protocol
// (electron/app-protocol.ts). Data only, no side effect, so the Electron bundle can include it.

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * @param {string} extension lower-case, with its dot (`.js`)
 * @returns {string}
 */
export function contentTypeOfExtension(extension) {
  return CONTENT_TYPES[/** @type {keyof typeof CONTENT_TYPES} */ (extension)] ?? 'application/octet-stream';
}
