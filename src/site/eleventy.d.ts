// The part of Eleventy 3's programmatic API that scripts/build.ts and scripts/dev.ts use (the package ships no types).
declare module "@11ty/eleventy" {
  export interface EleventyOptions {
    configPath?: string;
    pathPrefix?: string;
    quietMode?: boolean;
    runMode?: "build" | "watch" | "serve";
    /** Runs before the config file: a plugin registered here with eleventyPluginOptions.unique wins. */
    config?: (eleventyConfig: { addPlugin(plugin: unknown, options?: unknown): void }) => void | Promise<void>;
  }
  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    stopWatch(): Promise<void>;
    init(): Promise<void>;
  }
}
