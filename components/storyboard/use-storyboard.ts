"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { sequenceKeys, sequenceQueryOptions, shotApi } from "@/lib/client/sequences";
import type { SequenceDTO, ShotDTO } from "@/lib/sequences/dto";
import { moveAnnouncement, moveItem } from "@/lib/sequences/reorder";
import { shotName } from "@/lib/sequences/shot-request";

/**
 * The storyboard's state and its changes. Moves show at once (the list is reordered in the cache, then
 * the server is told; a refusal puts the server's order back and says why); everything else waits for
 * the server's answer, then refetches. Every move and removal is announced through `announcement`, which
 * the page reads out in its live region.
 */
export function useStoryboard(id: string) {
  const client = useQueryClient();
  const query = useQuery(sequenceQueryOptions(id));
  const [announcement, setAnnouncement] = useState("");
  const key = sequenceKeys.detail(id);
  const refresh = useCallback(() => client.invalidateQueries({ queryKey: sequenceKeys.all }), [client]);
  const fail = useCallback(
    (what: string) => (e: Error) => {
      toast.error(what, { description: e.message });
      void refresh();
    },
    [refresh],
  );

  const add = useMutation({
    mutationFn: () => shotApi.add(id, {}),
    onSuccess: ({ shot }) => {
      setAnnouncement(`${shotName(shot)} added.`);
      void refresh();
    },
    onError: fail("Could not add a shot"),
  });

  const duplicate = useMutation({
    mutationFn: (shot: ShotDTO) => shotApi.add(id, { duplicateOf: shot.id }),
    onSuccess: ({ shot }) => {
      setAnnouncement(`Duplicated as ${shotName(shot)}.`);
      void refresh();
    },
    onError: fail("Could not duplicate the shot"),
  });

  const restore = useMutation({
    mutationFn: (shot: ShotDTO) => shotApi.restore(shot.id),
    onSuccess: ({ shot }) => {
      setAnnouncement(`${shotName(shot)} is back.`);
      void refresh();
    },
    onError: fail("Could not bring the shot back"),
  });

  const remove = useMutation({
    mutationFn: (shot: ShotDTO) => shotApi.remove(shot.id),
    onSuccess: (_data, shot) => {
      const name = shotName(shot);
      setAnnouncement(`${name} removed. Undo is in the notification.`);
      void refresh();
      toast(`Removed ${name}`, {
        description: "Its takes are kept.",
        action: { label: "Undo", onClick: () => restore.mutate(shot) },
      });
    },
    onError: fail("Could not remove the shot"),
  });

  // "Continue from Shot 1": undone by putting back the content the shot had.
  const continueShot = useMutation({
    mutationFn: (shot: ShotDTO) => shotApi.continueFromPrevious(shot.id),
    onSuccess: ({ shot: next }, shot) => {
      const name = shotName(next);
      setAnnouncement(`${name} now starts from the previous shot's last frame.`);
      void refresh();
      toast.success(`${name} continues from the previous shot`, {
        description:
          "Its last frame is the first reference, beside its references; the prompt says to continue.",
        action: {
          label: "Undo",
          onClick: () =>
            void shotApi
              .update(shot.id, { content: shot.content })
              .then(() => refresh(), fail("Could not undo")),
        },
      });
    },
    onError: fail("Could not continue from the previous shot"),
  });

  const update = useMutation({
    mutationFn: ({ shot, patch }: { shot: ShotDTO; patch: Record<string, unknown> }) =>
      shotApi.update(shot.id, patch),
    onSuccess: () => void refresh(),
    onError: fail("Not saved"),
  });

  /** Moves a shot to `to` (0-based), at once on screen, then on the server. */
  const move = useCallback(
    (shot: ShotDTO, to: number) => {
      const before = client.getQueryData<SequenceDTO>(key);
      if (!before) return;
      const from = before.shots.findIndex((s) => s.id === shot.id);
      if (from < 0 || from === to) return;
      const shots = moveItem(before.shots, from, to).map((s, position) => ({ ...s, position }));
      client.setQueryData<SequenceDTO>(key, { ...before, shots });
      setAnnouncement(moveAnnouncement(shot.title || `Shot ${from + 1}`, to, shots.length));
      void shotApi.update(shot.id, { position: to }).then(
        () => refresh(),
        (e: Error) => {
          setAnnouncement(`The move was not saved: ${e.message}`);
          fail("The move was not saved")(e);
        },
      );
    },
    [client, key, refresh, fail],
  );

  return {
    query,
    sequence: query.data,
    add,
    duplicate,
    remove,
    restore,
    update,
    continueShot,
    move,
    announcement,
  };
}

export type Storyboard = ReturnType<typeof useStoryboard>;
