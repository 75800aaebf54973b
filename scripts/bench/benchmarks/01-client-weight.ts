// 1. Client weight: the JavaScript a browser downloads to show the studio page (/) from the production
// build, gzip, next to the same figure for an empty page of the same build (the framework floor).
//
// How: Chromium loads each page and waits for the network to go quiet; every script it requested counts
// (dynamic chunks fetched right after hydration too), each gzipped with zlib at its default level 6 (what
// `next start` sends; `transferred` figures below are what went over the wire). The polyfill chunk is a
// `nomodule` script that Chromium never fetches, so it counts on neither side.
//
// The floor: an empty page in this app is the framework (React, the Next.js client runtime, Turbopack's
// chunk loader: the build manifest's rootMainFiles, loaded by every route) plus the root layout every
// page shares. /login is such a page (a server-rendered form, no client component of its own); the
// benchmark checks that every script /login loads is also loaded by the studio page, so the difference is
// the studio's own weight. The framework-only part is reported too.
//
// What each dependency costs comes from Turbopack's own analyzer (`next analyze --output`, the same
// compiler and module graph as the build): raw bytes of its modules in the page's client chunks and the
// gzip size of those modules on their own (an upper bound: compressed together they share a dictionary).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { gzipBytes, KB, launchChromium, startSeededStudio } from "../browser";
import type { Benchmark, Figure } from "../types";

interface Script {
  url: string;
  gzip: number;
  transferred: number;
}

async function scriptsOf(
  url: string,
  then?: (page: Page) => Promise<void>,
): Promise<{ first: Script[]; after: Script[] }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    let pending: Promise<Script | null>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      pending.push(
        (async () => {
          const body = await response.body().catch(() => null);
          if (!body) return null;
          const sizes = await response.request().sizes();
          return { url: response.url(), gzip: gzipBytes(body), transferred: sizes.responseBodySize };
        })(),
      );
    });
    await page.goto(url, { waitUntil: "networkidle" });
    // Let anything hydration asked for (next/dynamic chunks) arrive.
    await page.waitForTimeout(500);
    await page.waitForLoadState("networkidle");
    const unique = (list: (Script | null)[]) => [
      ...new Map(
        list.filter((s): s is Script => s !== null).map((s) => [new URL(s.url).pathname, s]),
      ).values(),
    ];
    const first = unique(await Promise.all(pending));
    pending = [];
    if (then) {
      await then(page);
      await page.waitForTimeout(500);
      await page.waitForLoadState("networkidle");
    }
    const seen = new Set(first.map((s) => new URL(s.url).pathname));
    const after = unique(await Promise.all(pending)).filter((s) => !seen.has(new URL(s.url).pathname));
    return { first, after };
  } finally {
    await browser.close();
  }
}

const sum = (list: Script[], key: "gzip" | "transferred") => list.reduce((t, s) => t + s[key], 0);

interface AnalyzePart {
  type: string;
  filename: string;
  source_path: string;
  size: number;
  compressed_size: number;
}

/** Client-side bytes of route "/" grouped by package (node_modules) or app folder. */
function dependencyCosts(root: string): Map<string, { raw: number; gzip: number }> {
  const next = path.join(root, "node_modules/next/dist/bin/next");
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const analyze = spawnSync(process.execPath, [next, "analyze", "--output"], { cwd: root, env });
  if (analyze.status !== 0) throw new Error(`next analyze failed: ${analyze.stderr}`);
  const out = spawnSync(process.execPath, [next, "analyze", "export", "--route", "/"], {
    cwd: root,
    env,
    maxBuffer: 512 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`next analyze export failed: ${out.stderr}`);
  const costs = new Map<string, { raw: number; gzip: number }>();
  for (const line of out.stdout.toString().split("\n")) {
    if (!line.startsWith('{"type":"part"')) continue;
    const part = JSON.parse(line) as AnalyzePart;
    // Client chunks only, and no polyfills (nomodule) or CSS.
    if (!part.filename.startsWith("[client-fs]") || !part.filename.endsWith(".js")) continue;
    if (part.source_path.includes("next/dist/build/polyfills/polyfill-nomodule")) continue;
    const p = part.source_path.replace(/^\[project\]\//, "");
    const s = p.split("/");
    let group: string;
    if (s[0] === "node_modules") {
      const pkg = s.slice(1, s[1]?.startsWith("@") ? 3 : 2).join("/");
      group = pkg === "next" && s[3] === "compiled" ? `next (compiled ${s[4]})` : pkg;
    } else group = s.length > 2 ? `${s[0]}/${s[1]}` : (s[0] ?? p);
    const c = costs.get(group) ?? { raw: 0, gzip: 0 };
    c.raw += part.size;
    c.gzip += part.compressed_size;
    costs.set(group, c);
  }
  return costs;
}

export const benchmark: Benchmark = {
  id: "client-weight",
  title: "Client weight",
  async run(ctx) {
    const { studio } = await startSeededStudio(ctx, { clips: 30 });
    let studioScripts: Script[];
    let emptyScripts: Script[];
    let onFirstEdit: Script[];
    try {
      // After the first load, the first keystroke in the prompt: what the composer loads only then.
      ({ first: studioScripts, after: onFirstEdit } = await scriptsOf(`${studio.url}/`, async (page) => {
        await page.getByTestId("prompt-editor").click();
        await page.keyboard.type("a");
      }));
      ({ first: emptyScripts } = await scriptsOf(`${studio.url}/login`));
    } finally {
      await studio.stop();
    }
    const studioPaths = new Set(studioScripts.map((s) => new URL(s.url).pathname));
    const extra = emptyScripts.filter((s) => !studioPaths.has(new URL(s.url).pathname));
    if (extra.length)
      throw new Error(`/login loads scripts the studio does not: ${extra.map((s) => s.url).join(", ")}`);

    const manifest = JSON.parse(readFileSync(path.join(ctx.root, ".next/build-manifest.json"), "utf8")) as {
      rootMainFiles: string[];
    };
    const rootMain = new Set(manifest.rootMainFiles.map((f) => `/_next/${f}`));
    const framework = studioScripts.filter((s) => rootMain.has(new URL(s.url).pathname));

    const total = sum(studioScripts, "gzip");
    const floor = sum(emptyScripts, "gzip");
    const frameworkOnly = sum(framework, "gzip");
    for (const s of [...studioScripts].sort((a, b) => b.gzip - a.gzip))
      ctx.log(
        `${new URL(s.url).pathname.padEnd(44)} ${(s.gzip / KB).toFixed(1).padStart(6)} KB gzip${rootMain.has(new URL(s.url).pathname) ? " (framework)" : emptyScripts.some((e) => e.url === s.url) ? " (root layout)" : ""}`,
      );

    const figures: Figure[] = [
      {
        figure: "studio page (/): first-load JS, gzip",
        measured: total / KB,
        unit: "KB",
        budget: { max: 280 },
        note: `${studioScripts.length} scripts, each gzipped at zlib level 6; ${(sum(studioScripts, "transferred") / KB).toFixed(1)} KB went over the wire`,
      },
      {
        figure: "empty page (/login: framework + root layout): first-load JS, gzip",
        measured: floor / KB,
        unit: "KB",
        note: `${emptyScripts.length} scripts; every one is also loaded by the studio page`,
      },
      {
        figure: "studio page / empty page",
        measured: total / floor,
        unit: "x",
        budget: { max: 1.6 },
      },
      {
        figure: "framework alone (build manifest rootMainFiles), gzip",
        measured: frameworkOnly / KB,
        unit: "KB",
        note: "React, the Next.js client runtime and Turbopack's loader: what any route loads",
      },
      {
        figure: "studio page / framework alone",
        measured: total / frameworkOnly,
        unit: "x",
      },
      {
        figure: "loaded at the first keystroke in the prompt (not first load), gzip",
        measured: sum(onFirstEdit, "gzip") / KB,
        unit: "KB",
        note: `${onFirstEdit.length} script(s): the server's schema (zod) that checks the draft`,
      },
    ];

    ctx.log("analyzing the module graph (next analyze --output)...");
    // The analyzer sees every client chunk of the route, those loaded later (zod, at the first edit) too.
    const costs = [...dependencyCosts(ctx.root).entries()].sort((a, b) => b[1].gzip - a[1].gzip);
    for (const [name, c] of costs.slice(0, 14)) {
      if (c.gzip < 2 * KB) continue;
      figures.push({
        figure: `  ${name}`,
        measured: c.gzip / KB,
        unit: "KB",
        note: `${(c.raw / KB).toFixed(1)} KB minified; gzip of its modules alone (upper bound); first load and later chunks`,
      });
    }
    return figures;
  },
};
