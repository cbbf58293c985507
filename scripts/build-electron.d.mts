// Types of build-electron.mjs, for the TypeScript test that imports it.
export interface BuildElectronOptions {
  outdir?: string;
  production?: boolean;
  logLevel?: 'verbose' | 'debug' | 'info' | 'warning' | 'error' | 'silent';
}

export declare function buildElectron(options?: BuildElectronOptions): Promise<{ main: string; preload: string; popupPage: string; pickerPage: string; trayIcons: string }>;
