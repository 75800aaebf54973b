// The team's pages for scripts/screenshots.ts: the setup page of a fresh studio, sign-in, members, the
// account page, a clip's review conversation between members (a thread with a reply, a range, a drawing
// over the video), the header's inbox with a mention, and a guest on a share link. Each at a desktop and a
// phone size; the dark theme into docs/screenshots, the light one too when asked (for looking at).
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import {
  fetchAs,
  inviteMember,
  useSession as putSession,
  type SignedIn,
  signIn,
} from "../e2e/support/accounts";
import { drag } from "../e2e/support/player";
import type { GenerationDTO } from "../lib/generations/dto";

export type Theme = "dark" | "light";

/** Where a theme's shots go: the dark ones are the README's, the light ones are for checking. */
export interface Lens {
  theme: Theme;
  dir: string;
  /** Added to every file name, e.g. "-light". */
  suffix: string;
}

const DESK = { width: 1440, height: 900 } as const;
const FORM_DESK = { width: 1366, height: 768 } as const;
const PHONE = { width: 390, height: 844 } as const;
type Size = { width: number; height: number };

export const OWNER = {
  name: "Olivia Marsh",
  email: "olivia@example.com",
  password: "screenshots owner password",
};
const MEMBERS = [
  {
    name: "Rita Alvarez",
    email: "rita@example.com",
    password: "screenshots rita password",
    role: "reviewer",
  },
  { name: "Eli Park", email: "eli@example.com", password: "screenshots eli password", role: "editor" },
  { name: "Ada Brooks", email: "ada@example.com", password: "screenshots ada password", role: "admin" },
] as const;
/** Invited, not signed up yet: the members page lists it as pending. */
const PENDING = { email: "jonas@example.com", role: "editor" } as const;

export interface Team {
  owner: SignedIn;
  rita: SignedIn;
  eli: SignedIn;
}

async function newPage(browser: Browser, base: string, lens: Lens, size: Size, session?: SignedIn) {
  const context = await browser.newContext({
    viewport: size,
    deviceScaleFactor: 1,
    colorScheme: lens.theme,
  });
  // (useSession under another name: Biome takes any use* call for a React hook.)
  if (session) await putSession(context, base, session);
  return context.newPage();
}

async function settle(page: Page) {
  // The header's provider badge says which engine, not "Checking…".
  const badge = page.getByTestId("provider-badge");
  if (await badge.count()) await badge.and(page.locator(":not([data-provider=''])")).waitFor();
  // Every picture in view drawn (the gallery loads the ones further down as they come near).
  await page.waitForFunction(() =>
    [...document.images].every((img) => {
      const box = img.getBoundingClientRect();
      return img.complete || box.bottom < 0 || box.top > window.innerHeight;
    }),
  );
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
}

async function shoot(page: Page, lens: Lens, name: string, options: { fullPage?: boolean } = {}) {
  const width = page.viewportSize()!.width;
  const file = path.join(lens.dir, `${name}-${width}${lens.suffix}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false, animations: "disabled" });
  console.log(`wrote ${file}`);
}

/** Whether the studio still has no owner (its setup page answers instead of sending to sign-in). */
export async function needsSetup(base: string): Promise<boolean> {
  const res = await fetch(`${base}/setup`, { redirect: "manual" });
  return res.status === 200;
}

/** The first-run page, filled in but not sent: taken before the owner exists. */
export async function captureSetup(browser: Browser, base: string, lens: Lens) {
  for (const size of [FORM_DESK, PHONE]) {
    const page = await newPage(browser, base, lens, size);
    await page.goto(`${base}/setup`);
    await page.getByLabel("Your name").fill(OWNER.name);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await settle(page);
    await shoot(page, lens, "setup");
    await page.context().close();
  }
}

/** A signed-out browser on the sign-in page, the email typed. */
export async function captureLogin(browser: Browser, base: string, lens: Lens) {
  for (const size of [FORM_DESK, PHONE]) {
    const page = await newPage(browser, base, lens, size);
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel("Email").fill(MEMBERS[0].email);
    await settle(page);
    await shoot(page, lens, "login");
    await page.context().close();
  }
}

/** Signs a member in, or invites them (as the owner) when they have no account yet. */
async function member(base: string, owner: SignedIn, m: (typeof MEMBERS)[number]): Promise<SignedIn> {
  try {
    return await signIn(base, m.email, m.password);
  } catch {
    return inviteMember(base, owner, m);
  }
}

/** The team the shots show: three members who signed up and one invitation still open. */
export async function seedTeam(base: string, owner: SignedIn): Promise<Team> {
  const [rita, eli] = [
    await member(base, owner, MEMBERS[0]),
    await member(base, owner, MEMBERS[1]),
    await member(base, owner, MEMBERS[2]),
  ];
  const api = fetchAs(owner);
  const { items } = (await (await api(`${base}/api/invitations`)).json()) as { items: { email: string }[] };
  if (!items.some((i) => i.email === PENDING.email)) {
    const res = await api(`${base}/api/invitations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(PENDING),
    });
    if (!res.ok) throw new Error(`inviting ${PENDING.email}: ${res.status} ${await res.text()}`);
  }
  const tokens = (await (await api(`${base}/api/tokens`)).json()) as { items: unknown[] };
  if (tokens.items.length === 0) {
    const res = await api(`${base}/api/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "render farm script" }),
    });
    if (!res.ok) throw new Error(`making a token: ${res.status} ${await res.text()}`);
  }
  return { owner, rita: rita!, eli: eli! };
}

export async function captureMembers(browser: Browser, base: string, lens: Lens, team: Team) {
  for (const size of [DESK, PHONE]) {
    const page = await newPage(browser, base, lens, size, team.owner);
    await page.goto(`${base}/members`);
    await page.getByTestId("invite-row").first().waitFor();
    await settle(page);
    await shoot(page, lens, "members", { fullPage: true });
    await page.context().close();
  }
}

export async function captureAccount(browser: Browser, base: string, lens: Lens, team: Team) {
  for (const size of [DESK, PHONE]) {
    const page = await newPage(browser, base, lens, size, team.owner);
    await page.goto(`${base}/account`);
    await page.getByTestId("token-row").first().waitFor();
    await settle(page);
    await shoot(page, lens, "account", { fullPage: true });
    await page.context().close();
  }
}

async function pauseAt(page: Page, sec: number) {
  const player = page.getByTestId("clip-player");
  await player.evaluate((v: HTMLVideoElement) =>
    v.readyState >= 4
      ? undefined
      : new Promise((r) => v.addEventListener("canplaythrough", r, { once: true })),
  );
  await player.evaluate(
    (v: HTMLVideoElement, t) =>
      new Promise<void>((resolve) => {
        v.pause();
        v.addEventListener("seeked", () => resolve(), { once: true });
        v.currentTime = t;
      }),
    sec,
  );
}

/** The seek done and its frame decoded, so Chromium draws no loading spinner over the picture. */
async function frameShown(page: Page) {
  await page
    .getByTestId("clip-player")
    .evaluate((v: HTMLVideoElement) =>
      v.seeking ? new Promise((r) => v.addEventListener("seeked", r, { once: true })) : undefined,
    );
  await page.waitForFunction(() => {
    const v = document.querySelector<HTMLVideoElement>('[data-testid="clip-player"]');
    return v !== null && !v.seeking && v.readyState >= 3;
  });
  await page.waitForTimeout(600);
}

/**
 * Played for a moment from `from`, then paused: a decoded frame and a progress bar, without the loading
 * spinner Chromium may leave over a frame that was only sought.
 */
async function playBriefly(page: Page, from: number) {
  await page.getByTestId("clip-player").evaluate(async (v: HTMLVideoElement, t) => {
    v.muted = true;
    v.currentTime = t;
    await v.play();
    await new Promise((r) => setTimeout(r, 700));
    v.pause();
    v.muted = false;
  }, from);
  await page.waitForTimeout(400);
}

const DRAWN_NOTE = "Her face goes flat in this light: warm it up like the reference.";

/**
 * The conversation on `clipId`, made the way people make it: the owner comments with a box and an arrow
 * drawn on the frame, Rita replies from her own browser and @mentions the owner (the inbox's notice), and
 * Eli, through the API as a script would, leaves a note on a range.
 */
async function seedThread(browser: Browser, base: string, team: Team, clipId: string) {
  const existing = (await (
    await fetchAs(team.owner)(`${base}/api/generations/${clipId}/comments`)
  ).json()) as {
    items: { body: string }[];
  };
  if (existing.items.some((c) => c.body === DRAWN_NOTE)) return;

  const lens: Lens = { theme: "dark", dir: "", suffix: "" };
  const page = await newPage(browser, base, lens, DESK, team.owner);
  await page.goto(`${base}/clips/${clipId}`);
  await pauseAt(page, 1.5);
  await page.getByRole("button", { name: "Comment at 0:01.5" }).click();
  await page.getByLabel(/^Comment at/).fill(DRAWN_NOTE);
  await page.getByRole("button", { name: "Draw on frame" }).click();
  const layer = page.getByTestId("drawing-layer");
  await layer.waitFor();
  const tools = page.getByTestId("draw-toolbar");
  await tools.getByRole("button", { name: "Box", exact: true }).click();
  await drag(page, layer, [0.36, 0.22], [0.62, 0.78]);
  await tools.getByRole("button", { name: "Arrow", exact: true }).click();
  await tools.getByRole("button", { name: "Colour: yellow" }).click();
  await drag(page, layer, [0.86, 0.86], [0.64, 0.66]);
  await page.getByRole("button", { name: "Done drawing" }).click();
  await page.getByRole("button", { name: "Post comment" }).click();
  await page.getByTestId("comment-drawing-badge").waitFor();
  await page.context().close();

  const second = await newPage(browser, base, lens, DESK, team.rita);
  await second.goto(`${base}/clips/${clipId}`);
  await second.getByRole("button", { name: "Reply to comment at 0:01.5" }).click();
  const reply = second.getByRole("textbox", { name: /^Reply to / });
  await reply.pressSequentially("@Oli");
  await second.getByTestId("member-menu").getByRole("option", { name: OWNER.name }).waitFor();
  await reply.press("Enter");
  await reply.pressSequentially("agreed. Could we also hold on her a beat before the crane moves?");
  await reply.press("Control+Enter");
  await second.getByTestId("comment-replies").getByTestId("comment").waitFor();
  await second.context().close();

  const res = await fetchAs(team.eli)(`${base}/api/generations/${clipId}/comments`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      body: "The crane settles too early here; let it keep drifting down until the sign is in frame.",
      atSec: 2.8,
      endSec: 4.6,
    }),
  });
  if (!res.ok) throw new Error(`Eli's range comment: ${res.status} ${await res.text()}`);
}

/** The clip page as the owner, the drawn comment selected so its drawing shows over the frame. */
export async function captureThread(browser: Browser, base: string, lens: Lens, team: Team, clipId: string) {
  await seedThread(browser, base, team, clipId);
  // Rita has the clip open too: the presence bar shows her.
  const rita = await newPage(browser, base, lens, DESK, team.rita);
  await rita.goto(`${base}/clips/${clipId}`);
  for (const size of [DESK, PHONE]) {
    const page = await newPage(browser, base, lens, size, team.owner);
    await page.goto(`${base}/clips/${clipId}`);
    await page.getByTestId("comment-replies").getByTestId("comment").waitFor();
    await page.getByTestId("presence").waitFor();
    await pauseAt(page, 0);
    const drawn = page.getByTestId("comment-thread").filter({ hasText: DRAWN_NOTE });
    await drawn.getByTestId("comment-body").first().click();
    await page.getByTestId("frame-drawing").waitFor();
    await frameShown(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    await shoot(page, lens, "clip-thread", { fullPage: true });
    await page.context().close();
  }
  await rita.context().close();
}

/** The header's inbox, open, with Rita's mention unread. */
export async function captureInbox(browser: Browser, base: string, lens: Lens, team: Team) {
  for (const size of [DESK, PHONE]) {
    const page = await newPage(browser, base, lens, size, team.owner);
    await page.goto(`${base}/`);
    await page.getByTestId("generation-card").first().waitFor();
    const bell = page.getByTestId("inbox-button").and(page.locator(":not([data-unread='0'])"));
    await bell.click();
    await page.getByTestId("inbox-items").waitFor();
    await settle(page);
    await shoot(page, lens, "inbox");
    await page.context().close();
  }
}

/** A review link for `clipId`, made by the owner through the API. */
export async function makeShareLink(base: string, team: Team, clipId: string): Promise<string> {
  const res = await fetchAs(team.owner)(`${base}/api/share-links`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({
      kind: "generation",
      target: clipId,
      title: "Alley crane, cut 2",
      permissions: ["comment", "review"],
      expiresInDays: 14,
    }),
  });
  if (!res.ok) throw new Error(`share link: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { url: string }).url;
}

/** Someone outside the team on the link: gives a name, comments, and sees only what the link shares. */
export async function captureGuest(browser: Browser, lens: Lens, url: string) {
  let guestState: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;
  for (const size of [DESK, PHONE]) {
    const context = await browser.newContext({
      viewport: size,
      deviceScaleFactor: 1,
      colorScheme: lens.theme,
      ...(guestState ? { storageState: guestState } : {}),
    });
    const page = await context.newPage();
    await page.goto(url);
    if (!guestState) {
      await page.getByLabel("Your name").fill("Gita Rao");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByTestId("guest-view").waitFor();
      const comments = page.getByTestId("guest-comments").getByTestId("comment");
      // The team's comments first, so a second run sees Gita's too and does not post it again.
      await comments.first().waitFor();
      if ((await comments.filter({ hasText: "Gita Rao" }).count()) === 0) {
        // 3 s in: the middle of the alley's shot (the preview engine fades through black between shots).
        await pauseAt(page, 3);
        await page
          .getByRole("textbox", { name: /Comment at 0:03.0/ })
          .fill("Love this shot. Could the crane end a beat later, on the hills?");
        await page.getByRole("button", { name: "Post comment" }).click();
        await comments.filter({ hasText: "Gita Rao" }).waitFor();
      }
      guestState = await context.storageState();
    }
    await page.getByTestId("guest-view").waitFor();
    await page.getByTestId("guest-comments").getByTestId("comment").first().waitFor();
    await playBriefly(page, 2.5);
    await settle(page);
    await shoot(page, lens, "guest", { fullPage: true });
    await context.close();
  }
}

/** The completed clips, newest first, as the owner sees them. */
export async function listClips(base: string, session: SignedIn): Promise<GenerationDTO[]> {
  const res = await fetchAs(session)(`${base}/api/generations?limit=20`);
  if (!res.ok) throw new Error(`listing clips: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { items: GenerationDTO[] }).items;
}
