import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { consumeInvitation, markInvitationAccepted } from "@/lib/accounts/invitations";
import { listensBeyondLoopback, type SetupGate } from "@/lib/accounts/setup";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { actorsChanged } from "./actor-cache";

// Accounts are better-auth's: email and password, sessions in the database (so "sign out everywhere" and
// a removed member take effect on the next request), its password hashing (scrypt) and its rate limiter,
// stored in the database so the limits hold across instances. What is the studio's own sits in the hooks:
//   - who may make an account: the first one (the owner, through the setup page and its code), then only
//     the holder of an invitation, whose role the account takes (lib/accounts/invitations.ts);
//   - a removed member (disabledAt) cannot start a session;
//   - changing a password always ends the account's other sessions;
//   - whatever its routes change (a sign-out, sessions revoked, a password, a name) is forgotten by the
//     cache of who is asking (lib/auth/actor-cache.ts) before the answer goes out.

export const COOKIE_PREFIX = "omni";
export const SESSION_DAYS = 30;
export const MIN_PASSWORD = 10;
/** Sign-in attempts allowed per client address per minute. */
export const SIGN_IN_PER_MINUTE = 5;
/**
 * better-auth's routes that leave every existing session and account as it was, so nothing remembered
 * about who is asking goes stale: reads, and making a new session or account (a sign-in, a sign-up). Every
 * other route (sign-out, revoking sessions, a password or name change...) clears what is remembered.
 */
const LEAVES_SESSIONS_AS_THEY_WERE = new Set([
  "/get-session",
  "/list-sessions",
  "/ok",
  "/error",
  "/sign-in/email",
  "/sign-up/email",
]);

export interface AuthDeps {
  prisma: Db;
  secret: string;
  setup: SetupGate;
  /** The studio's public address when configured (PUBLIC_BASE_URL); otherwise taken from each request. */
  baseURL?: string;
  /** Whether the session cookie is `Secure` (and named `__Secure-...`): see secureCookies. */
  secureCookies: boolean;
  trustedProxies: string[];
  /** Sends (or hands to the caller) a password-reset link. */
  sendResetPassword?: (args: { email: string; name: string; url: string }) => Promise<void>;
  /** Same-origin rule of the studio's own routes (lib/http/origin.ts), for better-auth's CSRF check. */
  trustedOrigins: (request?: Request) => string[];
}

/**
 * Whether browsers will keep a `Secure` session cookie from this studio. They keep one only from https or
 * from loopback (localhost counts as secure), and better-auth decides once, at start, not per request.
 * With PUBLIC_BASE_URL the scheme is known. Without it, on loopback the browser is on this machine or
 * behind a TLS proxy on it, and Secure works; beyond loopback browsers reach the studio directly, over
 * plain http, and would drop a Secure cookie: nobody could stay signed in.
 */
export function secureCookies(publicBaseUrl: string | undefined, hostname: string): boolean {
  if (publicBaseUrl) return new URL(publicBaseUrl).protocol === "https:";
  return !listensBeyondLoopback(hostname);
}

/** Turns an AppError raised in a hook into better-auth's error, keeping code and message. */
function refuse(err: unknown): never {
  if (err instanceof AppError) {
    const status = err.status === 403 ? "FORBIDDEN" : err.status === 404 ? "NOT_FOUND" : "BAD_REQUEST";
    throw new APIError(status, { code: err.code, message: err.message });
  }
  throw err;
}

export function createAuth(deps: AuthDeps) {
  const { prisma, setup } = deps;
  // The invitation a sign-up used, from its before-hook to its after-hook (same endpoint context).
  const usedInvitation = new WeakMap<object, string>();
  return betterAuth({
    appName: "Omni Studio",
    secret: deps.secret,
    ...(deps.baseURL ? { baseURL: deps.baseURL } : {}),
    basePath: "/api/auth",
    trustedOrigins: async (request) => deps.trustedOrigins(request),
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    telemetry: { enabled: false },
    // Failed sign-ins are answered (and throttled), not logged one by one.
    logger: { level: "error" },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD,
      maxPasswordLength: 256,
      autoSignIn: true,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      ...(deps.sendResetPassword
        ? {
            sendResetPassword: async ({ user, url }) => {
              await deps.sendResetPassword?.({ email: user.email, name: user.name, url });
            },
          }
        : {}),
    },
    session: {
      expiresIn: SESSION_DAYS * 86_400,
      updateAge: 86_400,
      // No cookie cache: a copy in the browser is out of the server's reach, and signing out, a removal or
      // a role change must take effect on the next request. The server remembers answers instead, and
      // forgets them on every such change (lib/auth/actor-cache.ts).
      cookieCache: { enabled: false },
    },
    user: {
      additionalFields: {
        role: { type: "string", input: false, required: false, defaultValue: "reviewer" },
        disabledAt: { type: "date", input: false, required: false },
      },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: SIGN_IN_PER_MINUTE },
        "/sign-up/email": { window: 60, max: 10 },
        "/request-password-reset": { window: 60, max: 5 },
        "/change-password": { window: 60, max: 10 },
      },
    },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      // Otherwise better-auth makes it Secure whenever NODE_ENV is production, even on plain http.
      useSecureCookies: deps.secureCookies,
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"], trustedProxies: deps.trustedProxies },
      database: { generateId: () => crypto.randomUUID() },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Changing a password ends every other session of the account, whatever the client asked.
        if (ctx.path === "/change-password" && ctx.body && typeof ctx.body === "object") {
          return { context: { body: { ...ctx.body, revokeOtherSessions: true } } };
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (!LEAVES_SESSIONS_AS_THEY_WERE.has(ctx.path)) actorsChanged(prisma);
      }),
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user, ctx) => {
            const body = (ctx?.body ?? {}) as { setupCode?: unknown; invitation?: unknown };
            try {
              if (await setup.needsSetup()) {
                if (!(await setup.checkCode(body.setupCode))) {
                  throw new AppError(
                    "setup_code_required",
                    "setupCode: enter the setup code printed in the server's log when it started.",
                    403,
                  );
                }
                if (await setup.claim()) return { data: { ...user, role: "owner" } };
              }
              if (typeof body.invitation !== "string") {
                throw new AppError(
                  "invitation_required",
                  "Accounts here are made by invitation: ask the studio's owner or an admin for an invitation link.",
                  403,
                );
              }
              const invitation = await consumeInvitation(prisma, body.invitation);
              if (ctx) usedInvitation.set(ctx, invitation.id);
              return { data: { ...user, role: invitation.role } };
            } catch (err) {
              refuse(err);
            }
          },
          after: async (user, ctx) => {
            if ((user as { role?: string }).role === "owner") {
              await setup.complete(user.id);
              return;
            }
            const invitationId = ctx ? usedInvitation.get(ctx) : undefined;
            if (invitationId) await markInvitationAccepted(prisma, invitationId, user.id);
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            const user = await prisma.user.findUnique({
              where: { id: session.userId },
              select: { disabledAt: true },
            });
            if (!user || user.disabledAt) {
              throw new APIError("FORBIDDEN", {
                code: "account_removed",
                message:
                  "This account was removed from the team; ask the studio's owner if that is a mistake.",
              });
            }
          },
        },
      },
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
