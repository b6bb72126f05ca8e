import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium; browser tests skip when it is not installed (`.ci/run` installs it). */
export const CHROMIUM_PATH = process.env.LONGHAUL_CHROMIUM ?? '/usr/bin/chromium';

/** True when {@link CHROMIUM_PATH} exists. */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Where browser tests save screenshots for reviewers (gitignored). */
export const TEST_OUTPUT_DIR = fileURLToPath(new URL('../../test-output/', import.meta.url));

/** Headless Chromium as the issue prescribes: no sandbox, no GPU, and none of its own background traffic. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(TEST_OUTPUT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** What a page asked the network for: every HTTP(S) request and WebSocket URL, plus page errors and console errors. */
export interface NetworkLog {
  requests: string[];
  webSockets: string[];
  errors: string[];
  /** URLs whose host is not `127.0.0.1` or `localhost` (data: and blob: URLs never leave the page). */
  external(): string[];
}

/** Starts recording `page`'s network use; call before navigating. */
export function recordNetwork(page: Page): NetworkLog {
  const log: NetworkLog = {
    requests: [],
    webSockets: [],
    errors: [],
    external: () =>
      [...log.requests, ...log.webSockets].filter((url) => {
        const parsed = new URL(url);
        if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
        return parsed.hostname !== '127.0.0.1' && parsed.hostname !== 'localhost';
      }),
  };
  page.on('request', (request) => log.requests.push(request.url()));
  page.on('websocket', (socket) => log.webSockets.push(socket.url()));
  page.on('pageerror', (error) => log.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') log.errors.push(`console: ${message.text()}`);
  });
  return log;
}
