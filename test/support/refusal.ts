import { expect } from "vitest";

/** The AppError a call throws (it must throw), for its status, code, message and fields. */
export async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeTruthy();
  return err as { status: number; code: string; message: string; fields?: Record<string, string> };
}
