// Loads the dashboard at a 1920x1080 nurse-station screen and reports how many room tiles are fully
// visible without scrolling, whether any tile's room name or detail is cut off, and saves a screenshot.
// Usage: node fifty-rooms-check.mjs URL SCREENSHOT   Prints: "VISIBLE <n> OF <m> CLIPPED <k>"
import { chromium } from 'playwright-core';

const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('.tile').length > 0, null, { timeout: 20000 });
  const result = await page.evaluate(() => {
    const tiles = [...document.querySelectorAll('.tile')];
    const visible = tiles.filter(t => { const r = t.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; });
    const clipped = tiles.filter(t => [...t.querySelectorAll('.room, .detail, .state')]
      .some(e => e.scrollWidth > e.clientWidth + 1));
    return { visible: visible.length, total: tiles.length, clipped: clipped.length };
  });
  await page.screenshot({ path: screenshot });
  console.log(`VISIBLE ${result.visible} OF ${result.total} CLIPPED ${result.clipped}`);
} finally {
  await browser.close();
}
