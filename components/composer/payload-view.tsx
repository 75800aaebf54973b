"use client";

import { toast } from "sonner";
import { FieldMessage } from "@/components/ui/field-message";
import { CopyIcon } from "@/components/ui/icons";
import { sentence } from "@/lib/client/format";
import { formatPayload, type ProviderPayload } from "@/lib/client/payload";
import { refTag } from "@/lib/generations/tags";
import type { ProviderId } from "@/lib/providers/types";
import type { ChipInfo } from "./editor-dom";

export interface PayloadViewProps {
  id: string;
  payload: ProviderPayload;
  /** The images, then the videos, in tag order. */
  references: readonly ChipInfo[];
  takes: number;
  provider: ProviderId | undefined;
  /** The field the images go in (the version's profile names it). */
  imagesField: string;
  /** The field the reference videos go in; null where the version takes none. */
  videosField?: string | null;
  /** What the chosen version would refuse in this draft, in the server's words; the studio will not send it. */
  refusal?: string;
}

/** The exact JSON the model's endpoint receives for this draft, with the images named in tag order. */
export function PayloadView(props: PayloadViewProps) {
  const { id, payload, references, takes, provider, imagesField, videosField, refusal } = props;
  const fieldOf = (r: ChipInfo) =>
    r.kind === "video" ? (videosField ?? "reference_video_urls") : imagesField;
  const json = formatPayload(payload);

  async function copy() {
    try {
      await navigator.clipboard.writeText(json);
      toast.success("Payload copied");
    } catch {
      toast.error("The browser did not allow copying; select the text instead.");
    }
  }

  return (
    <section
      id={id}
      aria-label="Payload"
      data-testid="payload-view"
      className="flex scroll-mt-24 flex-col gap-2 rounded-xl border border-ink-700 bg-ink-950/40 p-3"
    >
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-ink-300">
          {provider === "preview"
            ? "What fal would receive (the preview engine renders locally)"
            : provider === "atlas"
              ? "What AtlasCloud receives"
              : "What fal receives"}
          {takes > 1 ? `, once per take (${takes} requests).` : "."}
        </p>
        <button
          type="button"
          onClick={copy}
          className="flex h-7 shrink-0 items-center gap-1.5 rounded-md border border-ink-600 bg-ink-800 px-2 text-xs text-ink-100 hover:border-ink-400 focus-visible:outline-2 focus-visible:outline-accent-soft"
        >
          <CopyIcon className="size-3.5" />
          Copy
        </button>
      </div>
      {refusal && (
        <FieldMessage data-testid="payload-refusal">Not sent as it is: {sentence(refusal)}</FieldMessage>
      )}
      <pre
        data-testid="payload-json"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        tabIndex={0}
        className="max-h-64 overflow-auto whitespace-pre-wrap rounded-lg [overflow-wrap:anywhere] bg-ink-950 p-2.5 font-mono text-[11px] leading-5 text-ink-300 [scrollbar-width:thin] focus-visible:outline-2 focus-visible:outline-accent-soft"
      >
        {json}
      </pre>
      {references.length > 0 && (
        <ol className="flex flex-col gap-1 text-xs text-ink-400" aria-label="References in order">
          {references.map((r) => (
            <li
              key={`${r.kind}${r.index}`}
              className="flex min-w-0 items-center gap-2"
              data-testid={r.kind === "video" ? "payload-video" : "payload-image"}
            >
              <code className="shrink-0 font-mono text-[11px] text-ink-300">
                {fieldOf(r)}[{r.index}]
              </code>
              {r.thumbUrl && (
                // biome-ignore lint/performance/noImgElement: a stored thumbnail or local object URL
                <img src={r.thumbUrl} alt="" className="size-5 shrink-0 rounded object-cover" />
              )}
              <span className="min-w-0 truncate text-ink-100">{r.name}</span>
              <code className="ml-auto shrink-0 font-mono text-[10px] text-accent-soft">
                {refTag(r.kind, r.index)}
              </code>
            </li>
          ))}
        </ol>
      )}
      <p className="text-[11px] leading-4 text-ink-400">
        The URLs are the studio&apos;s stored copies; at submit the server sends the same bytes through the
        provider&apos;s own storage.
      </p>
    </section>
  );
}
