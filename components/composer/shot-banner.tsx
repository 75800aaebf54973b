"use client";

import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import type { EditedShot } from "@/lib/client/use-shot-edit";

/**
 * Over the composer while it edits a storyboard shot: which shot, Save to shot (the draft becomes the
 * shot's content) and Back to storyboard (ends the edit). Generate meanwhile makes the shot's takes.
 */
export function ShotBanner({
  shot,
  saving,
  onSave,
  onLeave,
}: {
  shot: EditedShot;
  saving: boolean;
  onSave: () => void;
  onLeave: () => void;
}) {
  return (
    <section
      aria-label="Editing a storyboard shot"
      data-testid="shot-banner"
      className="flex flex-col gap-2 rounded-lg border border-accent/40 bg-accent/10 px-3 py-2.5 text-sm"
    >
      <p className="min-w-0 text-ink-100">
        Editing <span className="font-semibold">{shot.name}</span>{" "}
        <span className="text-ink-300">of {shot.sequenceTitle}</span>
        <span className="block text-xs text-ink-300">
          Generate makes this shot&rsquo;s takes at {shot.aspectRatio}
          {shot.cameraNote || shot.dialogue ? ", with its camera note and dialogue in the prompt" : ""}.
        </span>
      </p>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="primary" onClick={onSave} aria-disabled={saving || undefined}>
          {saving && <Spinner className="size-3.5" />} Save to shot
        </Button>
        <Link
          href={`/sequences/${shot.sequenceId}`}
          onClick={onLeave}
          className={buttonClasses("secondary", "sm")}
        >
          <ArrowLeftIcon className="size-3.5" /> Back to storyboard
        </Link>
      </div>
    </section>
  );
}
