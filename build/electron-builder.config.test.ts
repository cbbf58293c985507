import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { APP_ID, DESKTOP_FILE_NAME } from '../electron/app-identity';

const require = createRequire(import.meta.url);
const config = require('./electron-builder.config.cjs');
const root = path.resolve(__dirname, '..');

/** Width, height and decoded pixel bytes of a PNG, checking signature, chunk order and CRCs. */
function readPng(file: string): { width: number; height: number; colorType: number; pixels: Buffer } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const { crc32 } = require('node:zlib') as { crc32?: (data: Buffer) => number };
  let offset = 8;
  const chunks: Array<{ type: string; data: Buffer }> = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32) expect(bytes.readUInt32BE(offset + 8 + length)).toBe(crc32(bytes.subarray(offset + 4, offset + 8 + length)));
    chunks.push({ type, data });
    offset += 12 + length;
  }
  expect(chunks[0]?.type).toBe('IHDR');
  expect(chunks.at(-1)?.type).toBe('IEND');
  const header = chunks[0]!.data;
  const idat = Buffer.concat(chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data));
  return { width: header.readUInt32BE(0), height: header.readUInt32BE(4), colorType: header[9]!, pixels: inflateSync(idat) };
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // Loading the validator alone takes seconds on a busy machine.
  }, 60_000);

  it('identifies the app with one reverse-DNS id, the one the main process uses', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)*\.[A-Za-z]+$/);
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe('Softphone');
  });

  it('names the Linux .desktop file after it, as the Wayland portal requires', () => {
    expect(config.extraMetadata.desktopName).toBe(DESKTOP_FILE_NAME);
    expect(config.linux.syncDesktopName).toBe(true);
  });

  it('packages the built main process, preload and renderer into an asar', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(
      expect.arrayContaining([
        'dist/electron/main.cjs',
        'dist/electron/preload.cjs',
        'dist/electron/incoming-call/**',
        'dist/electron/screen-share-picker/**',
        'dist/electron/tray/**',
        'dist/web/**',
        'package.json',
      ]),
    );
    const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(packageJson.main).toBe('dist/electron/main.cjs');
  });

  it('builds AppImage and deb on Linux, NSIS on Windows, dmg on macOS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('files the app under Network and Telephony in the Linux menu', () => {
    expect(config.linux.category.split(';')).toEqual(['Network', 'Telephony']);
  });

  it('registers the app for sip:, tel: and callto: links', () => {
    const schemes = config.protocols.flatMap((protocol: { schemes: string[] }) => protocol.schemes);
    expect(schemes.sort()).toEqual(['callto', 'sip', 'tel']);
  });

  it('asks macOS users for microphone and camera with a reason, under the hardened runtime', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/i);
    expect(config.mac.extendInfo.NSCameraUsageDescription).toMatch(/camera/i);
    const entitlements = readFileSync(path.join(root, config.mac.entitlements), 'utf8');
    expect(entitlements).toContain('com.apple.security.device.audio-input');
    expect(entitlements).toContain('com.apple.security.device.camera');
    expect(entitlements).not.toContain('disable-library-validation');
  });

  it('flips the security fuses, and re-signs ad hoc so an unsigned arm64 Mac still launches', () => {
    expect(config.electronFuses).toMatchObject({
      resetAdHocDarwinSignature: true,
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('makes a release that cannot be signed fail instead of shipping', () => {
    const load = (release: string | undefined) => {
      const saved = process.env.SOFTPHONE_RELEASE;
      if (release === undefined) delete process.env.SOFTPHONE_RELEASE;
      else process.env.SOFTPHONE_RELEASE = release;
      delete require.cache[require.resolve('./electron-builder.config.cjs')];
      try {
        return require('./electron-builder.config.cjs');
      } finally {
        if (saved === undefined) delete process.env.SOFTPHONE_RELEASE;
        else process.env.SOFTPHONE_RELEASE = saved;
      }
    };
    expect(load('1').forceCodeSigning).toBe(true);
    expect(load(undefined).forceCodeSigning).toBe(false);
  });

  it('has the deb depend on what Electron loads on a minimal system', () => {
    const depends: string[] = config.deb.depends;
    for (const library of ['libgbm1', 'libasound2', 'libdrm2', 'libxkbcommon0', 'libnss3', 'libgtk-3-0', 'libsecret-1-0']) {
      expect(depends.some((entry) => entry.split(' | ').includes(library))).toBe(true);
    }
    // Ubuntu 24.04 names (64-bit time_t) are accepted too.
    expect(depends).toContain('libasound2 | libasound2t64');
  });

  it('ships an AppArmor profile that gives our binary alone the user namespace the sandbox needs', () => {
    const profile = readFileSync(path.join(root, config.deb.appArmorProfile), 'utf8');
    expect(profile).toContain('abi <abi/4.0>');
    expect(profile).toMatch(/profile "\$\{executable\}" "\/opt\/\$\{sanitizedProductName\}\/\$\{executable\}" flags=\(unconfined\) \{\s*userns,/);
    expect(config.linux.executableName).toBe('softphone');
  });

  it('removes the link registration on uninstall (Windows), only where it still points at this install', () => {
    const script = readFileSync(path.join(root, config.nsis.include), 'utf8');
    expect(script).toContain('!macro customUnInstall');
    for (const scheme of ['sip', 'tel', 'callto']) expect(script).toContain(`!insertmacro softphoneForgetLinkScheme "${scheme}"`);
    expect(script).toContain('\'"$INSTDIR\\${APP_EXECUTABLE_FILENAME}" "%1"\'');
  });

  it.each([512, 256])('ships a valid %ipx square RGBA icon', (size) => {
    const file = path.join(root, 'build', 'icons', `${size}x${size}.png`);
    expect(existsSync(file)).toBe(true);
    const png = readPng(file);
    expect([png.width, png.height, png.colorType]).toEqual([size, size, 6]);
    // One filter byte plus four bytes per pixel on each row.
    expect(png.pixels.length).toBe(size * (size * 4 + 1));
  });

  it('points every platform at icons that exist', () => {
    expect(existsSync(path.join(root, config.linux.icon))).toBe(true);
    expect(existsSync(path.join(root, config.win.icon))).toBe(true);
    expect(existsSync(path.join(root, config.mac.icon))).toBe(true);
  });

  it.each(['offline', 'registered', 'ringing', 'in-call', 'do-not-disturb'])('ships the %s tray icon at 1x and 2x', (state) => {
    for (const [suffix, size] of [['', 16], ['@2x', 32]] as const) {
      const png = readPng(path.join(root, 'build', 'icons', 'tray', `${state}${suffix}.png`));
      expect([png.width, png.height, png.colorType]).toEqual([size, size, 6]);
    }
  });
});
