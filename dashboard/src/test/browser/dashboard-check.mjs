// Loads the dashboard in Debian's headless Chromium, waits until any room's tile shows a cry, saves a
// screenshot and prints "CRYING <room>". Usage: node dashboard-check.mjs URL SCREENSHOT TIMEOUT_MS
import { chromium } from 'playwright-core';

const [url, screenshot, timeout] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(url);
  await page.waitForSelector('#connection:not(.down)', { timeout: 20000 });
  const tile = await page.waitForSelector('.tile[data-state="CRYING"]', { timeout: Number(timeout) });
  await page.waitForTimeout(500); // let the tile's detail line render
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log('CRYING ' + await tile.getAttribute('data-room'));
} finally {
  await browser.close();
}
