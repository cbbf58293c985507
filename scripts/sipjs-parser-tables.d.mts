// Types of sipjs-parser-tables.mjs, for the TypeScript modules that import it.
import type { Plugin } from 'vite';
export declare const SIPJS_GRAMMAR: string;
export declare function decodeParserTablesOnce(source: string): string;
export declare function sipjsParserTables(): Plugin;
