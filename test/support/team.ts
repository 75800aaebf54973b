// The team's tests share this (members, tokens and invitations, spend caps): a studio with an owner, an
// admin and a reviewer signed in, route handlers called as Next.js calls them, and clip rows with a cost.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { GenerationStatus } from "@/lib/generations/limits";
import { addMember, type TestMember } from "./accounts";
import type { DbKind } from "./db";
import { type StudioFixture, useStudio } from "./fixture";
import { installRuntime } from "./runtime";

// biome-ignore lint/suspicious/noExplicitAny: any route's params
export type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

/** Calls a route handler the way Next.js does, signed in with `auth` (a member's session or bearer). */
export async function call(
  handler: Handler,
  auth: Record<string, string>,
  options: { method?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const response = await handler(
    new Request("http://studio.test/api/x", {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers: {
        host: "studio.test",
        ...auth,
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test reads of JSON answers
  const json: any = text ? JSON.parse(text) : null;
  return { status: response.status, json };
}

export interface Team {
  studio: StudioFixture;
  owner: TestMember;
  admin: TestMember;
  reviewer: TestMember;
  /** A clip row of `member`, as createGeneration leaves it, with its cost and status. */
  clip(
    member: TestMember | null,
    usd: number,
    status: GenerationStatus,
    extra?: { actualCostUsd?: number; createdAt?: Date; deletedAt?: Date },
  ): Promise<string>;
}

export function useTeam(kind: DbKind): Team {
  const studio = useStudio(kind, { ready: (s) => installRuntime(s.rt) });
  afterAll(() => installRuntime(undefined));
  const team = { studio } as Team;
  beforeAll(async () => {
    team.owner = await addMember(studio.rt, "owner", { name: "Olivia Owner" });
    team.admin = await addMember(studio.rt, "admin", { name: "Adam Admin" });
    team.reviewer = await addMember(studio.rt, "reviewer", { name: "Rita Reviewer" });
  });
  team.clip = async (member, usd, status, extra = {}) => {
    const id = randomUUID();
    await studio.db.prisma.generation.create({
      data: {
        id,
        status,
        provider: "fal",
        modelId: "test-model",
        prompt: "<IMAGE_REF_0> walks. Single continuous shot.",
        duration: 5,
        aspectRatio: "16:9",
        idempotencyKey: `members-${id}`,
        inputHash: "x",
        estimatedCostUsd: usd,
        createdById: member?.id ?? null,
        ...extra,
      },
    });
    return id;
  };
  return team;
}
