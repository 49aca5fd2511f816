// browser.mjs - the system's chromium, headless, driven by playwright-core.
// No browser is ever downloaded: CHROMIUM (default /usr/bin/chromium) is
// launched with a fresh temporary profile and no network services.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launch() {
  // chromium.launch() gives every run its own new user data directory
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 60000 });
}

export const fileUrl = (dir, page) => pathToFileURL(path.join(dir, page)).href;
