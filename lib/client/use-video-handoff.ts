"use client";

import { type RefObject, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import type { AssetDTO } from "@/lib/generations/dto";
import { videoTag } from "@/lib/generations/tags";
import type { Draft, DraftAction } from "./draft";
import { readyReference } from "./draft-storage";
import { getJson } from "./http";
import type { ProviderOption } from "./providers";
import { newReferenceKey } from "./use-reference-files";
import { chosenVersion, newestWithVideos } from "./versions";

/**
 * `/?referenceVideo=<assetId>` (other pages' "Use as reference video"): the stored video joins the draft's
 * reference videos, and nothing else in the draft changes, except the version when the chosen one takes
 * no videos: then the provider's newest that does is chosen, and the toast says so. Waits for the stored
 * draft and for the server's list of versions.
 */
export function useVideoHandoff(options: {
  restored: boolean;
  provider: ProviderOption | undefined;
  draftRef: RefObject<Draft>;
  dispatch: (action: DraftAction) => void;
  refuse: (message: string) => void;
}): (assetId: string) => void {
  const { restored, provider, draftRef, dispatch, refuse } = options;
  const [assetId, setAssetId] = useState<string | null>(null);
  const latest = useRef({ dispatch, refuse });
  latest.current = { dispatch, refuse };

  useEffect(() => {
    if (!restored || !assetId || !provider) return;
    const controller = new AbortController();
    const { dispatch, refuse } = latest.current;
    getJson<{ asset: AssetDTO }>(`/api/assets/${encodeURIComponent(assetId)}`, controller.signal)
      .then(({ asset }) => {
        setAssetId(null);
        if (asset.kind !== "video" || !asset.video) {
          refuse(`${asset.name} was not added: it is an image, not a video; add images in the tray.`);
          return;
        }
        const draft = draftRef.current;
        const same = draft.videos.findIndex((v) => v.asset?.id === asset.id);
        if (same >= 0) {
          toast(`${asset.name} is already ${videoTag(same)}`);
          return;
        }
        let version = chosenVersion(provider, draft.version);
        let switched: string | null = null;
        if (version && !version.videos) {
          const newest = newestWithVideos(provider);
          if (newest) {
            switched = `${version.label} takes no reference videos, so the draft now uses ${newest.label}.`;
            dispatch({ type: "version/changed", version: newest.id });
            version = newest;
          }
        }
        const max = version?.videos?.max ?? 0;
        if (version?.videos && draft.videos.length >= max) {
          refuse(`${asset.name} was not added: ${version.label} takes at most ${max} reference videos.`);
          return;
        }
        const ref = readyReference(asset, asset.name, newReferenceKey());
        dispatch({ type: "videos/added", items: [ref] });
        const tag = videoTag(draft.videos.length);
        toast.success(`Added ${ref.name} as ${tag}`, {
          description: switched ?? "Name it in the prompt with @ or its Insert button.",
        });
        if (!version?.videos) {
          refuse(
            `${ref.name} is kept in the draft, but ${version?.label ?? "this provider"} takes no reference videos: pick a version that does, or remove it.`,
          );
        }
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setAssetId(null);
        refuse(
          `The reference video could not be added: ${err instanceof Error ? err.message : "the studio did not answer"}`,
        );
      });
    return () => controller.abort();
  }, [restored, assetId, provider, draftRef]);

  return setAssetId;
}
