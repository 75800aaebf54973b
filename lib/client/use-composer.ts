"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from "react";
import { toast } from "sonner";
import { createGenerationAction } from "@/app/actions";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { AspectRatio, ProviderId, ThinkingLevel } from "@/lib/generations/limits";
import type { CreateGenerationRequest } from "@/lib/generations/schema";
import type { ActionResult } from "@/lib/http/types";
import type { ModelVersionId, Resolution } from "@/lib/models/profiles";
import { useCurrentProject } from "./current-project";
import {
  type Draft,
  type DraftAction,
  draftReducer,
  initialDraft,
  isDraftEmpty,
  type PromptEdit,
} from "./draft";
import { readStoredDraft, writeStoredDraft } from "./draft-storage";
import { newIdempotencyKey } from "./idempotency";
import { chosenProvider, providerOptions } from "./providers";
import { healthQueryOptions, studioKeys, upsertGeneration } from "./queries";
import { cleanReferenceName, defaultReferenceName, looksLikeVideo, type VideoLimit } from "./reference-files";
import { spendKey } from "./spend";
import { useClipSettings } from "./use-clip-settings";
import { useInsertCharacter } from "./use-insert-character";
import { useReferenceFiles } from "./use-reference-files";
import { useReferenceVideos } from "./use-reference-videos";
import { useShotEdit } from "./use-shot-edit";
import { useVideoHandoff } from "./use-video-handoff";
import { loadSchemaCheck, type SchemaCheck, validateDraft } from "./validate-draft";
import { chosenVersion, draftResolution, type ImageLimit, imageLimit, videoLimit } from "./versions";

export interface Notice {
  id: number;
  message: string;
}

type Generations = { generation: GenerationDTO; generations: GenerationDTO[] };

let noticeSeq = 0;

/**
 * The composer's state and behaviour: a draft that survives reloads, uploads with progress, reorder and
 * remove with renumbered tags (undoable), the prompt's undo, the provider, model version and tier (whose
 * limits the tray, the durations and the checks read), validation with the server's schema and the
 * version's limits, a submit that runs once ("Draft at 360p" too), and "Use these settings" from a clip.
 */
export function useComposer() {
  const queryClient = useQueryClient();
  const [draft, rawDispatch] = useReducer(draftReducer, undefined, () => initialDraft(newIdempotencyKey()));
  // Mirrors the reducer synchronously, so handlers that run between renders see every dispatched change.
  const draftRef = useRef<Draft>(draft);
  const dispatch = useCallback((action: DraftAction) => {
    draftRef.current = draftReducer(draftRef.current, action);
    rawDispatch(action);
  }, []);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [restored, setRestored] = useState(false);
  const [started, setStarted] = useState<GenerationDTO[] | null>(null);
  const durationChosen = useRef(false);

  const refuse = useCallback((message: string) => {
    // Shown as one summary (upload-notices.tsx), so a batch of refusals keeps every reason.
    setNotices((list) => [...list.slice(-49), { id: ++noticeSeq, message }]);
    toast.error(message);
  }, []);
  const dismissNotices = useCallback(
    (ids: number[]) => setNotices((l) => l.filter((n) => !ids.includes(n.id))),
    [],
  );
  // The chosen version's image limit, read by the file checks between renders.
  const limitRef = useRef<ImageLimit>({ max: 5 });
  const files = useReferenceFiles(draftRef, dispatch, refuse, limitRef);
  // The chosen version's video limit (null videos where it takes none), and its id for the upload.
  const videoLimitRef = useRef<VideoLimit & { model?: string }>({ version: "This version", videos: null });
  const videoFiles = useReferenceVideos(draftRef, dispatch, refuse, videoLimitRef);
  /**
   * Files in the order given: videos to the video list, everything else checked as an image. Pasted
   * clipboard images are named "pasted 1", "pasted 2", ...
   */
  const addFiles = useCallback(
    async (list: readonly File[], options: { pasted?: boolean } = {}) => {
      for (const file of list) {
        if (looksLikeVideo(file)) await videoFiles.addVideo(file);
        else await files.addFiles([file], options);
      }
    },
    [files, videoFiles],
  );

  // Restore the stored draft before the first paint after hydration; save every change after that.
  useLayoutEffect(() => {
    const stored = readStoredDraft();
    if (stored && !isDraftEmpty(stored.content)) {
      durationChosen.current = true;
      dispatch({ type: "draft/replaced", content: stored.content, idempotencyKey: stored.idempotencyKey });
    }
    setRestored(true);
  }, [dispatch]);
  useEffect(() => {
    if (restored) writeStoredDraft(draft);
  }, [draft, restored]);

  // The providers the server offers and the one this draft uses (its pick, else the server's default).
  const { data: health } = useQuery(healthQueryOptions);
  const providers = useMemo(() => providerOptions(health), [health]);
  const provider = chosenProvider(providers, draft.provider, health?.provider.id);
  const providerRef = useRef(provider);
  providerRef.current = provider;
  // Its version this draft uses (the draft's pick, else the provider's default), and the tray's limit.
  const version = chosenVersion(provider, draft.version);
  const limit = useMemo(() => imageLimit(provider, version), [provider, version]);
  limitRef.current = limit;
  const videos = useMemo(() => videoLimit(provider, version), [provider, version]);
  videoLimitRef.current = { ...videos, model: version?.id };

  // The version's default duration (8 s on fal, 10 s on AtlasCloud), unless the user (or a restored
  // draft) already chose one.
  const providerDefault = version?.durations.default;
  useEffect(() => {
    if (!restored || durationChosen.current || !providerDefault) return;
    if (draftRef.current.duration !== providerDefault)
      dispatch({ type: "duration/changed", duration: providerDefault });
  }, [restored, providerDefault, dispatch]);

  const removeReference = useCallback(
    (key: string) => {
      const before = draftRef.current;
      const kind = before.videos.some((r) => r.key === key) ? ("video" as const) : ("image" as const);
      const list = kind === "video" ? before.videos : before.references;
      const index = list.findIndex((r) => r.key === key);
      const ref = list[index];
      if (!ref) return;
      files.abort(key);
      videoFiles.abort(key);
      dispatch({ type: "references/removed", key });
      if (ref.status === "failed") return;
      if (ref.status !== "ready") {
        toast(`Upload of ${ref.fileName} canceled`);
        return;
      }
      const promptAfter = draftRef.current.prompt;
      const tagsRemoved = before.prompt !== promptAfter;
      toast(`Removed ${ref.name}`, {
        description: tagsRemoved ? "Its tags left the prompt; later tags were renumbered." : undefined,
        action: {
          label: "Undo",
          onClick: () =>
            dispatch({
              type: "references/restored",
              reference: ref,
              index,
              kind,
              before: { prompt: before.prompt, history: before.history },
              promptAfter,
            }),
        },
      });
    },
    [dispatch, files, videoFiles],
  );

  const moveReference = useCallback(
    (from: number, to: number) => dispatch({ type: "references/moved", from, to }),
    [dispatch],
  );
  const moveVideo = useCallback(
    (from: number, to: number) => dispatch({ type: "references/moved", from, to, kind: "video" }),
    [dispatch],
  );
  const renameReference = useCallback(
    (key: string, name: string, final = false) => {
      const { references, videos } = draftRef.current;
      const ref = references.find((r) => r.key === key) ?? videos.find((r) => r.key === key);
      if (!ref) return;
      const cleaned = final
        ? cleanReferenceName(name) || defaultReferenceName(ref.fileName)
        : name.slice(0, 40);
      if (cleaned !== ref.name) dispatch({ type: "references/renamed", key, name: cleaned });
    },
    [dispatch],
  );

  const editPrompt = useCallback(
    (edit: PromptEdit) => dispatch({ type: "prompt/edited", ...edit, at: Date.now() }),
    [dispatch],
  );

  const setDuration = useCallback(
    (duration: number) => {
      durationChosen.current = true;
      dispatch({ type: "duration/changed", duration });
    },
    [dispatch],
  );
  const setAspectRatio = useCallback(
    (aspectRatio: AspectRatio) => dispatch({ type: "aspect/changed", aspectRatio }),
    [dispatch],
  );
  const setTakes = useCallback((takes: number) => dispatch({ type: "takes/changed", takes }), [dispatch]);
  const setProvider = useCallback(
    (provider: ProviderId) => dispatch({ type: "provider/changed", provider }),
    [dispatch],
  );
  const setVersion = useCallback(
    (version: ModelVersionId) => dispatch({ type: "version/changed", version }),
    [dispatch],
  );
  const setResolution = useCallback(
    (resolution: Resolution) => dispatch({ type: "resolution/changed", resolution }),
    [dispatch],
  );
  const setSeedText = useCallback(
    (seedText: string) => dispatch({ type: "seed/changed", seedText }),
    [dispatch],
  );
  const setThinkingLevel = useCallback(
    (thinkingLevel: ThinkingLevel) => dispatch({ type: "thinking/changed", thinkingLevel }),
    [dispatch],
  );

  // "Use these settings": a clip's inputs replace the draft, after asking when there is one to lose.
  const onReplaced = useCallback(() => {
    files.abortAll();
    videoFiles.abortAll();
    durationChosen.current = true;
  }, [files, videoFiles]);
  const clipSettings = useClipSettings({ restored, draftRef, dispatch, onReplaced });
  // "Edit in composer" from a storyboard: Generate makes that shot's takes (with its notes in the prompt).
  const shotEdit = useShotEdit({ restored, draftRef, dispatch, onReplaced });
  const shotRef = useRef(shotEdit.shot);
  shotRef.current = shotEdit.shot;

  const abortUpload = useCallback(
    (key: string) => {
      files.abort(key);
      videoFiles.abort(key);
    },
    [files, videoFiles],
  );
  const characters = useInsertCharacter({
    draftRef,
    dispatch,
    refuse,
    limitRef,
    provider,
    abort: abortUpload,
  });

  const addReferenceVideo = useVideoHandoff({
    restored,
    provider,
    draftRef,
    dispatch,
    refuse,
  });

  // The server's schema checks the draft from the moment it has content; it loads on that first change.
  const [schemaCheck, setSchemaCheck] = useState<SchemaCheck | null>(null);
  const hasContent = draft.references.length > 0 || draft.videos.length > 0 || draft.prompt.trim() !== "";
  useEffect(() => {
    if (!hasContent || schemaCheck) return;
    let live = true;
    void loadSchemaCheck().then((check) => {
      if (live) setSchemaCheck(() => check);
    });
    return () => {
      live = false;
    };
  }, [hasContent, schemaCheck]);
  // New clips go into the header's current project (the default one under "All projects").
  const { newClipProjectId: projectId } = useCurrentProject();
  const projectRef = useRef(projectId);
  projectRef.current = projectId;
  const validation = useMemo(
    () => validateDraft(draft, provider, schemaCheck, { projectId }, shotEdit.shot),
    [draft, provider, schemaCheck, projectId, shotEdit.shot],
  );

  const submit = useMutation({
    mutationFn: (input: CreateGenerationRequest): Promise<ActionResult<Generations>> =>
      createGenerationAction(input),
  });
  // Guards the gap between a click and React disabling the button.
  const submitting = useRef(false);
  /** Sends the draft once; `resolution` renders this one request at another tier ("Draft at 360p"). */
  const generate = useCallback(
    async (override: { resolution?: Resolution } = {}) => {
      if (submitting.current) return;
      submitting.current = true;
      let sent = false;
      try {
        const check = validateDraft(
          draftRef.current,
          providerRef.current,
          await loadSchemaCheck(),
          { ...override, projectId: projectRef.current },
          shotRef.current,
        );
        if (check.blocker) return;
        sent = true;
        let result = await submit.mutateAsync(check.input);
        if (!result.ok && result.error.code === "idempotency_conflict") {
          // An earlier answer was lost and the draft changed since: these inputs were never sent.
          const idempotencyKey = newIdempotencyKey();
          dispatch({ type: "key/rotated", idempotencyKey });
          result = await submit.mutateAsync({ ...check.input, idempotencyKey });
        }
        if (result.ok) {
          for (const g of [...result.generations].reverse()) upsertGeneration(queryClient, g);
          setStarted(result.generations);
          dispatch({ type: "submit/accepted", nextIdempotencyKey: newIdempotencyKey() });
          const n = result.generations.length;
          toast.success(n > 1 ? `Started ${n} takes` : "Started", {
            description: "Your draft is kept for the next variation.",
          });
        } else {
          setStarted(null);
          dispatch({ type: "submit/rejected", errors: result.error.fields ?? { _: result.error.message } });
          toast.error("Not started", { description: result.error.message });
        }
      } catch {
        // The same key is kept, so trying again cannot create a second job.
        const message = "Could not reach the studio server. Your draft is kept; try again.";
        dispatch({ type: "submit/rejected", errors: { _: message } });
        toast.error(message);
      } finally {
        submitting.current = false;
        if (sent) {
          void queryClient.invalidateQueries({ queryKey: studioKeys.generations });
          void queryClient.invalidateQueries({ queryKey: spendKey });
        }
      }
    },
    [dispatch, queryClient, submit],
  );

  return {
    draft,
    restored,
    validation,
    notices,
    dismissNotices,
    refuse,
    addFiles,
    removeReference,
    moveReference,
    moveVideo,
    /** A video waiting for its range on the scrubber, or null. */
    trim: videoFiles.trim,
    renameReference,
    editPrompt,
    undoPrompt: useCallback(
      (selection: { start: number; end: number }) => dispatch({ type: "prompt/undo", selection }),
      [dispatch],
    ),
    redoPrompt: useCallback(
      (selection: { start: number; end: number }) => dispatch({ type: "prompt/redo", selection }),
      [dispatch],
    ),
    setDuration,
    setAspectRatio,
    setTakes,
    setProvider,
    setVersion,
    setResolution,
    setSeedText,
    setThinkingLevel,
    generate,
    /** The tier "Draft at 360p" renders at, where the version offers it; null hides the button. */
    draftTier: draftResolution(version),
    isSubmitting: submit.isPending,
    started,
    /** Every configured provider; the composer offers a choice when there is more than one. */
    providers,
    /** The provider this draft generates with; undefined until the server has said which it has. */
    provider,
    /** The version this draft generates with, and how many images it takes. */
    version,
    imageLimit: limit,
    /** What the version takes in videos (none on the first version and AtlasCloud). */
    videoLimit: videos,
    /** `?referenceVideo=<assetId>`: a stored video joins the draft. */
    addReferenceVideo,
    /** Inserting a saved character: `request` opens its dialog; `forMention` serves the `@` menu. */
    characters,
    /** The storyboard shot being edited (`?shot=<id>`), and Save to shot (the draft, notes apart). */
    shotEdit,
    saveToShot: useCallback(
      () => shotEdit.save(validateDraft(draftRef.current, providerRef.current, null).input),
      [shotEdit],
    ),
    ...clipSettings,
  };
}

export type Composer = ReturnType<typeof useComposer>;
