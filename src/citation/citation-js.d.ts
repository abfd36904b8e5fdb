// Types for the part of citation-js 0.8 this project calls; the packages ship none.

declare module '@citation-js/core' {
  /** The formatters the plugins register, by name (`bibtex`, `ris`, `bibliography`…), applied to CSL-JSON items. */
  export const plugins: {
    readonly output: {
      format(name: string, data: readonly object[], options?: Readonly<Record<string, unknown>>): string;
    };
    readonly config: {
      get(plugin: string): Record<string, unknown> | undefined;
    };
  };
}

declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
