/**
 * Chromium launch, defined once for the PDF editions, the benchmarks and the browser tests.
 * Without the network flags Chromium stalls on a closed network (component updates, sync).
 */
import { statSync } from "node:fs";
import puppeteer, { type Browser } from "puppeteer";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // The print document loads its fonts from node_modules through file:// URLs.
  "--allow-file-access-from-files",
];

export interface LaunchOptions {
  env?: NodeJS.ProcessEnv;
  /** CDP call timeout; default Puppeteer's 180 s (the print edition asks for more). */
  protocolTimeoutMs?: number;
}

/**
 * Which Chromium would print, without starting it: its path, size and modification time. A new
 * Chromium (an update) changes it, and with it every cached edition's key.
 */
export function chromiumIdentity(): string {
  try {
    const path = puppeteer.executablePath();
    const stat = statSync(path);
    return `${path}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return "unknown";
  }
}

/** Headless Chromium, or an error that says how to install one. */
export async function launchChromium({ env, protocolTimeoutMs = 180_000 }: LaunchOptions = {}): Promise<Browser> {
  try {
    return await puppeteer.launch({ headless: true, args: CHROMIUM_ARGS, env: env ?? process.env, protocolTimeout: protocolTimeoutMs });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new Error(
      `cannot start Chromium (${reason}). Install one: on Debian/Ubuntu \`apt-get install chromium\`, ` +
        "or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary, or run `npx puppeteer browsers install chrome`.",
    );
  }
}
