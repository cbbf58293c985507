// electron-builder configuration: `npm run dist` (after `npm run build`). Installers need the
// Electron binary and packaging tools, which electron-builder downloads, so they are built
// where the internet is reachable (a developer machine or the release pipeline). What a release
// needs besides (signing, notarisation) is in the README, "Releasing".

// One identity everywhere (electron/app-identity.ts holds the same; the test compares them):
// macOS bundle id, Windows AppUserModelID, Linux .desktop file name = Wayland app_id = portal id.
const APP_ID = 'org.softphone.Softphone';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: APP_ID,
  productName: 'Softphone',
  copyright: 'Copyright © Softphone contributors',
  directories: { output: 'release', buildResources: 'build' },
  // Only the bundles: main and preload (dist/electron) and the renderer (dist/web). Every
  // runtime dependency is inlined by esbuild or Vite, so node_modules is not shipped.
  // The incoming-call popup page, the screen-share picker page and the tray icons sit beside main.cjs (scripts/build-electron.mjs).
  files: [
    'dist/electron/main.cjs',
    'dist/electron/preload.cjs',
    'dist/electron/incoming-call/**',
    'dist/electron/screen-share-picker/**',
    'dist/electron/tray/**',
    'dist/web/**',
    'package.json',
    '!**/*.map',
    '!node_modules/**',
  ],
  asar: true,
  // A release pipeline sets SOFTPHONE_RELEASE=1: an installer that could not be signed then
  // fails the build instead of shipping (unsigned macOS builds cannot show notifications).
  forceCodeSigning: process.env.SOFTPHONE_RELEASE === '1',
  extraMetadata: {
    main: 'dist/electron/main.cjs',
    // Electron's Linux app id: Wayland app_id, X11 WM_CLASS and the id xdg-desktop-portal gives
    // GlobalShortcuts, which must be reverse-DNS and name an installed .desktop file
    // (docs/api/app.md, setDesktopName); syncDesktopName below installs the file by this name.
    desktopName: `${APP_ID}.desktop`,
  },

  // Writes Info.plist CFBundleURLTypes on macOS and x-scheme-handler MimeTypes on Linux;
  // the app registers itself at run time on Windows (app.setAsDefaultProtocolClient).
  protocols: [{ name: 'SIP call', schemes: ['sip', 'tel', 'callto'], role: 'Viewer' }],

  // Hardening of the Electron binary itself (https://www.electronjs.org/docs/latest/tutorial/fuses):
  // it cannot be turned into a plain Node.js (RunAsNode, NODE_OPTIONS, --inspect), it only
  // runs the app code from our asar, whose integrity is checked, and cookies are encrypted.
  // The Playwright _electron suite needs the inspector: it runs against an unfused build.
  // Flipping fuses edits the binary, which voids the ad-hoc signature every arm64 macOS binary
  // must carry: without re-signing it ad hoc, an unsigned build is killed at launch. A real
  // signature (a release) replaces it afterwards.
  electronFuses: {
    resetAdHocDarwinSignature: true,
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
  },

  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons',
    category: 'Network;Telephony',
    executableName: 'softphone',
    synopsis: 'SIP softphone for audio and video calls',
    syncDesktopName: true,
    desktop: { entry: { Keywords: 'phone;call;sip;voip;' } },
  },
  deb: {
    // What Electron's Chromium loads at start on a minimal system (electron-builder's defaults
    // miss libgbm, ALSA, DRM, xkbcommon...). Ubuntu 24.04 renamed several for the 64-bit time_t
    // transition (…t64), hence the alternatives.
    depends: [
      'libgtk-3-0 | libgtk-3-0t64',
      'libnotify4',
      'libnss3',
      'libnspr4',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0 | libatspi2.0-0t64',
      'libatk1.0-0 | libatk1.0-0t64',
      'libatk-bridge2.0-0 | libatk-bridge2.0-0t64',
      'libcups2 | libcups2t64',
      'libdrm2',
      'libgbm1',
      'libasound2 | libasound2t64',
      'libxkbcommon0',
      'libxcomposite1',
      'libxdamage1',
      'libxfixes3',
      'libxrandr2',
      'libpango-1.0-0',
      'libcairo2',
      'libexpat1',
      'libdbus-1-3',
      'libglib2.0-0 | libglib2.0-0t64',
      'libuuid1',
      'libsecret-1-0',
    ],
    // A keyring for safeStorage; gdbus tells whether a tray host exists (electron/tray-host.ts);
    // PipeWire and the portal for screen sharing on Wayland.
    recommends: ['gnome-keyring', 'libglib2.0-bin', 'pipewire', 'xdg-desktop-portal'],
    // Ubuntu 24.04+: lets our binary (only) create the user namespace Chromium's sandbox needs.
    appArmorProfile: 'build/linux/apparmor-profile',
  },

  win: { target: ['nsis'], icon: 'build/icons/256x256.png' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    // Removes the sip:/tel:/callto: registration the app made (with the user's consent) on uninstall.
    include: 'build/installer.nsh',
  },

  mac: {
    target: ['dmg'],
    icon: 'build/icons/512x512.png',
    category: 'public.app-category.business',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    extendInfo: {
      NSMicrophoneUsageDescription: 'Softphone uses the microphone to carry your voice in calls.',
      NSCameraUsageDescription: 'Softphone uses the camera for video calls.',
    },
    // Signing uses CSC_LINK / CSC_KEY_PASSWORD (a Developer ID Application certificate) and
    // notarisation runs whenever APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER are set
    // (electron-builder's notarizeIfProvided); without them the dmg is unsigned and unnotarised:
    // Gatekeeper blocks it and notifications fail. See the README, "Releasing".
  },
  dmg: { sign: false },
};
