// 4. Gallery payload: the bytes a browser transfers to show the first page of the gallery (24 cards):
// the page's HTML, which carries the first page (rendered on the server: the first cards as markup, all
// 24 as the data the browser's query cache starts from), any /api/generations answer the page still asks
// for, and every image those cards show (posters, reference thumbnails, backdrops), against the
// production build with a seeded history whose posters are like the pipeline's (640-wide WebP q75 with
// photographic grain, 48 distinct ones).
//
// Chromium at 1440 px wide and tall enough (1440x6000) that all 24 cards of the first page are on screen
// at once; the bytes are Chromium's own transfer counts (CDP encodedDataLength: headers and compressed
// body as received). Scripts and CSS are not the gallery's (benchmark 1 counts them); the whole HTML is
// counted, composer included, since it is what brings the gallery's first page. The browser holds the
// owner's session cookie, as after signing in.
import type { CDPSession } from "@playwright/test";
import { expectPage, signedInContext } from "../accounts";
import { KB, launchChromium, startSeededStudio } from "../browser";
import type { Benchmark } from "../types";

interface Transfer {
  url: string;
  type: string;
  bytes: number;
  body: number;
}

async function recordTransfers(cdp: CDPSession): Promise<Map<string, Transfer>> {
  const byId = new Map<string, Transfer>();
  await cdp.send("Network.enable");
  cdp.on("Network.responseReceived", (e) => {
    byId.set(e.requestId, { url: e.response.url, type: e.type, bytes: 0, body: 0 });
  });
  cdp.on("Network.dataReceived", (e) => {
    const t = byId.get(e.requestId);
    if (t) t.body += e.dataLength;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const t = byId.get(e.requestId);
    if (t) t.bytes = e.encodedDataLength;
  });
  return byId;
}

interface Item {
  posterUrl: string | null;
  references: { thumbUrl: string }[];
}

export const benchmark: Benchmark = {
  id: "gallery-payload",
  title: "Gallery payload",
  async run(ctx) {
    const { studio, session } = await startSeededStudio(ctx, { clips: 200 });
    const browser = await launchChromium();
    let transfers: Transfer[];
    let items: Item[];
    let cardsShown: number;
    let posterSize = "";
    try {
      const context = await signedInContext(browser, studio.url, session, {
        viewport: { width: 1440, height: 6000 },
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const byId = await recordTransfers(cdp);
      // The first page as the API gives it, to know which images its cards show.
      const list = await fetch(`${studio.url}/api/generations?limit=24`, { headers: session.headers });
      if (list.status !== 200) throw new Error(`GET /api/generations answered ${list.status}`);
      items = ((await list.json()) as { items: Item[] }).items;
      await page.goto(`${studio.url}/`);
      expectPage(page.url(), "/");
      await page.waitForLoadState("networkidle");
      // Every poster of the cards on screen has been decoded.
      await page.waitForFunction(() =>
        [...document.querySelectorAll<HTMLImageElement>("img[data-testid=generation-poster]")].every(
          (img) => img.complete && img.naturalWidth > 0,
        ),
      );
      cardsShown = await page.getByTestId("generation-card").count();
      posterSize = await page.evaluate(() => {
        const img = document.querySelector<HTMLImageElement>("img[data-testid=generation-poster]");
        if (!img) return "";
        const picked = new URL(img.currentSrc).search || "the original";
        return `${picked} (${img.naturalWidth}x${img.naturalHeight} at its srcset density) shown at ${Math.round(img.getBoundingClientRect().width)}x${Math.round(img.getBoundingClientRect().height)} css px`;
      });
      transfers = [...byId.values()];
    } finally {
      await browser.close();
      await studio.stop();
    }
    if (items.length !== 24) throw new Error(`the first page had ${items.length} items, not 24`);

    const path = (u: string) => new URL(u).pathname + new URL(u).search;
    const html = transfers.find((t) => t.type === "Document");
    if (!html) throw new Error("no document transfer seen");
    // A request with a cursor is the next page, which a screen this tall asks for at once: not the first.
    const lists = transfers.filter(
      (t) => new URL(t.url).pathname === "/api/generations" && !new URL(t.url).searchParams.has("cursor"),
    );
    const listBytes = lists.reduce((s, t) => s + t.bytes, 0);
    const posterUrls = new Set(items.flatMap((i) => (i.posterUrl ? [i.posterUrl] : [])));
    const thumbUrls = new Set(items.flatMap((i) => i.references.map((r) => r.thumbUrl)));
    // Softened copies behind portrait posters (and behind cards with no video).
    const backdrops = transfers.filter((t) => new URL(t.url).searchParams.get("variant") === "backdrop");
    const backdropBytes = backdrops.reduce((s, t) => s + t.bytes, 0);
    // One transfer per image: the browser fetches a repeated poster once, in the size its srcset picked
    // (the file itself or a `?w=` copy of it).
    const firstOf = (urls: Set<string>) =>
      [...urls]
        .map((u) => transfers.find((t) => path(t.url) === u || new URL(t.url).pathname === u))
        .filter((t): t is Transfer => !!t);
    const posters = firstOf(posterUrls);
    const thumbs = firstOf(thumbUrls);
    const posterBytes = posters.reduce((s, t) => s + t.bytes, 0);
    const thumbBytes = thumbs.reduce((s, t) => s + t.bytes, 0);
    const total = html.bytes + listBytes + posterBytes + thumbBytes + backdropBytes;
    ctx.log(
      `${cardsShown} cards on screen; ${posters.length}/${posterUrls.size} posters and ${thumbs.length}/${thumbUrls.size} thumbnails fetched; poster ${posterSize}`,
    );
    if (posters.length < posterUrls.size) throw new Error("not every poster of the first page was fetched");

    return [
      {
        figure: "first screen of the gallery (24 cards): HTML + JSON + images",
        measured: total / KB,
        unit: "KB",
        budget: { max: 400 },
        note: "bytes on the wire (CDP encodedDataLength), headers included",
      },
      {
        figure: "  HTML of the page (with the first page of the gallery)",
        measured: html.bytes / KB,
        unit: "KB",
        note: `${(html.body / KB).toFixed(1)} KB body as received`,
      },
      {
        figure: `  /api/generations answers before the screen settled (${lists.length})`,
        measured: listBytes / KB,
        unit: "KB",
        note: "0 when the server rendered the first page",
      },
      {
        figure: "  history JSON per card, uncompressed",
        measured: JSON.stringify(items).length / items.length / KB,
        unit: "KB",
      },
      {
        figure: `  posters (${posters.length} files)`,
        measured: posterBytes / KB,
        unit: "KB",
        note: posterSize,
      },
      { figure: "  poster, average file", measured: posterBytes / posters.length / KB, unit: "KB" },
      {
        figure: `  reference thumbnails (${thumbs.length} files)`,
        measured: thumbBytes / KB,
        unit: "KB",
      },
      { figure: `  backdrops (${backdrops.length} files)`, measured: backdropBytes / KB, unit: "KB" },
    ];
  },
};
