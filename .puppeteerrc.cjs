// Use a system Chrome/Chromium when there is one (Debian's `chromium`, a distro
// Chrome, or PUPPETEER_EXECUTABLE_PATH); only download Puppeteer's own browser
// where none exists, so installs work on closed networks and everywhere else.
const { existsSync } = require("node:fs");

const candidates = [
  process.env.PUPPETEER_EXECUTABLE_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
].filter(Boolean);

const systemBrowser = candidates.find((path) => existsSync(path));

module.exports = systemBrowser ? { skipDownload: true, executablePath: systemBrowser } : {};
