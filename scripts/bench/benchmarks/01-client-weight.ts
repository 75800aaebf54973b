// 1. Client weight: the JavaScript a browser downloads to show the studio page (/) from the production
// build, gzip, next to the same figure for an empty page of the same build (the framework floor), and for
// the sign-in page.
//
// How: Chromium loads each page and waits for the network to go quiet; every script it requested counts
// (dynamic chunks fetched right after hydration too), each gzipped with zlib at its default level 6 (what
// `next start` sends; `transferred` figures below are what went over the wire). The polyfill chunk is a
// `nomodule` script that Chromium never fetches, so it counts on neither side. The studio page is loaded
// signed in (a context holding the owner's session cookie; the benchmark checks the browser stayed on /
// and typed into the composer), the sign-in page signed out (a fresh context), as people meet them.
//
// The floor: an empty page in this app is the framework (React, the Next.js client runtime, Turbopack's
// chunk loader: the build manifest's rootMainFiles, loaded by every route) plus the root layout and the
// boundaries every page shares. It is what /login loads less the sign-in page's own chunks, which the
// build's client reference manifest names (.next/server/app/login/page_client-reference-manifest.js:
// the chunks of the segment `app/login/page` that no shared segment (layout, error, not-found) has). The
// benchmark checks that the studio page loads every script of the floor, so the difference is the studio's
// own weight, and that it loads none of the sign-in page's own chunks (issue 15: "sign-in, account and
// sharing pages load their own code"). The framework-only part is reported too.
//
// What each dependency costs comes from Turbopack's own analyzer (`next analyze --output`, the same
// compiler and module graph as the build): raw bytes of its modules in the page's client chunks and the
// gzip size of those modules on their own (an upper bound: compressed together they share a dictionary).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import type { Page } from "@playwright/test";
import { makeVideo } from "@/test/support/videos";
import { expectPage, type SignedIn, signedInContext } from "../accounts";
import { gzipBytes, KB, launchChromium, startSeededStudio } from "../browser";
import type { Benchmark, Figure } from "../types";

interface Script {
  url: string;
  gzip: number;
  transferred: number;
  /** Holds the reference video trim scrubber (components/studio/video-trimmer.tsx): its slider's label. */
  trimmer: boolean;
}

/** A string only the trim scrubber's code holds (its slider's label). */
const TRIMMER_MARKER = "Start of the part to keep";

async function scriptsOf(
  url: string,
  session: SignedIn | null,
  ...steps: ((page: Page) => Promise<void>)[]
): Promise<{ first: Script[]; after: Script[][] }> {
  const browser = await launchChromium();
  try {
    const origin = new URL(url).origin;
    const context = session ? await signedInContext(browser, origin, session) : await browser.newContext();
    const page = await context.newPage();
    let pending: Promise<Script | null>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      pending.push(
        (async () => {
          const body = await response.body().catch(() => null);
          if (!body) return null;
          const sizes = await response.request().sizes();
          return {
            url: response.url(),
            gzip: gzipBytes(body),
            transferred: sizes.responseBodySize,
            trimmer: body.includes(TRIMMER_MARKER),
          };
        })(),
      );
    });
    await page.goto(url, { waitUntil: "networkidle" });
    expectPage(page.url(), new URL(url).pathname);
    // Let anything hydration asked for (next/dynamic chunks) arrive.
    await page.waitForTimeout(500);
    await page.waitForLoadState("networkidle");
    const unique = (list: (Script | null)[]) => [
      ...new Map(
        list.filter((s): s is Script => s !== null).map((s) => [new URL(s.url).pathname, s]),
      ).values(),
    ];
    const first = unique(await Promise.all(pending));
    const seen = new Set(first.map((s) => new URL(s.url).pathname));
    const after: Script[][] = [];
    for (const step of steps) {
      pending = [];
      await step(page);
      await page.waitForTimeout(500);
      await page.waitForLoadState("networkidle");
      const fresh = unique(await Promise.all(pending)).filter((s) => !seen.has(new URL(s.url).pathname));
      for (const s of fresh) seen.add(new URL(s.url).pathname);
      after.push(fresh);
    }
    return { first, after };
  } finally {
    await browser.close();
  }
}

const sum = (list: Script[], key: "gzip" | "transferred") => list.reduce((t, s) => t + s[key], 0);
const pathOf = (s: Script) => new URL(s.url).pathname;

/**
 * The chunks a route's page segment loads that no shared segment (root layout, error, not-found, global
 * error) loads: the page's own code, from the build's client reference manifest (URL paths, /_next/...).
 */
function ownChunks(root: string, route: string): Set<string> {
  const file = path.join(root, ".next/server/app", route, "page_client-reference-manifest.js");
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
  const entries = sandbox.__RSC_MANIFEST?.[`${route}/page`]?.entryJSFiles;
  const own = entries?.[`[project]/app${route}/page`];
  if (!entries || !own) throw new Error(`${file} names no chunks for app${route}/page`);
  const shared = new Set(
    Object.entries(entries)
      .filter(([segment]) => !segment.endsWith("/page"))
      .flatMap(([, chunks]) => chunks),
  );
  return new Set(own.filter((c) => !shared.has(c)).map((c) => `/_next/${c}`));
}

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
    const { studio, session } = await startSeededStudio(ctx, { clips: 30 });
    let studioScripts: Script[];
    let loginScripts: Script[];
    let onFirstEdit: Script[];
    let onFirstTrim: Script[];
    // A video longer than a reference video may be (3 s): adding it opens the trim scrubber.
    const longVideo = await makeVideo({ seconds: 8, width: 320, height: 180 });
    try {
      // After the first load, the first keystroke in the prompt, then the first long video added to the
      // tray (the preview engine's version takes videos): what the composer loads only then.
      let after: Script[][];
      ({ first: studioScripts, after } = await scriptsOf(
        `${studio.url}/`,
        session,
        async (page) => {
          await page.getByTestId("prompt-editor").click();
          await page.keyboard.type("a");
        },
        async (page) => {
          await page
            .getByLabel("Reference images")
            .setInputFiles([{ name: "long.mp4", mimeType: "video/mp4", buffer: longVideo }]);
          await page.getByTestId("video-trimmer").waitFor({ timeout: 15_000 });
        },
      ));
      [onFirstEdit = [], onFirstTrim = []] = after;
      ({ first: loginScripts } = await scriptsOf(`${studio.url}/login`, null));
    } finally {
      await studio.stop();
    }
    const studioPaths = new Set(studioScripts.map(pathOf));
    const loginOwnChunks = ownChunks(ctx.root, "/login");
    const loginOwn = loginScripts.filter((s) => loginOwnChunks.has(pathOf(s)));
    const emptyScripts = loginScripts.filter((s) => !loginOwnChunks.has(pathOf(s)));
    const extra = emptyScripts.filter((s) => !studioPaths.has(pathOf(s)));
    if (extra.length)
      throw new Error(
        `/login loads scripts that are neither its own nor loaded by the studio: ${extra.map((s) => s.url).join(", ")}`,
      );
    const loginCodeInStudio = loginOwn.filter((s) => studioPaths.has(pathOf(s)));

    const manifest = JSON.parse(readFileSync(path.join(ctx.root, ".next/build-manifest.json"), "utf8")) as {
      rootMainFiles: string[];
    };
    const rootMain = new Set(manifest.rootMainFiles.map((f) => `/_next/${f}`));
    const framework = studioScripts.filter((s) => rootMain.has(pathOf(s)));

    const total = sum(studioScripts, "gzip");
    const floor = sum(emptyScripts, "gzip");
    const login = sum(loginScripts, "gzip");
    const frameworkOnly = sum(framework, "gzip");
    const emptyPaths = new Set(emptyScripts.map(pathOf));
    for (const s of [...studioScripts].sort((a, b) => b.gzip - a.gzip))
      ctx.log(
        `${pathOf(s).padEnd(44)} ${(s.gzip / KB).toFixed(1).padStart(6)} KB gzip${rootMain.has(pathOf(s)) ? " (framework)" : emptyPaths.has(pathOf(s)) ? " (root layout)" : ""}`,
      );
    for (const s of loginOwn)
      ctx.log(`${pathOf(s).padEnd(44)} ${(s.gzip / KB).toFixed(1).padStart(6)} KB gzip (/login's own)`);
    const chunkList = (list: Script[]) =>
      list.map((s) => `${path.basename(pathOf(s))} ${(s.gzip / KB).toFixed(1)} KB`).join(", ") || "none";

    ctx.log("analyzing the module graph (next analyze --output)...");
    // The analyzer sees every client chunk of the route, those loaded later (zod, at the first edit) too.
    const byGroup = dependencyCosts(ctx.root);
    const costs = [...byGroup.entries()].sort((a, b) => b[1].gzip - a[1].gzip);
    const authFormInStudio = byGroup.get("components/auth");

    const figures: Figure[] = [
      {
        figure: "studio page (/): first-load JS, gzip",
        measured: total / KB,
        unit: "KB",
        budget: { max: 280 },
        note: `${studioScripts.length} scripts, each gzipped at zlib level 6; ${(sum(studioScripts, "transferred") / KB).toFixed(1)} KB went over the wire`,
      },
      {
        figure: "empty page (framework + root layout), first-load JS, gzip",
        measured: floor / KB,
        unit: "KB",
        note: `what /login loads less its own chunks: ${emptyScripts.length} scripts, every one also loaded by the studio page`,
      },
      {
        figure: "studio page / empty page",
        measured: total / floor,
        unit: "x",
        budget: { max: 1.6 },
      },
      {
        figure: "sign-in page (/login, signed out): first-load JS, gzip",
        measured: login / KB,
        unit: "KB",
        note: `${loginScripts.length} scripts; its own (app/login/page in the build's client reference manifest): ${chunkList(loginOwn)}`,
      },
      {
        figure: "sign-in page / studio page, first-load JS",
        measured: login / total,
        unit: "x",
        budget: { max: 1 },
        note: `own code beyond the empty page: /login ${(sum(loginOwn, "gzip") / KB).toFixed(1)} KB, the studio ${((total - floor) / KB).toFixed(1)} KB`,
      },
      {
        figure: "sign-in page's own code that the studio page loads too, gzip",
        measured: sum(loginCodeInStudio, "gzip") / KB,
        unit: "KB",
        budget: { max: 0 },
        note: `chunks: ${chunkList(loginCodeInStudio)}; the analyzer finds ${authFormInStudio ? `${(authFormInStudio.raw / KB).toFixed(1)} KB` : "no module"} of components/auth (the sign-in form) among the studio page's client chunks`,
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
      {
        figure: "reference video trim scrubber in the first load, gzip",
        measured:
          sum(
            studioScripts.filter((s) => s.trimmer),
            "gzip",
          ) / KB,
        unit: "KB",
        budget: { max: 0 },
        note: `the first load has video references in (tray, tiles, VIDEO_REF chips); the scrubber is loaded with next/dynamic: first-load scripts holding it: ${chunkList(studioScripts.filter((s) => s.trimmer))}`,
      },
      {
        figure: "loaded when a long video first opens the trim scrubber, gzip",
        measured: sum(onFirstTrim, "gzip") / KB,
        unit: "KB",
        note: `${onFirstTrim.length} script(s) (${chunkList(onFirstTrim)}); the scrubber's own code is among them: ${onFirstTrim.some((s) => s.trimmer) ? "yes" : "NO"}`,
      },
    ];

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
