"use client";

import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useRef, useState } from "react";
import {
  type SequenceCommentsSource,
  type SequenceCommentView,
  sequenceCommentsQueryOptions,
} from "@/lib/client/sequence-queries";
import type { Timeline } from "@/lib/client/sequence-timeline";
import { SequenceComments } from "./sequence-comments";
import { SequencePlayer, type SequencePlayerHandle } from "./sequence-player";

/**
 * The player and the review beside it, as the studio's watch page and a guest's sequence page both show
 * them: comment marks on the timeline, a comment form that follows the playhead, and a list whose items
 * seek. `aside` goes above the comments (the studio's export panel).
 */
export function SequenceReview({
  timeline,
  aspectRatio,
  source,
  canComment = true,
  refetchMs,
  aside,
}: {
  timeline: Timeline;
  aspectRatio: "16:9" | "9:16";
  source: SequenceCommentsSource;
  canComment?: boolean;
  /** Read the comments again this often (a guest has no live stream). */
  refetchMs?: number;
  aside?: ReactNode;
}) {
  const { data: comments = [] } = useQuery({
    ...sequenceCommentsQueryOptions<SequenceCommentView>(source),
    refetchInterval: refetchMs,
  });
  const [time, setTime] = useState(0);
  const player = useRef<SequencePlayerHandle | null>(null);
  const markers = comments
    .filter((c) => !c.parentId)
    .map((c) => ({ id: c.id, sec: c.sequenceSec, label: `${c.authorName}: ${c.body}` }));
  // A new timeline (a take chosen elsewhere, a shot moved) restarts the player on it.
  const playerKey = timeline.segments.map((s) => `${s.shotId}:${s.generationId}`).join(",");
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <SequencePlayer
        key={playerKey}
        timeline={timeline}
        aspectRatio={aspectRatio}
        markers={markers}
        onTime={setTime}
        handleRef={player}
      />
      <div className="min-w-0 space-y-6">
        {aside}
        {timeline.segments.length > 0 && (
          <SequenceComments
            source={source}
            canComment={canComment}
            timeline={timeline}
            time={time}
            onSeek={(sec) => player.current?.seek(sec)}
          />
        )}
      </div>
    </div>
  );
}
