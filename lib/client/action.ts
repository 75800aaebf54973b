import type { ActionResult } from "@/lib/http/types";

/** A server action's refusal, thrown so React Query and callers see a failure; keeps code and fields. */
export class ActionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

/** Awaits a server action and returns its value, or throws its `{ ok: false }` answer as an ActionError. */
export async function actionValue<T>(result: Promise<ActionResult<T>>): Promise<{ ok: true } & T> {
  const r = await result;
  if (!r.ok) throw new ActionError(r.error.code, r.error.message, r.error.fields);
  return r;
}
