"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { type FormEvent, type KeyboardEvent, Suspense, useCallback, useMemo, useRef } from "react";
import { CharacterBar } from "@/components/composer/character-bar";
import type { ChipInfo } from "@/components/composer/editor-dom";
import { HandoffParam, insertCharacterById } from "@/components/composer/handoff-param";
import { InsertCharacterDialog } from "@/components/composer/insert-character-dialog";
import { PayloadView } from "@/components/composer/payload-view";
import type { PromptEditorHandle } from "@/components/composer/prompt-editor";
import { ReplaceDraftDialog } from "@/components/composer/replace-draft-dialog";
import { ShotBanner } from "@/components/composer/shot-banner";
import { useDocumentPaste } from "@/components/composer/use-document-paste";
import { dropTags } from "@/lib/client/draft";
import { sentence } from "@/lib/client/format";
import { buildPayload, imagesField, videosField } from "@/lib/client/payload";
import { fixMalformedTags } from "@/lib/client/prompt-model";
import { charactersQueryOptions } from "@/lib/client/review";
import { useComposer } from "@/lib/client/use-composer";
import { MAX_PROMPT_CHARS } from "@/lib/generations/limits";
import { outOfRangeTags, outOfRangeVideoTags, type RefKind } from "@/lib/generations/tags";
import { GenerateBar } from "./generate-bar";
import { PromptField } from "./prompt-field";
import { ProviderControls, ProviderPicker } from "./provider-fields";
import { ReferenceTray } from "./reference-tray";
import { SettingsFields } from "./settings-fields";
import { settingsSummary } from "./settings-summary";
import { ResolutionPicker, VersionPicker } from "./version-fields";

// The trim scrubber loads the first time a video longer than the version keeps is added, never before.
const VideoTrimmer = dynamic(() => import("./video-trimmer").then((m) => m.VideoTrimmer), { ssr: false });

/** The composer card: references, prompt, settings, cost and Generate. Server errors sit by their field. */
export function Composer() {
  const c = useComposer();
  const insertCharacter = useCallback(
    (id: string) => insertCharacterById(id, c.characters.request),
    [c.characters.request],
  );
  const { draft, validation } = c;
  const { version, resolution, issues } = validation;
  const versions = c.provider?.versions ?? [];
  const form = useRef<HTMLFormElement>(null);
  const editor = useRef<PromptEditorHandle>(null);
  useDocumentPaste(form, c.addFiles);

  // Images, then videos (a video's chip shows its still poster: a chip is too small for motion).
  const chips = useMemo<ChipInfo[]>(
    () => [
      ...draft.references.map((r, index) => ({
        kind: "image" as const,
        index,
        name: r.name || r.fileName,
        thumbUrl: r.previewUrl || null,
      })),
      ...draft.videos.map((r, index) => ({
        kind: "video" as const,
        index,
        name: r.name || r.fileName,
        thumbUrl: r.asset ? (r.asset.video?.posterUrl ?? r.asset.thumbUrl) : null,
      })),
    ],
    [draft.references, draft.videos],
  );
  const keyToTag = useMemo(
    () =>
      new Map<string, { kind: RefKind; index: number }>([
        ...draft.references.map((r, index) => [r.key, { kind: "image" as const, index }] as const),
        ...draft.videos.map((r, index) => [r.key, { kind: "video" as const, index }] as const),
      ]),
    [draft.references, draft.videos],
  );
  const indexOfReference = useCallback((key: string) => keyToTag.get(key) ?? null, [keyToTag]);
  // Saved characters for the prompt's `@` menu, each shown by its main image.
  const { data: saved } = useQuery(charactersQueryOptions);
  const mentionCharacters = useMemo(
    () =>
      (saved ?? []).map((ch) => ({
        id: ch.id,
        name: ch.name,
        thumbUrl: (ch.images.find((i) => i.id === ch.mainImageId) ?? ch.images[0])?.thumbUrl ?? null,
      })),
    [saved],
  );
  const { forMention } = c.characters;
  const onMentionCharacter = useCallback(
    (id: string) => {
      const character = saved?.find((ch) => ch.id === id);
      return character ? forMention(character) : null;
    },
    [saved, forMention],
  );

  /** Whole-prompt rewrites (lint fixes) go through the editor's undo like any edit. */
  function rewrite(prompt: string) {
    if (prompt === draft.prompt) return;
    const end = prompt.length;
    c.editPrompt({
      prompt,
      before: { start: draft.caret.start, end: draft.caret.end },
      after: { start: end, end },
      kind: "other",
    });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void c.generate();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void c.generate();
    }
  }

  const server = draft.serverErrors;
  const show = (message: string | undefined) => (message ? sentence(message) : undefined);
  const count = draft.references.length;
  const videoCount = draft.videos.length;
  const blocking =
    Boolean(server.prompt) ||
    outOfRangeTags(draft.prompt, count).length > 0 ||
    outOfRangeVideoTags(draft.prompt, videoCount).length > 0 ||
    draft.prompt.length > MAX_PROMPT_CHARS;
  const origin = typeof window === "undefined" ? "" : window.location.origin;

  return (
    <form
      ref={form}
      aria-label="Composer"
      data-testid="composer"
      // Set once hydrated and the stored draft is restored: the composer takes input from here on.
      data-ready={c.restored || undefined}
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
      className="flex flex-col gap-4 rounded-card border border-ink-700 bg-ink-900 p-4 shadow-[0_20px_60px_-30px_rgba(0,0,0,0.8)] sm:p-5"
    >
      <Suspense fallback={null}>
        <HandoffParam name="use" onValue={c.requestUse} />
        <HandoffParam name="continue" onValue={c.requestContinue} />
        <HandoffParam name="referenceVideo" onValue={c.addReferenceVideo} />
        <HandoffParam name="insert" ready={c.restored} onValue={insertCharacter} />
        <HandoffParam name="shot" ready={c.restored} onValue={c.shotEdit.open} />
      </Suspense>
      {c.shotEdit.shot && (
        <ShotBanner
          shot={c.shotEdit.shot}
          saving={c.shotEdit.saving}
          onSave={c.saveToShot}
          onLeave={c.shotEdit.leave}
        />
      )}
      <ReferenceTray
        references={draft.references}
        videos={draft.videos}
        videoLimit={c.videoLimit}
        limit={c.imageLimit}
        notices={c.notices}
        error={show(
          server.referenceIds ??
            server.referenceNames ??
            server.referenceVideoIds ??
            server.referenceVideoNames ??
            issues.referenceIds ??
            issues.referenceVideoIds,
        )}
        onFiles={c.addFiles}
        onDismissNotices={c.dismissNotices}
        onInsert={(index, kind) => editor.current?.insertTag(index, kind)}
        onRemove={c.removeReference}
        onMove={c.moveReference}
        onMoveVideo={c.moveVideo}
        onRename={c.renameReference}
      />
      <PromptField
        value={draft.prompt}
        caret={draft.caret}
        chips={chips}
        blocking={blocking}
        serverError={show(server.prompt)}
        editorRef={editor}
        onEdit={c.editPrompt}
        onUndo={c.undoPrompt}
        onRedo={c.redoPrompt}
        onFiles={c.addFiles}
        indexOfReference={indexOfReference}
        characters={mentionCharacters}
        onMentionCharacter={onMentionCharacter}
        onFixMalformed={() => rewrite(fixMalformedTags(draft.prompt))}
        onRemoveOutOfRange={() =>
          rewrite(
            dropTags(
              dropTags(draft.prompt, (i) => i >= count),
              (i) => i >= videoCount,
              "video",
            ),
          )
        }
        payload={(id) => (
          <PayloadView
            id={id}
            provider={c.provider?.id}
            imagesField={imagesField(c.provider?.id, version)}
            videosField={videosField(c.provider?.id, version)}
            refusal={Object.values(issues)[0]}
            takes={draft.takes}
            references={chips}
            payload={buildPayload(
              {
                prompt: validation.input.prompt,
                aspectRatio: validation.input.aspectRatio,
                duration: draft.duration,
                references: draft.references.map((r) => ({ name: r.name, url: r.asset?.url ?? null })),
                videos: draft.videos.map((r) => ({ name: r.name, url: r.asset?.url ?? null })),
                seed: validation.input.seed,
                thinkingLevel: validation.input.thinkingLevel,
              },
              origin,
              { id: c.provider?.id, modelId: c.provider?.modelId, version, resolution },
            )}
          />
        )}
      />
      {/* Under the prompt, not between it and the tray: the prompt stays high in the column (issue 17). */}
      <CharacterBar references={draft.references} onInsert={c.characters.request} />
      {c.provider && (
        <ProviderPicker providers={c.providers} value={c.provider.id} onChange={c.setProvider} />
      )}
      {version && <VersionPicker versions={versions} value={version.id} onChange={c.setVersion} />}
      {version && (
        <ResolutionPicker
          version={version}
          value={resolution}
          onChange={c.setResolution}
          showFixed={versions.length > 1}
          error={show(server.resolution ?? issues.resolution)}
        />
      )}
      <SettingsFields
        id="composer-settings"
        duration={draft.duration}
        durations={version?.durations ?? { min: 3, max: 10 }}
        resolution={resolution}
        aspectRatio={draft.aspectRatio}
        takes={draft.takes}
        previewUrl={draft.references[0]?.previewUrl || null}
        onDuration={c.setDuration}
        onAspectRatio={c.setAspectRatio}
        onTakes={c.setTakes}
        errors={{
          duration: show(server.duration ?? issues.duration),
          aspectRatio: show(server.aspectRatio ?? issues.aspectRatio),
          takes: show(server.takes),
        }}
      />
      <ProviderControls
        provider={c.provider}
        seedText={draft.seedText}
        thinkingLevel={draft.thinkingLevel}
        onSeed={c.setSeedText}
        onThinkingLevel={c.setThinkingLevel}
        errors={{
          seed: show(server.seed) ?? validation.errors.seed,
          thinkingLevel: show(server.thinkingLevel ?? server.provider),
        }}
      />
      <GenerateBar
        provider={c.provider?.id}
        providerLabel={c.provider?.label}
        pricing={c.provider?.pricing}
        version={version}
        resolution={resolution}
        namesVersion={versions.length > 1 && version?.id !== versions[0]?.id}
        draftTier={c.draftTier}
        onDraft={() => {
          if (c.draftTier) void c.generate({ resolution: c.draftTier });
        }}
        duration={draft.duration}
        takes={draft.takes}
        blocker={validation.blocker}
        isSubmitting={c.isSubmitting}
        error={show(server._ ?? server.idempotencyKey)}
        started={c.started}
        summary={settingsSummary({
          duration: draft.duration,
          aspectRatio: draft.aspectRatio,
          takes: draft.takes,
          resolution: version && version.resolutions.length > 1 ? resolution : undefined,
          version: versions.length > 1 ? version?.label : undefined,
        })}
        onShowSettings={() => {
          const settings = document.getElementById("composer-settings");
          settings?.scrollIntoView({ block: "center", behavior: "smooth" });
          settings
            ?.querySelector<HTMLElement>('[role="radio"][aria-checked="true"]')
            ?.focus({ preventScroll: true });
        }}
      />
      {c.trim && <VideoTrimmer request={c.trim} />}
      <InsertCharacterDialog
        character={c.characters.pending}
        tray={draft.references}
        limit={c.imageLimit.max}
        video={c.characters.pending && c.characters.videoFate(c.characters.pending)}
        onInsert={c.characters.apply}
        onClose={c.characters.cancel}
      />
      <ReplaceDraftDialog
        source={c.pendingReplace?.source ?? null}
        continuing={c.pendingReplace?.continuing}
        onReplace={c.confirmReplace}
        onKeep={c.keepDraft}
      />
    </form>
  );
}
