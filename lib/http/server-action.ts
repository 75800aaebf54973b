import "server-only";
import { headers } from "next/headers";
import type * as z from "zod/mini";
import { type Actor, forbidden, hasRole, type Role, unauthorized } from "@/lib/auth/actor";
import { resolveActor } from "@/lib/auth/session";
import { parseInput } from "@/lib/validation/parse";
import { mapError } from "./errors";
import type { ActionResult } from "./types";

// Every server action is a public POST endpoint (any page path runs it, picked by the Next-Action header),
// so each one goes through serverAction, which in order:
//   1. resolves the caller from the request's cookie or bearer token (lib/auth/session.ts resolveActor)
//      and refuses one without access, or whose role is below `role`; this does not rely on proxy.ts;
//   2. parses each argument with its schema (lib/validation/parse.ts), so `run` gets typed values;
//   3. runs, and turns anything thrown into `{ ok: false, error }` with the same mapper as the routes
//      (lib/http/errors.ts mapError): expected failures keep their code and message, internals stay in
//      the server log.
// Accounts and roles (next issue) change only resolveActor: `role` is already each action's requirement,
// and `run` gets the actor (ctx.actor) to record who did what and to check ownership.

export interface ActionContext {
  actor: Actor;
  /** The request's headers (for the address a copied link should carry); read through the wrapper. */
  headers: () => Promise<Headers>;
}

export interface ActionOptions<A extends readonly z.ZodMiniType[]> {
  /** The least role that may call it (lib/auth/actor.ts ROLES). */
  role: Role;
  /** One schema per argument the client passes, in order. */
  args: A;
}

type Parsed<A extends readonly z.ZodMiniType[]> = { [K in keyof A]: z.infer<A[K]> };
/** What the browser may send: anything, checked here. */
type Raw<A extends readonly z.ZodMiniType[]> = { [K in keyof A]: unknown };

async function requestHeaders(): Promise<Headers> {
  return new Headers(await headers());
}

/** Each action's body with its headers source open, for invokeWithHeaders (tests, the role matrix). */
const withHeaders = new WeakMap<
  (...args: never[]) => unknown,
  (readHeaders: () => Promise<Headers>, raw: unknown[]) => Promise<unknown>
>();

export function serverAction<const A extends readonly z.ZodMiniType[], T extends object>(
  options: ActionOptions<A>,
  run: (ctx: ActionContext, ...args: Parsed<A>) => Promise<T>,
): (...args: Raw<A>) => Promise<ActionResult<T>> {
  const execute = async (readHeaders: () => Promise<Headers>, raw: unknown[]): Promise<ActionResult<T>> => {
    try {
      const actor = await resolveActor(readHeaders);
      if (!actor) throw unauthorized();
      if (!hasRole(actor, options.role)) throw forbidden(options.role);
      const args = options.args.map((schema, i) => parseInput(schema, raw[i])) as Parsed<A>;
      return { ok: true, ...(await run({ actor, headers: readHeaders }, ...args)) };
    } catch (err) {
      return { ok: false, ...mapError(err).body };
    }
  };
  const action = (...raw: Raw<A>) => execute(requestHeaders, raw as unknown[]);
  withHeaders.set(action as (...args: never[]) => unknown, execute);
  return action;
}

/**
 * Runs an action as a request with these headers would (a session cookie, a bearer token, or none):
 * every check the action makes in a request runs the same, only the headers come from the caller. For
 * tests, which run outside a request (where next/headers has nothing to read).
 */
export function invokeWithHeaders<T>(
  action: (...args: never[]) => Promise<T>,
  headers: HeadersInit,
  ...raw: unknown[]
): Promise<T> {
  const execute = withHeaders.get(action);
  if (!execute) throw new Error("not a serverAction");
  return execute(async () => new Headers(headers), raw) as Promise<T>;
}
