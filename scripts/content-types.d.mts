// Types of content-types.mjs, for the TypeScript modules that import it.
export declare function contentTypeOfExtension(extension: string): string;
