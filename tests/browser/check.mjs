// check.mjs - the rendered site in a real browser, as TAP lines for site.t.
//
//   node check.mjs SITE HOSTILE-SITE SCREENSHOTS-DIR
//
// SITE is the demo repository's site, HOSTILE-SITE a site rendered from a
// pilot full of markup and script. Test numbers continue from TAP_START;
// "COUNT FAILED" is written to TAP_COUNT_FILE for site.t's plan.
//
// 1. every page of SITE, as a reader gets it (the site's CSP in force): no
//    console error, no page error, no failed request, the CSP meta tag;
//    screenshots of some pages (full page, 1280 wide; index.html also 390
//    wide and in the dark scheme);
// 2. axe-core on every page in the light and the dark scheme: no violation
//    of impact serious or critical (WCAG 2.0/2.1/2.2 A and AA rules and
//    axe's best practices; lesser ones are listed as notes);
// 3. HOSTILE-SITE with its CSP in force: no dialog, no script, no frame,
//    no plugin, no event-handler attribute, no javascript:/data: URL, the
//    hostile text shown as text, and a script added afterwards is blocked.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch, fileUrl } from './browser.mjs';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;
const axeVersion = require('axe-core/package.json').version;

const [site, hostile, shots] = process.argv.slice(2);
if (!site || !hostile || !shots) {
  console.error('usage: node check.mjs SITE HOSTILE-SITE SCREENSHOTS-DIR');
  process.exit(2);
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const FAIL_IMPACTS = new Set(['serious', 'critical']);

// ---- TAP -----------------------------------------------------------------
let n = Number(process.env.TAP_START || 0);
let failed = 0;
const diag = (text) => String(text).split('\n').forEach((l) => console.log(`#   ${l}`));
function ok(pass, name, details = []) {
  n++;
  if (!pass) failed++;
  console.log(`${pass ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!pass) details.forEach(diag);
  return pass;
}
function finish() {
  if (process.env.TAP_COUNT_FILE) fs.writeFileSync(process.env.TAP_COUNT_FILE, `${n} ${failed}\n`);
}

// A run that hangs must still end with a verdict.
const watchdog = setTimeout(() => {
  ok(false, 'the browser checks finish within 180 s');
  finish();
  process.exit(1);
}, 180000);

// ---- what a page reports while it loads ------------------------------------
function watch(page) {
  const seen = { errors: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') seen.errors.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => seen.errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('dialog', async (d) => {
    seen.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  return seen;
}

// The CSP meta tag in <head>, forbidding scripts: default-src 'none' and
// no script-src to widen it.
async function cspOf(page) {
  return page.evaluate(() => {
    const m = document.head.querySelector('meta[http-equiv="Content-Security-Policy" i]');
    return m ? m.getAttribute('content') : null;
  });
}
const cspForbidsScripts = (csp) =>
  !!csp && /(^|;)\s*default-src\s+'none'\s*(;|$)/.test(csp) && !/script-src/.test(csp);

// ---- axe -------------------------------------------------------------------
async function axe(page) {
  return page.evaluate(
    (tags) =>
      window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
}

// axe cannot tell the background of text in an SVG chart (it leaves it
// "incomplete"): the charts are drawn on the page's background, so compare
// each text's fill with that (WCAG 1.4.3, 4.5:1 for text of this size).
function svgTextContrast() {
  const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const f = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    const [r, g, b] = rgb(c);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const bg = lum(getComputedStyle(document.body).backgroundColor);
  const texts = [...document.querySelectorAll('svg text')];
  const low = [];
  for (const t of texts) {
    const fg = lum(getComputedStyle(t).fill);
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) low.push(`"${t.textContent}" (${t.getAttribute('class')}): ${ratio.toFixed(2)}:1`);
  }
  return { count: texts.length, low };
}

function describe(v) {
  const lines = [`${v.id} (${v.impact}): ${v.help}`];
  for (const node of v.nodes.slice(0, 8)) {
    const why = (node.any[0] || node.all[0] || node.none[0])?.message || '';
    lines.push(`  ${node.target.join(' ')}${why ? ' - ' + why : ''}`);
  }
  if (v.nodes.length > 8) lines.push(`  ... and ${v.nodes.length - 8} more`);
  return lines;
}

// ---- the hostile page --------------------------------------------------------
// Everything in the DOM that could run script or load active content.
function dangers() {
  const found = [];
  const bad = 'script, iframe, frame, frameset, object, embed, applet, base, form, portal, ' +
    'meta[http-equiv="refresh" i]';
  for (const e of document.querySelectorAll(bad)) found.push(`<${e.localName}> element`);
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) found.push(`<${e.localName} ${a.name}="${a.value}">`);
      if (name === 'srcdoc') found.push(`<${e.localName} srcdoc>`);
      if (['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster', 'background'].includes(name)) {
        // the scheme as a browser reads it: leading spaces and controls and
        // embedded tabs and newlines ignored
        const v = a.value.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '').toLowerCase();
        if (/^(javascript|data|vbscript):/.test(v)) found.push(`<${e.localName} ${a.name}="${a.value}">`);
      }
    }
  }
  return found;
}

// ---- the run -----------------------------------------------------------------
const t0 = Date.now();
let browser;
try {
  const pilots = JSON.parse(fs.readFileSync(path.join(site, 'pilots.json'), 'utf8')).pilots.map((p) => p.pilot);
  const pages = ['index.html', 'decisions.html', ...pilots.map((p) => `pilots/${p.id}.html`)];
  const decided = pilots.find((p) => p.stage === 'decided');
  const running = pilots.find((p) => p.stage === 'running');
  const shotOf = {
    'index.html': 'index',
    'decisions.html': 'decisions',
    ...(decided && { [`pilots/${decided.id}.html`]: `pilot-decided-${decided.id}` }),
    ...(running && { [`pilots/${running.id}.html`]: `pilot-running-${running.id}` }),
  };
  ok(!!decided && !!running, 'the demo site has a decided and a running pilot');
  fs.mkdirSync(shots, { recursive: true });

  browser = await launch();
  console.log(`# ${browser.browserType().name()} ${browser.version()}, axe-core ${axeVersion}`);

  // 1. as a reader gets it
  const reader = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  for (const name of pages) {
    const page = await reader.newPage();
    const seen = watch(page);
    await page.goto(fileUrl(site, name), { waitUntil: 'load' });
    ok(seen.errors.length === 0 && seen.dialogs.length === 0, `${name}: no console errors, page errors or failed requests`,
      [...seen.errors, ...seen.dialogs]);
    const csp = await cspOf(page);
    ok(cspForbidsScripts(csp), `${name}: a CSP meta tag forbids scripts`, [`CSP: ${csp}`]);
    if (shotOf[name]) {
      await page.screenshot({ path: path.join(shots, `${shotOf[name]}.png`), fullPage: true });
      if (name === 'index.html') {
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.screenshot({ path: path.join(shots, 'index-dark.png'), fullPage: true });
        await page.setViewportSize({ width: 390, height: 844 });
        await page.emulateMedia({ colorScheme: 'light' });
        await page.screenshot({ path: path.join(shots, 'index-mobile.png'), fullPage: true });
      }
    }
    await page.close();
  }
  await reader.close();
  console.log(`# pages loaded and screenshots taken in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // 2. axe-core: the page's CSP must let the injected script run. One tab
  // for all pages, so the browser compiles axe once; each page is checked
  // in the light scheme, then switched to the dark one.
  const audit = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const page = await audit.newPage();
  const notes = [];
  let rules = [];
  for (const name of pages) {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(fileUrl(site, name), { waitUntil: 'load' });
    await page.evaluate(axeSource);
    if (!rules.length) rules = await page.evaluate((tags) => window.axe.getRules(tags).map((r) => r.ruleId), AXE_TAGS);
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const result = await axe(page);
      const serious = result.violations.filter((v) => FAIL_IMPACTS.has(v.impact));
      ok(serious.length === 0, `${name} (${scheme}): axe finds no serious or critical violations`,
        serious.flatMap(describe));
      const svg = await page.evaluate(svgTextContrast);
      if (svg.count)
        ok(svg.low.length === 0, `${name} (${scheme}): the ${svg.count} texts in SVG charts have a contrast of 4.5:1`, svg.low);
      for (const v of result.violations.filter((x) => !FAIL_IMPACTS.has(x.impact)))
        notes.push(`${v.id} (${v.impact}) on ${name} (${scheme}): ${v.nodes.map((x) => x.target.join(' ')).join(', ')}`);
    }
  }
  console.log(`# axe-core checked ${rules.length} rules (tags ${AXE_TAGS.join(' ')}): ${rules.sort().join(' ')}`);
  for (const note of notes) console.log(`# note: lesser violation ${note}`);
  await audit.close();
  console.log(`# axe done at ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // 3. the hostile site, CSP in force
  const hostileCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const hostilePilots = JSON.parse(fs.readFileSync(path.join(hostile, 'pilots.json'), 'utf8')).pilots.map((p) => p.pilot);
  const hostilePages = ['index.html', 'decisions.html', ...hostilePilots.map((p) => `pilots/${p.id}.html`)];
  for (const name of hostilePages) {
    const page = await hostileCtx.newPage();
    const seen = watch(page);
    await page.goto(fileUrl(hostile, name), { waitUntil: 'load' });
    await page.waitForTimeout(300); // onload/onerror handlers and timers would have fired
    ok(seen.dialogs.length === 0, `hostile ${name}: no dialog opens`, seen.dialogs);
    ok(seen.errors.length === 0, `hostile ${name}: no console errors (no blocked script, no failed load)`, seen.errors);
    const found = await page.evaluate(dangers);
    ok(found.length === 0, `hostile ${name}: no script, frame, plugin, on* attribute or javascript:/data: URL in the DOM`,
      found.slice(0, 20));
    ok(cspForbidsScripts(await cspOf(page)), `hostile ${name}: a CSP meta tag forbids scripts`);
    if (name.startsWith('pilots/')) {
      const text = await page.evaluate(() => document.body.textContent);
      ok(text.includes('<script>alert(1)</script>') && text.includes('"><svg onload=alert(1)>'),
        `hostile ${name}: the markup is shown as text`);
      // the CSP itself: a script put into the page afterwards does not run
      const ran = await page.evaluate(async () => {
        let violated = false;
        document.addEventListener('securitypolicyviolation', () => { violated = true; });
        const s = document.createElement('script');
        s.textContent = 'window.__hostileRan = true';
        document.body.append(s);
        await new Promise((r) => setTimeout(r, 100));
        return { ran: window.__hostileRan === true, violated };
      });
      ok(!ran.ran && ran.violated, `hostile ${name}: the CSP blocks a script added to the page`,
        [`ran: ${ran.ran}, violation reported: ${ran.violated}`]);
      await page.screenshot({ path: path.join(shots, `hostile-${path.basename(name, '.html')}.png`), fullPage: true });
    }
    await page.close();
  }
  await hostileCtx.close();
} catch (e) {
  ok(false, 'the browser checks run to the end', [e.stack || String(e)]);
} finally {
  await browser?.close().catch(() => {});
  clearTimeout(watchdog);
}
console.log(`# browser checks took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
finish();
process.exit(failed ? 1 : 0);
