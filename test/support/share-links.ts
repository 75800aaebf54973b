// Share links' tests share this (test/integration/share-links*.test.ts): requests to the routes as a script
// sends them, a guest's browser on one link (its cookie jar), and a studio with an editor, a reviewer,
// two clips and a group of takes, every change it publishes recorded.
import { afterAll, beforeAll, expect } from "vitest";
import { POST as guestComment, GET as guestComments } from "@/app/api/r/[token]/clips/[id]/comments/route";
import { GET as guestDownload } from "@/app/api/r/[token]/clips/[id]/download/route";
import { POST as guestReview } from "@/app/api/r/[token]/clips/[id]/review/route";
import { GET as guestMedia, HEAD as guestMediaHead } from "@/app/api/r/[token]/media/[key]/route";
import { POST as guestName } from "@/app/api/r/[token]/name/route";
import { POST as guestPassword } from "@/app/api/r/[token]/password/route";
import { GET as guestViewRoute } from "@/app/api/r/[token]/route";
import {
  POST as guestSequenceComment,
  GET as guestSequenceComments,
} from "@/app/api/r/[token]/sequences/[id]/comments/route";
import { GET as guestSequence } from "@/app/api/r/[token]/sequences/[id]/route";
import { POST as createRoute } from "@/app/api/share-links/route";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { Change } from "@/lib/live/events";
import type { CreatedShareLinkDTO } from "@/lib/share/dto";
import { SHARE_WINDOW_MS } from "@/lib/share/rate-limit";
import { addMember, type TestMember } from "./accounts";
import type { DbKind } from "./db";
import { useStudio } from "./fixture";
import { installRuntime, submit, type TestRuntime, waitFor } from "./runtime";

export const BASE = "http://studio.test";
export const keyOf = (url: string | null) => url!.slice(url!.lastIndexOf("/") + 1);
export const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

export function call(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Request {
  return new Request(`${BASE}${path}`, {
    method,
    headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
}

/** A browser on one link: its cookie jar holds what the link's routes set (path-scoped; one link here). */
export class Guest {
  cookie = "";
  constructor(
    readonly token: string,
    readonly ip = "203.0.113.7",
  ) {}
  headers(extra: Record<string, string> = {}) {
    return { "x-forwarded-for": this.ip, ...(this.cookie ? { cookie: this.cookie } : {}), ...extra };
  }
  keep(response: Response) {
    const set = response.headers.getSetCookie();
    const mine = set.find((c) => c.includes(`Path=/api/r/${this.token}`));
    if (mine) this.cookie = mine.split(";")[0]!;
    return response;
  }
  async password(password: string) {
    const r = await guestPassword(
      call("POST", `/api/r/${this.token}/password`, this.headers(), { password }),
      ctx({ token: this.token }),
    );
    return this.keep(r);
  }
  async name(name: string) {
    const r = await guestName(
      call("POST", `/api/r/${this.token}/name`, this.headers(), { name }),
      ctx({ token: this.token }),
    );
    return this.keep(r);
  }
  view(query = "") {
    return guestViewRoute(
      call("GET", `/api/r/${this.token}${query}`, this.headers()),
      ctx({ token: this.token }),
    );
  }
  media(key: string, method: "GET" | "HEAD" = "GET") {
    const route = method === "GET" ? guestMedia : guestMediaHead;
    return route(
      call(method, `/api/r/${this.token}/media/${key}`, this.headers()),
      ctx({ token: this.token, key }),
    );
  }
  comments(id: string) {
    return guestComments(
      call("GET", `/api/r/${this.token}/clips/${id}/comments`, this.headers()),
      ctx({ token: this.token, id }),
    );
  }
  comment(id: string, body: unknown) {
    return guestComment(
      call("POST", `/api/r/${this.token}/clips/${id}/comments`, this.headers(), body),
      ctx({ token: this.token, id }),
    );
  }
  review(id: string, reviewStatus: string) {
    return guestReview(
      call("POST", `/api/r/${this.token}/clips/${id}/review`, this.headers(), { reviewStatus }),
      ctx({ token: this.token, id }),
    );
  }
  sequence(id: string) {
    return guestSequence(
      call("GET", `/api/r/${this.token}/sequences/${id}`, this.headers()),
      ctx({ token: this.token, id }),
    );
  }
  sequenceComments(id: string) {
    return guestSequenceComments(
      call("GET", `/api/r/${this.token}/sequences/${id}/comments`, this.headers()),
      ctx({ token: this.token, id }),
    );
  }
  sequenceComment(id: string, body: unknown) {
    return guestSequenceComment(
      call("POST", `/api/r/${this.token}/sequences/${id}/comments`, this.headers(), body),
      ctx({ token: this.token, id }),
    );
  }
  download(id: string) {
    return guestDownload(
      call("GET", `/api/r/${this.token}/clips/${id}/download`, this.headers()),
      ctx({ token: this.token, id }),
    );
  }
}

export async function errorOf(response: Response) {
  return (
    (await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } }
  ).error;
}

/** Waits out the end of the current rate-limit window when little of it is left, so a count fits in one. */
export async function untilFreshWindow() {
  const left = SHARE_WINDOW_MS - (Date.now() % SHARE_WINDOW_MS);
  if (left < 20_000) await new Promise((r) => setTimeout(r, left + 50));
}

/** What the share links' studio holds, filled in before the first test. */
export interface ShareStudio {
  rt: TestRuntime;
  editor: TestMember;
  reviewer: TestMember;
  clipA: GenerationDTO;
  clipB: GenerationDTO;
  takes: GenerationDTO[];
  /** The three reference images' asset ids. */
  refs: string[];
  /** Every change the studio published since it was set up. */
  changes: Change[];
  /** POST /api/share-links as `who` (default the editor). */
  share(body: Record<string, unknown>, who?: TestMember): Promise<Response>;
  /** The same, expecting it to be made. */
  shareOk(body: Record<string, unknown>): Promise<CreatedShareLinkDTO>;
}

export function useShareStudio(kind: DbKind): ShareStudio {
  const h = { changes: [] as Change[], refs: [] as string[] } as ShareStudio;
  useStudio(kind, {
    references: { count: 3, seed: 1500 },
    ready: (s) => {
      h.rt = s.rt;
      h.refs = s.refs;
      installRuntime(s.rt);
    },
  });
  afterAll(() => installRuntime(undefined));
  beforeAll(async () => {
    h.editor = await addMember(h.rt, "editor", { name: "Edda Editor" });
    h.reviewer = await addMember(h.rt, "reviewer");
    const a = await submit(h.rt, {
      referenceIds: [h.refs[0]!, h.refs[1]!],
      prompt: "<IMAGE_REF_0> and <IMAGE_REF_1> walk. Lighthouse dawn.",
    });
    const b = await submit(h.rt, {
      referenceIds: [h.refs[2]!],
      prompt: "<IMAGE_REF_0> alone. Secret other clip.",
    });
    const group = await submit(h.rt, {
      referenceIds: [h.refs[0]!],
      prompt: "<IMAGE_REF_0> dances. Lighthouse night.",
      takes: 2,
    });
    h.clipA = await waitFor(h.rt, a.generation.id);
    h.clipB = await waitFor(h.rt, b.generation.id);
    h.takes = [];
    for (const g of group.generations) h.takes.push(await waitFor(h.rt, g.id));
    for (const g of [h.clipA, h.clipB, ...h.takes]) expect(g.status).toBe("completed");
    h.rt.changes.subscribe((e) => {
      if (typeof e === "object") h.changes.push(e);
    });
  }, 120_000);
  h.share = (body, who = h.editor) =>
    createRoute(call("POST", "/api/share-links", who.bearer, body), ctx({}));
  h.shareOk = async (body) => {
    const response = await h.share(body);
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as CreatedShareLinkDTO;
  };
  return h;
}
