"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { createGenerationAction } from "@/app/actions";
import {
  type CreateGenerationInput,
  createGenerationSchema,
  fieldErrors,
  MAX_REFERENCES,
} from "@/lib/generations/schema";
import { type Draft, type DraftReference, draftReducer, initialDraft } from "./draft";
import { sentence } from "./format";
import { newIdempotencyKey } from "./idempotency";
import { studioKeys, upsertGeneration } from "./queries";
import { uploadReference } from "./upload";

export interface Notice {
  id: number;
  message: string;
}

export interface Validation {
  /** Field errors of the current draft, from the same schema the server uses. */
  errors: Record<string, string>;
  /** Why Generate is disabled, in words; null when the draft can be submitted. */
  blocker: string | null;
  input: CreateGenerationInput;
}

export function validateDraft(draft: Draft): Validation {
  const ready = draft.references.filter((r) => r.asset);
  const input: CreateGenerationInput = {
    prompt: draft.prompt,
    referenceIds: ready.map((r) => r.asset!.id),
    duration: draft.duration,
    aspectRatio: draft.aspectRatio,
    idempotencyKey: draft.idempotencyKey,
  };
  const parsed = createGenerationSchema.safeParse(input);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const uploading = draft.references.length - ready.length;
  let blocker: string | null = null;
  if (uploading > 0) blocker = `Waiting for ${uploading} upload${uploading === 1 ? "" : "s"} to finish`;
  else if (draft.references.length === 0) blocker = "Add at least one reference image";
  else if (draft.prompt.trim() === "") blocker = "Write a prompt";
  else if (!parsed.success) blocker = sentence(Object.values(errors)[0] ?? "Check the form");
  return { errors, blocker, input };
}

let noticeSeq = 0;
let referenceSeq = 0;

/** The composer's state and behaviour: uploads with progress, validation, and a submit that runs once. */
export function useComposer() {
  const queryClient = useQueryClient();
  const [draft, dispatch] = useReducer(draftReducer, undefined, () => initialDraft(newIdempotencyKey()));
  const [notices, setNotices] = useState<Notice[]>([]);
  /** The last generation this composer started, for the "Started" confirmation. */
  const [started, setStarted] = useState<string | null>(null);
  const draftRef = useRef(draft);
  const uploads = useRef(new Map<string, AbortController>());
  useEffect(() => {
    draftRef.current = draft;
  }, [draft]);

  const notify = useCallback((message: string) => {
    setNotices((list) => [...list, { id: ++noticeSeq, message }]);
  }, []);
  const dismissNotice = useCallback(
    (id: number) => setNotices((list) => list.filter((n) => n.id !== id)),
    [],
  );

  const removeReference = useCallback((key: string) => {
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
    const ref = draftRef.current.references.find((r) => r.key === key);
    if (ref) URL.revokeObjectURL(ref.previewUrl);
    dispatch({ type: "references/removed", key });
  }, []);

  const upload = useCallback(
    async (ref: DraftReference, file: File) => {
      const controller = new AbortController();
      uploads.current.set(ref.key, controller);
      try {
        const asset = await uploadReference(file, {
          signal: controller.signal,
          onProgress: (progress) => dispatch({ type: "references/progress", key: ref.key, progress }),
        });
        const twin = draftRef.current.references.findIndex((r) => r.asset?.id === asset.id);
        if (twin >= 0) {
          notify(`${file.name} is the same image as <IMAGE_REF_${twin}>, so it was not added twice.`);
          removeReference(ref.key);
        } else {
          dispatch({ type: "references/uploaded", key: ref.key, asset });
        }
      } catch (err) {
        if (controller.signal.aborted) return;
        notify(`${file.name}: ${err instanceof Error ? err.message : "the upload failed."}`);
        removeReference(ref.key);
      } finally {
        uploads.current.delete(ref.key);
      }
    },
    [notify, removeReference],
  );

  const addFiles = useCallback(
    (files: readonly File[]) => {
      const room = MAX_REFERENCES - draftRef.current.references.length;
      const taken = files.slice(0, Math.max(0, room));
      for (const file of files.slice(taken.length)) {
        notify(`${file.name} was not added: a clip takes at most ${MAX_REFERENCES} reference images.`);
      }
      if (taken.length === 0) return;
      const items: DraftReference[] = taken.map((file) => ({
        key: `ref-${++referenceSeq}`,
        fileName: file.name,
        previewUrl: URL.createObjectURL(file),
        status: "uploading",
        progress: 0,
        asset: null,
      }));
      dispatch({ type: "references/added", items });
      items.forEach((item, i) => void upload(item, taken[i]!));
    },
    [notify, upload],
  );

  useEffect(() => {
    const inFlight = uploads.current;
    return () => {
      for (const controller of inFlight.values()) controller.abort();
    };
  }, []);

  const validation = useMemo(() => validateDraft(draft), [draft]);

  const submit = useMutation({
    mutationFn: (input: CreateGenerationInput) => createGenerationAction(input),
    onSuccess: (result) => {
      if (result.ok) {
        upsertGeneration(queryClient, result.generation);
        setStarted(result.generation.id);
        void queryClient.invalidateQueries({ queryKey: studioKeys.generations });
        dispatch({ type: "submit/accepted", nextIdempotencyKey: newIdempotencyKey() });
      } else {
        setStarted(null);
        dispatch({ type: "submit/rejected", errors: result.error.fields ?? { _: result.error.message } });
      }
    },
    onError: () => {
      // The same key is kept, so trying again cannot create a second job.
      dispatch({
        type: "submit/rejected",
        errors: { _: "Could not reach the studio server. Your draft is kept; try again." },
      });
    },
  });

  // Guards the gap between a click and React disabling the button.
  const submitting = useRef(false);
  const generate = useCallback(() => {
    if (submitting.current || validation.blocker) return;
    submitting.current = true;
    submit.mutate(validation.input, {
      onSettled: () => {
        submitting.current = false;
      },
    });
  }, [submit, validation]);

  return {
    draft,
    dispatch,
    notices,
    dismissNotice,
    addFiles,
    notify,
    removeReference,
    validation,
    generate,
    isSubmitting: submit.isPending,
    startedId: started,
  };
}

export type Composer = ReturnType<typeof useComposer>;
