import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Names a Chromium-family browser goes by on PATH (Debian, Ubuntu, Fedora, Arch, Google's packages). */
const COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** Where the usual installers put one outside PATH. */
function installedPaths(): string[] {
  const programFiles = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter(
    (dir): dir is string => Boolean(dir),
  );
  return [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ...programFiles.flatMap((dir) => [
      join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(dir, 'Chromium', 'Application', 'chrome.exe'),
    ]),
  ];
}

/** Browsers Playwright downloaded for another project (`npx playwright install chromium`), newest first. */
function playwrightCache(): string[] {
  const roots = [
    process.env.PLAYWRIGHT_BROWSERS_PATH,
    join(homedir(), '.cache', 'ms-playwright'),
    join(homedir(), 'Library', 'Caches', 'ms-playwright'),
  ].filter((dir): dir is string => Boolean(dir) && existsSync(dir!));
  return roots.flatMap((root) =>
    readdirSync(root)
      .filter((name) => /^chromium-\d+$/.test(name))
      .sort()
      .reverse()
      .flatMap((name) => [
        join(root, name, 'chrome-linux', 'chrome'),
        join(root, name, 'chrome-linux64', 'chrome'),
        join(root, name, 'chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
        join(root, name, 'chrome-win', 'chrome.exe'),
      ]),
  );
}

function onPath(command: string): string | null {
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = join(dir, command + extension);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * The browser the end-to-end tests drive: CHROMIUM_PATH when set (and present), else the first Chromium or Chrome
 * found on PATH, in the usual install folders, or in Playwright's cache. Null when there is none.
 */
export function findBrowser(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  for (const command of COMMANDS) {
    const found = onPath(command);
    if (found) return found;
  }
  return [...installedPaths(), ...playwrightCache()].find((path) => existsSync(path)) ?? null;
}

export const NO_BROWSER_MESSAGE =
  'The end-to-end tests need Chromium or Chrome and found none: install it (Debian/Ubuntu: ' +
  '`sudo apt-get install chromium fonts-noto-cjk`; macOS: `brew install --cask chromium`; Windows: install Google Chrome) ' +
  'or set CHROMIUM_PATH to its executable.';
