// Loads the dashboard in Debian's headless Chromium and prints each tile as "TILE <room> <state> | <state text>",
// once a tile shows NOT_ANALYSED. Usage: node not-analysed-check.mjs URL SCREENSHOT
import { chromium } from 'playwright-core';

const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(url);
  await page.waitForSelector('.tile[data-state="NOT_ANALYSED"]', { timeout: 20000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  for (const tile of await page.$$('.tile')) {
    console.log('TILE ' + await tile.getAttribute('data-room') + ' ' + await tile.getAttribute('data-state') + ' | '
      + await tile.$eval('.state', e => e.textContent));
  }
  console.log('SUMMARY ' + await page.$eval('#summary', e => e.textContent));
} finally {
  await browser.close();
}
