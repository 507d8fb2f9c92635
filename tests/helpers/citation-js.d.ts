// citation-js ships no types; the tests use only this much of it.
declare module "@citation-js/core" {
  export class Cite {
    static async(input: unknown): Promise<Cite>;
    data: Record<string, unknown>[];
    format(format: string, options?: Record<string, unknown>): string;
  }
}
declare module "@citation-js/plugin-ris";
declare module "@citation-js/plugin-csl";
