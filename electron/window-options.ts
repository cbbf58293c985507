// BrowserWindow options with a `parent` of the caller's own window type. Electron's options name
// its BrowserWindow class as the parent, which the modules here never see: they hold windows
// through small "like" interfaces so the shared fake can stand in. A module that sets no
// parent uses `WindowOptions` (no parent at all), one that makes a child window passes its type.

import type { BrowserWindowConstructorOptions } from 'electron';

export type WindowOptions<P = never> = Omit<BrowserWindowConstructorOptions, 'parent'> & { parent?: P };
