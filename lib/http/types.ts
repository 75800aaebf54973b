// JSON shapes of failures, shared by route handlers, server actions and the browser. Types only.

/** Every refused request and failed action says what went wrong in this shape. */
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** What server actions return: expected failures are values, not throws. */
export type ActionResult<T> = ({ ok: true } & T) | ({ ok: false } & ApiErrorBody);
