// Browser-safe building blocks of the request schemas: record ids, visible text, and field errors.
import * as z from "zod/mini";

/** The shape of every record id (lib/ids.ts makes 21 characters; imported and older ids fit too). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** A record id, named in its message as `what` ("generationId", "the clip id"...). */
export const idSchema = (what: string, invalid = `${what} is not valid`) =>
  z.string({ error: `${what} is required` }).check(z.regex(ID_PATTERN, invalid));

/**
 * Characters that show nothing on their own: whitespace, control and format characters, and Unicode's
 * default-ignorable ones (zero-width space and joiners, word joiner, byte order mark, bidi marks,
 * fillers, variation selectors), plus the blank braille pattern.
 */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** Whether the text shows at least one character (a prompt of zero-width spaces does not). */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, "").length > 0;
}

/** A check for text that must show something: `message` names the field, e.g. "prompt must not be empty". */
export const visibleText = (message: string) => z.refine<string>(hasVisibleText, message);

/** Field -> first message, for forms and `{ error: { fields } }` answers. */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_";
    out[key] ??= issue.message;
  }
  return out;
}
