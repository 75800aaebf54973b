"use client";

import { useQuery } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useLayoutEffect, useRef } from "react";
import { spliceTag } from "@/lib/client/draft";
import { sentence } from "@/lib/client/format";
import { healthQueryOptions } from "@/lib/client/queries";
import { useComposer } from "@/lib/client/use-composer";
import { GenerateBar } from "./generate-bar";
import { PromptField } from "./prompt-field";
import { ReferenceTray } from "./reference-tray";
import { SettingsFields } from "./settings-fields";

/** The composer card: references, prompt, settings, cost and Generate. Server errors sit by their field. */
export function Composer() {
  const composer = useComposer();
  const { draft, dispatch, validation } = composer;
  const { data: health } = useQuery(healthQueryOptions);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);

  // After Insert, put the caret right after the new tag once React has written the value.
  useLayoutEffect(() => {
    const el = textarea.current;
    if (pendingCaret.current === null || !el || el.value !== draft.prompt) return;
    el.focus();
    el.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [draft.prompt]);

  function insertTag(index: number) {
    const el = textarea.current;
    const start = el?.selectionStart ?? draft.prompt.length;
    const end = el?.selectionEnd ?? start;
    const next = spliceTag(draft.prompt, start, end, index);
    pendingCaret.current = next.caret;
    dispatch({ type: "prompt/changed", prompt: next.prompt });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    composer.generate();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      composer.generate();
    }
  }

  const server = draft.serverErrors;
  const show = (message: string | undefined) => (message ? sentence(message) : undefined);
  // Empty fields are explained by the Generate hint; real mistakes (a tag with no image, an over-long
  // prompt) show at once by the field, as do the server's answers.
  const promptError = show(server.prompt ?? (draft.prompt.trim() ? validation.errors.prompt : undefined));
  const generalError = show(server._ ?? server.idempotencyKey);

  return (
    <form
      aria-label="Composer"
      data-testid="composer"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
      className="flex flex-col gap-5 rounded-card border border-ink-700 bg-ink-900 p-4 shadow-[0_20px_60px_-30px_rgba(0,0,0,0.8)] sm:p-5"
    >
      <ReferenceTray
        references={draft.references}
        notices={composer.notices}
        error={show(server.referenceIds)}
        onFiles={composer.addFiles}
        onRejected={composer.notify}
        onDismissNotice={composer.dismissNotice}
        onInsert={insertTag}
        onRemove={composer.removeReference}
      />
      <PromptField
        value={draft.prompt}
        onChange={(prompt) => dispatch({ type: "prompt/changed", prompt })}
        referenceCount={draft.references.length}
        error={promptError}
        textareaRef={textarea}
      />
      <SettingsFields
        duration={draft.duration}
        aspectRatio={draft.aspectRatio}
        onDuration={(duration) => dispatch({ type: "duration/changed", duration })}
        onAspectRatio={(aspectRatio) => dispatch({ type: "aspect/changed", aspectRatio })}
        errors={{ duration: show(server.duration), aspectRatio: show(server.aspectRatio) }}
      />
      <GenerateBar
        provider={health?.provider.id}
        duration={draft.duration}
        blocker={validation.blocker}
        isSubmitting={composer.isSubmitting}
        error={generalError}
        startedId={composer.startedId}
      />
    </form>
  );
}
