// 8. Media serving: a 10 MB clip (1280x720 H.264 at a constant 8 Mbit/s with a keyframe every second,
// moov up front, made with ffmpeg: ../media-clip.ts) in the media store of a studio data folder, with a completed
// generation pointing to it, served by /api/media/<key> of the production build over loopback. (With a
// single keyframe at 0 s, as x264's default GOP of 250 frames gives a 10 s clip, a player must decode
// from the start to show the middle, and no server can help that.)
//
// - Time to first byte of a ranged request: 50 requests of 1 MiB at offsets spread over the file, over
//   one keep-alive connection as a browser's media element uses (after 5 warm-up requests); from
//   sending the request to the response headers, measured in this process with node:http. p50 and p95.
// - A seek to the middle fetches only what it needs: a Range request for 256 KiB at the middle, the
//   body bytes that arrive vs the length asked for (and the Content-Range they claim).
// - The same in Chromium: a <video> on the clip seeks to the middle; the request it makes for the seek
//   must start near the middle, and the bytes it pulls until `seeked` are counted (Chromium reads ahead
//   a little and then cancels).
// Every request carries the owner's session cookie (the first sign-up on the fresh studio): the route
// resolves it before it serves a byte, so its cost is inside the times above (benchmark 12 budgets it).
import { createReadStream, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { mediaUrl } from "@/lib/media/keys";
import { serverTiming } from "@/test/support/studio-http";
import { type SignedIn, signedInContext } from "../accounts";
import { KB, launchChromium, startSeededStudio } from "../browser";
import { makeClip, recordClip } from "../media-clip";
import { type Benchmark, type Figure, percentile } from "../types";

const MiB = 1024 * 1024;

interface Answer {
  status: number;
  ttfbMs: number;
  /** The route's time resolving the caller (`Server-Timing: auth`), part of the TTFB. */
  authMs: number | null;
  bodyBytes: number;
  headers: http.IncomingHttpHeaders;
}

function get(agent: http.Agent, url: string, range: string, auth: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, headers: { Range: range, ...auth } }, (res) => {
      const ttfbMs = performance.now() - t0;
      let bodyBytes = 0;
      res.on("data", (d: Buffer) => {
        bodyBytes += d.length;
      });
      const authMs = serverTiming(String(res.headers["server-timing"] ?? ""), "auth");
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, ttfbMs, authMs, bodyBytes, headers: res.headers }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

export const benchmark: Benchmark = {
  id: "media",
  title: "Media serving",
  async run(ctx) {
    const clip = path.join(ctx.tmp, "clip.mp4");
    makeClip(clip);
    const size = statSync(clip).size;
    ctx.log(`clip: ${(size / MiB).toFixed(2)} MiB`);
    let videoKey = "";
    const { studio, session } = await startSeededStudio(ctx, {
      clips: 0,
      async prepare(db, store) {
        videoKey = (await store.putStream(createReadStream(clip), "mp4")).key;
        await recordClip(db.prisma, videoKey, size);
      },
    });
    const url = `${studio.url}${mediaUrl(videoKey)}`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const figures: Figure[] = [];
    try {
      // The clip is what the studio says it is.
      const auth = session.headers;
      const list = await fetch(`${studio.url}/api/generations?limit=1`, { headers: auth });
      if (list.status !== 200) throw new Error(`GET /api/generations answered ${list.status}`);
      const listed = (await list.json()) as { items: { videoUrl: string | null }[] };
      if (listed.items[0]?.videoUrl !== mediaUrl(videoKey)) throw new Error("the seeded clip is not listed");

      for (let i = 0; i < 5; i++) await get(agent, url, "bytes=0-1048575", auth);
      const ttfb: number[] = [];
      const authMs: number[] = [];
      for (let i = 0; i < 50; i++) {
        const start = Math.floor(((i * 7919) % 50) * ((size - MiB) / 50));
        const a = await get(agent, url, `bytes=${start}-${start + MiB - 1}`, auth);
        if (a.status !== 206 || a.bodyBytes !== MiB)
          throw new Error(`range answer ${a.status}, ${a.bodyBytes} bytes`);
        ttfb.push(a.ttfbMs);
        if (a.authMs !== null) authMs.push(a.authMs);
      }
      figures.push(
        {
          figure: "TTFB, 1 MiB range of a 10 MB clip, p50 of 50",
          measured: percentile(ttfb, 50),
          unit: "ms",
          budget: { max: 20 },
          note: `request sent to response headers, keep-alive, loopback; of it, resolving the session cookie (Server-Timing auth) p50 ${percentile(authMs, 50).toFixed(2)} ms`,
        },
        {
          figure: "TTFB, p95 of 50",
          measured: percentile(ttfb, 95),
          unit: "ms",
          budget: { max: 20 },
          note: `resolving the session cookie p95 ${percentile(authMs, 95).toFixed(2)} ms, max ${Math.max(...authMs).toFixed(2)} ms`,
        },
      );

      const mid = Math.floor(size / 2);
      const want = 256 * 1024;
      const seek = await get(agent, url, `bytes=${mid}-${mid + want - 1}`, auth);
      const claimed = seek.headers["content-range"];
      if (seek.status !== 206 || claimed !== `bytes ${mid}-${mid + want - 1}/${size}`)
        throw new Error(`seek answer ${seek.status} ${claimed}`);
      figures.push({
        figure: "seek to the middle: bytes received / bytes asked for",
        measured: seek.bodyBytes / want,
        unit: "x",
        budget: { max: 1 },
        note: `${seek.bodyBytes} bytes for a ${want}-byte range at ${mid} (${claimed})`,
      });
      figures.push(...(await chromiumSeek(ctx, studio.url, session, mediaUrl(videoKey), size)));
    } finally {
      agent.destroy();
      await studio.stop();
    }
    return figures;
  },
};

/** Chromium's own media element: the requests it makes to seek to the middle, and what they pulled. */
async function chromiumSeek(
  ctx: { log(m: string): void },
  origin: string,
  session: SignedIn,
  src: string,
  size: number,
): Promise<Figure[]> {
  const browser = await launchChromium();
  try {
    const context = await signedInContext(browser, origin, session);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const requests = new Map<string, { range: string; body: number; phase: "load" | "seek" | "after" }>();
    let phase: "load" | "seek" | "after" = "load";
    cdp.on("Network.requestWillBeSent", (e) => {
      if (!e.request.url.includes("/api/media/")) return;
      requests.set(e.requestId, {
        range: e.request.headers.Range ?? e.request.headers.range ?? "",
        body: 0,
        phase,
      });
    });
    cdp.on("Network.dataReceived", (e) => {
      const r = requests.get(e.requestId);
      if (r) r.body += e.dataLength;
    });
    // A page of our own origin (the media route's CSP allows 'self'), with just the player.
    await page.goto(`${origin}/robots.txt`);
    const playable = await page.evaluate(async (s) => {
      const v = document.createElement("video");
      v.preload = "metadata";
      v.muted = true;
      v.src = s;
      document.body.append(v);
      await new Promise<void>((resolve, reject) => {
        v.onloadedmetadata = () => resolve();
        v.onerror = () => reject(new Error(`video error ${v.error?.code}`));
      });
      return v.duration;
    }, src);
    await page.waitForTimeout(300);
    phase = "seek";
    await page.evaluate(async () => {
      const v = document.querySelector("video") as HTMLVideoElement;
      await new Promise<void>((resolve) => {
        v.onseeked = () => resolve();
        v.currentTime = v.duration / 2;
      });
    });
    // What Chromium asks for once the seek is done is buffering ahead (or filling gaps), not the seek.
    phase = "after";
    await page.waitForTimeout(300);
    const seekReqs = [...requests.values()].filter((r) => r.phase === "seek");
    const loadReqs = [...requests.values()].filter((r) => r.phase === "load");
    const starts = seekReqs.map((r) => Number(/bytes=(\d+)-/.exec(r.range)?.[1] ?? 0));
    const firstStart = starts[0] ?? Number.NaN;
    const seekBytes = seekReqs.reduce((s, r) => s + r.body, 0);
    const loadBytes = loadReqs.reduce((s, r) => s + r.body, 0);
    ctx.log(
      `chromium: duration ${playable.toFixed(1)} s; load ${loadReqs.map((r) => `${r.range || "(no range)"} → ${r.body}`).join(", ")}; seek ${seekReqs.map((r) => `${r.range} → ${r.body}`).join(", ")}`,
    );
    return [
      {
        figure: "Chromium <video> seek to the middle: where its request starts (share of the file)",
        measured: firstStart / size,
        unit: "x",
        budget: { min: 0.4 },
        note: `request ranges: ${seekReqs.map((r) => r.range).join(", ") || "none"}`,
      },
      {
        figure: "  bytes Chromium pulled for the seek",
        measured: seekBytes / KB,
        unit: "KB",
        note: `of a ${(size / KB).toFixed(0)} KB file; opening it (metadata) pulled ${(loadBytes / KB).toFixed(0)} KB`,
      },
    ];
  } finally {
    await browser.close();
  }
}
