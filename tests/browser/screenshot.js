#!/usr/bin/env node
// Usage: node screenshot.js <url> <out.png> <width> <height>
// A screenshot of the top <width> x <height> pixels of a page, in Debian's headless Chromium: how the images in
// docs/ are made from the renderings the tests write (tests/KpiService.Reports.Tests/bin/*/artifacts).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const [url, out, width, height] = process.argv.slice(2);
if (!url || !out || !(+width > 0) || !(+height > 0)) {
  process.stderr.write('usage: node screenshot.js <url> <out.png> <width> <height>\n');
  process.exit(2);
}

(async () => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: +width, height: +height },
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.screenshot({ path: out, clip: { x: 0, y: 0, width: +width, height: +height } });
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
})().catch(error => { process.stderr.write(`screenshot failed: ${error && error.stack || error}\n`); process.exit(1); });
