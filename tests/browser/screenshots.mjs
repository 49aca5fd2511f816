// screenshots.mjs - the README's screenshots from the demo repository's
// site (`make screenshots`):
//
//   node screenshots.mjs SITE DOCS-DIR
//
// DOCS-DIR/portfolio.png is index.html and DOCS-DIR/pilot.png a decided
// pilot's page, both 1280 wide in the light scheme, cut at 1400 px.
import fs from 'node:fs';
import path from 'node:path';
import { launch, fileUrl } from './browser.mjs';

const [site, docs] = process.argv.slice(2);
if (!site || !docs) {
  console.error('usage: node screenshots.mjs SITE DOCS-DIR');
  process.exit(2);
}
const WIDTH = 1280;
const HEIGHT = 1400;
const LIMIT = 400 * 1024;

const pilots = JSON.parse(fs.readFileSync(path.join(site, 'pilots.json'), 'utf8')).pilots.map((p) => p.pilot);
const decided = pilots.find((p) => p.stage === 'decided');
if (!decided) {
  console.error(`${site}: no decided pilot`);
  process.exit(1);
}
const shots = [
  ['index.html', 'portfolio.png'],
  [`pilots/${decided.id}.html`, 'pilot.png'],
];

let failed = false;
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 800 }, colorScheme: 'light' });
  const page = await context.newPage();
  for (const [name, file] of shots) {
    await page.goto(fileUrl(site, name), { waitUntil: 'load' });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const out = path.join(docs, file);
    await page.screenshot({
      path: out,
      fullPage: true,
      clip: { x: 0, y: 0, width: WIDTH, height: Math.min(HEIGHT, height) },
    });
    const size = fs.statSync(out).size;
    console.log(`${out}: ${name}, ${WIDTH}x${Math.min(HEIGHT, height)}, ${Math.round(size / 1024)} KB`);
    if (size > LIMIT) {
      console.error(`${out}: larger than ${LIMIT / 1024} KB`);
      failed = true;
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
