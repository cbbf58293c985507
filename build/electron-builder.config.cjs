// electron-builder configuration: `npm run dist` (after `npm run build`). Installers need the
// Electron binary and packaging tools, which electron-builder downloads, so they are built
// where the internet is reachable (a developer machine or the release pipeline).

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.softphone.desktop',
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
  extraMetadata: {
    main: 'dist/electron/main.cjs',
    // Electron uses it as the Linux app id / WM_CLASS, linking windows to the .desktop entry.
    desktopName: 'softphone.desktop',
  },

  // Writes Info.plist CFBundleURLTypes on macOS and x-scheme-handler MimeTypes on Linux;
  // the app registers itself at run time on Windows (app.setAsDefaultProtocolClient).
  protocols: [{ name: 'SIP call', schemes: ['sip', 'tel', 'callto'], role: 'Viewer' }],

  // Hardening of the Electron binary itself (https://www.electronjs.org/docs/latest/tutorial/fuses):
  // it cannot be turned into a plain Node.js (RunAsNode, NODE_OPTIONS, --inspect), it only
  // runs the app code from our asar, whose integrity is checked, and cookies are encrypted.
  // The Playwright _electron suite needs the inspector: it runs against an unfused build.
  electronFuses: {
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
    // libsecret lets safeStorage keep the SIP password in the desktop keyring.
    recommends: ['libsecret-1-0', 'gnome-keyring'],
  },

  win: { target: ['nsis'], icon: 'build/icons/256x256.png' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },

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
  },
  dmg: { sign: false },
};
