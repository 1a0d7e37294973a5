// Opens Swagger UI in Debian's headless Chromium deep-linked to one operation (#/{Tag}/{OperationId}), waits until
// the operation is expanded and its request example is rendered, and prints what a reader sees there as one JSON line:
// { operationId, summary, description, example, parameters }. With a second argument it also writes a screenshot of
// that operation block (how docs/swagger-ui-submit-figure.png is made):
//
//   node tests/contract/swagger-ui.mjs http://127.0.0.1:5080 Figures/SubmitFigure [docs/swagger-ui-submit-figure.png]
//
// Drives the browser with playwright-core from tests/browser (installed by scripts/prerequisites.sh); never downloads one.
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(fileURLToPath(new URL("../browser/package.json", import.meta.url)));
const { chromium } = require("playwright-core");

const [base, operation, screenshot] = process.argv.slice(2);
if (!base || !operation?.includes("/")) {
  process.stderr.write("usage: node swagger-ui.mjs <base url> <Tag>/<OperationId> [screenshot.png]\n");
  process.exit(2);
}
const operationId = operation.split("/")[1];

const userDataDir = mkdtempSync(join(tmpdir(), "kpi-swagger-ui-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1280, height: 1000 },
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${base}/swagger/index.html#/${operation.split("/").map(encodeURIComponent).join("/")}`, { waitUntil: "load" });
  // Deep linking expands the operation; its id is operations-{Tag}-{OperationId} with spaces as underscores.
  const block = page.locator(`[id="operations-${operation.split("/")[0].replaceAll(" ", "_")}-${operationId}"]`);
  await block.locator(".opblock-body").waitFor({ timeout: 30000 });
  const example = block.locator(".body-param__example, .model-example .microlight, .highlight-code").first();
  await example.waitFor({ timeout: 30000 });
  const seen = {
    operationId: (await block.locator(".opblock-summary-operation-id").first().textContent())?.trim(),
    summary: (await block.locator(".opblock-summary-description").first().textContent())?.trim(),
    description: (await block.locator(".opblock-description-wrapper").first().innerText()).trim(),
    example: (await example.innerText()).trim(),
    parameters: await block.locator(".parameters .parameter__name").evaluateAll(names => names.map(n => n.childNodes[0]?.textContent?.trim())),
  };
  if (screenshot) {
    // The operation's head: summary, description, parameters, the example body and the first answer (the whole
    // block, with every problem status, is several screens long).
    const box = await block.boundingBox();
    const responses = await block.locator(".responses-wrapper").boundingBox();
    const height = Math.min(box.height, (responses ? responses.y - box.y : box.height) + 700);
    await page.screenshot({ path: screenshot, fullPage: true, clip: { x: box.x, y: box.y, width: box.width, height } });
  }
  process.stdout.write(JSON.stringify(seen) + "\n");
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
