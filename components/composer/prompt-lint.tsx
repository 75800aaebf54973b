import { FieldMessage } from "@/components/ui/field-message";
import { formatCount } from "@/lib/client/format";
import { unmatchedMentions } from "@/lib/client/prompt-model";
import { MAX_PROMPT_CHARS } from "@/lib/generations/limits";
import {
  findMalformedTags,
  findMalformedVideoTags,
  imageTag,
  outOfRangeTags,
  outOfRangeVideoTags,
  unusedReferences,
  unusedVideoReferences,
  videoTag,
} from "@/lib/generations/tags";

export interface PromptLintProps {
  prompt: string;
  /** Reference names in tag order (tiles still uploading included: they will be there). */
  names: readonly string[];
  /** Reference video names in `<VIDEO_REF_n>` order (none when the draft has no videos). */
  videoNames?: readonly string[];
  /** Saved characters' names: `@Mara Kel` names one (the `@` menu inserts its tags). */
  characterNames?: readonly string[];
  /** The server's answer about the prompt, if the last submit was refused for it. */
  serverError?: string;
  onFixMalformed: () => void;
  onRemoveOutOfRange: () => void;
}

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

const fix =
  "ml-1 rounded font-medium underline underline-offset-2 hover:no-underline focus-visible:outline-2 focus-visible:outline-accent-soft";

/**
 * Live checks under the prompt: errors block Generate (a tag with no image, too long), warnings and
 * hints do not (a lookalike tag the model would read as text, a reference nothing names, an empty prompt).
 */
export function PromptLint({
  prompt,
  names,
  videoNames = [],
  characterNames = [],
  serverError,
  onFixMalformed,
  onRemoveOutOfRange,
}: PromptLintProps) {
  const n = names.length;
  const v = videoNames.length;
  const outOfRange = outOfRangeTags(prompt, n);
  const videosOutOfRange = outOfRangeVideoTags(prompt, v);
  const malformed = [...findMalformedTags(prompt), ...findMalformedVideoTags(prompt)].sort(
    (a, b) => a.start - b.start,
  );
  const unused = prompt.trim()
    ? [
        ...unusedReferences(prompt, n).map((i) => `${names[i]} (${imageTag(i)})`),
        ...unusedVideoReferences(prompt, v).map((i) => `${videoNames[i]} (${videoTag(i)})`),
      ]
    : [];
  const over = prompt.length - MAX_PROMPT_CHARS;
  const strays = unmatchedMentions(prompt, [...names, ...videoNames, ...characterNames]);

  return (
    <div className="flex flex-col gap-1" data-testid="prompt-lint">
      {serverError && (
        <FieldMessage id="prompt-error" data-testid="prompt-error">
          {serverError}
        </FieldMessage>
      )}
      {!serverError && outOfRange.length > 0 && (
        <FieldMessage id="prompt-error" data-testid="prompt-error">
          {list(outOfRange.map(imageTag))} {outOfRange.length === 1 ? "has" : "have"} no reference image:{" "}
          {n === 0
            ? "add an image first."
            : `with ${n} reference${n === 1 ? "" : "s"} use ${imageTag(0)}${n > 1 ? ` to ${imageTag(n - 1)}` : ""}.`}
          <button type="button" className={fix} onClick={onRemoveOutOfRange}>
            Remove {outOfRange.length === 1 ? "it" : "them"}
          </button>
        </FieldMessage>
      )}
      {!serverError && videosOutOfRange.length > 0 && (
        <FieldMessage
          id={outOfRange.length > 0 ? undefined : "prompt-error"}
          data-testid="prompt-video-error"
        >
          {list(videosOutOfRange.map(videoTag))} {videosOutOfRange.length === 1 ? "has" : "have"} no reference
          video:{" "}
          {v === 0
            ? "add a video first."
            : `with ${v} video${v === 1 ? "" : "s"} use ${videoTag(0)}${v > 1 ? ` to ${videoTag(v - 1)}` : ""}.`}
          <button type="button" className={fix} onClick={onRemoveOutOfRange}>
            Remove {videosOutOfRange.length === 1 ? "it" : "them"}
          </button>
        </FieldMessage>
      )}
      {over > 0 && (
        <FieldMessage data-testid="prompt-too-long">
          The prompt is {formatCount(over)} character{over === 1 ? "" : "s"} over the limit of{" "}
          {formatCount(MAX_PROMPT_CHARS)}.
        </FieldMessage>
      )}
      {malformed.length > 0 && (
        <FieldMessage tone="warning" data-testid="prompt-malformed">
          {list(malformed.map((m) => `“${m.raw.trim()}”`))} {malformed.length === 1 ? "is" : "are"} read as
          plain text, not a tag; tags are written exactly like {imageTag(0)}
          {v > 0 ? ` or ${videoTag(0)}` : ""}.
          {malformed.some((m) => /\d/.test(m.raw)) && (
            <button type="button" className={fix} onClick={onFixMalformed}>
              Fix
            </button>
          )}
        </FieldMessage>
      )}
      {strays.length > 0 && (
        <FieldMessage tone="hint" data-testid="prompt-unknown-mention">
          {list(strays)} {strays.length === 1 ? "names" : "name"} no reference, so the model reads{" "}
          {strays.length === 1 ? "it" : "them"} as plain text. Type @ and pick a reference from the list
          {n + v > 0 ? `, or rename a tile to match` : ""}.
        </FieldMessage>
      )}
      {unused.length > 0 && (
        <FieldMessage tone="hint" data-testid="prompt-unused">
          Not named in the prompt yet: {list(unused)}. A tag tells the model what each{" "}
          {v > 0 ? "reference" : "image"} is for.
        </FieldMessage>
      )}
      {!prompt.trim() && n + v > 0 && (
        <FieldMessage tone="hint" data-testid="prompt-empty">
          The prompt is empty. Describe one continuous shot; type @ to name a reference.
        </FieldMessage>
      )}
    </div>
  );
}
