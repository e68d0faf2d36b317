// A Lighthouse user flow, for `make bench`: a reader on a phone opens a page,
// taps search and types a word. Prints the timespan's INP and TBT as JSON.
//
//   node tests/flow.mjs CHROMIUM URL
//
// The navigation is Lighthouse's default mobile run; the timespan (the tap
// and the typing) runs under DevTools throttling of the same phone: CPU 4x
// slower, 150 ms round trips, 1.6 Mbps down.
import puppeteer from "puppeteer-core"
import { startFlow } from "lighthouse"

const [chromium, url] = process.argv.slice(2)
const SEARCH = '.md-header__button[for="__search"], .essay-toggle--search'
const WORD = "sanctions"

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
})
try {
  const page = await browser.newPage()
  const flow = await startFlow(page, {
    config: {
      extends: "lighthouse:default",
      settings: { onlyCategories: ["performance"], throttlingMethod: "devtools" },
    },
  })
  await flow.navigate(url)
  await flow.startTimespan()
  await page.tap(SEARCH)
  await page.keyboard.type(WORD, { delay: 80 })
  await new Promise(resolve => setTimeout(resolve, 1500))
  await flow.endTimespan()
  const [, timespan] = (await flow.createFlowResult()).steps
  const audits = timespan.lhr.audits
  console.log(
    JSON.stringify({
      inp: audits["interaction-to-next-paint"]?.numericValue ?? null,
      tbt: audits["total-blocking-time"]?.numericValue ?? null,
      value: await page.$eval(".md-search__input", input => input.value),
    }),
  )
} finally {
  await browser.close()
}
