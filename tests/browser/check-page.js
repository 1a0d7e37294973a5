#!/usr/bin/env node
// Usage: node check-page.js <url> <screenshot.png> [<url> <screenshot.png> ...]
// Environment: CHECK_PAGE_HEADERS (JSON object) adds headers to every request, e.g. an API key; CHROMIUM_PATH.
// Loads a page in Debian's headless Chromium (never a downloaded browser), records failed requests and console
// errors, runs axe-core on it, writes a full-page screenshot and prints one JSON object on stdout:
// { url, title, text, status, failedRequests: [...], consoleErrors: [...], violations: [...], screenshot }.
// Several pairs share one browser (starting Chromium is most of the cost) and print one JSON line each, in order;
// each page gets a fresh tab, so requests and errors are never attributed to the wrong page.
// Exit code 0 when the check ran (whatever it found), 2 on a usage error, 1 when the browser itself failed.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const pairs = process.argv.slice(2);
if (pairs.length === 0 || pairs.length % 2 !== 0) {
  process.stderr.write('usage: node check-page.js <url> <screenshot.png> [<url> <screenshot.png> ...]\n');
  process.exit(2);
}

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const args = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

async function main() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath, args, headless: true, viewport: { width: 1400, height: 900 }, locale: 'en-GB',
    });
    // Headers for every request (a service behind an API key): CHECK_PAGE_HEADERS='{"X-Api-Key":"..."}'.
    if (process.env.CHECK_PAGE_HEADERS) await context.setExtraHTTPHeaders(JSON.parse(process.env.CHECK_PAGE_HEADERS));
    // The browser's own favicon probe is not a request the page makes; answer it so it is not reported as one.
    await context.route('**/favicon.ico', route => route.fulfill({ status: 204, body: '' }));
    for (let i = 0; i < pairs.length; i += 2) {
      const result = await check(context, pairs[i], pairs[i + 1]);
      process.stdout.write(JSON.stringify(result) + '\n');
    }
  } finally {
    if (context) await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function check(context, url, screenshot) {
  const page = await context.newPage();
  const failedRequests = [];
  const consoleErrors = [];
  page.on('requestfailed', request =>
    failedRequests.push({ url: request.url(), error: (request.failure() || {}).errorText || 'failed' }));
  page.on('response', response => {
    if (response.status() >= 400) failedRequests.push({ url: response.url(), error: `HTTP ${response.status()}` });
  });
  page.on('console', message => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  page.on('pageerror', error => consoleErrors.push(String(error)));
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    // axe is injected by the harness, not by the page: the pages under test carry no script of their own.
    // Evaluated rather than added as a <script> tag, so a bare SVG document (no <head>) can be checked too.
    await page.evaluate(axeSource);
    const axe = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
    // A bare SVG document has no scrolling body to measure, and a full-page capture of it never settles.
    const isHtml = await page.evaluate(() => document.body !== null);
    // Generous: a long board pack on a busy shared machine can take a while to paint in full.
    await page.screenshot({ path: screenshot, fullPage: isHtml, timeout: 60000 });
    const title = await page.title();
    const text = await page.evaluate(() => (document.body || document.documentElement).textContent.replace(/\s+/g, ' ').trim());
    return {
      url,
      status: response ? response.status() : null,
      contentType: response ? response.headers()['content-type'] || null : null,
      title,
      text,
      failedRequests,
      consoleErrors,
      violations: axe.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => ({ target: n.target.join(' '), summary: n.failureSummary })),
      })),
      screenshot: path.resolve(screenshot),
    };
  } finally {
    await page.close();
  }
}

main().catch(error => {
  process.stderr.write(`check-page failed: ${error && error.stack || error}\n`);
  process.exit(1);
});
