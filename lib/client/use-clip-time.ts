"use client";

import { type RefObject, useEffect, useState } from "react";

/** The player's current time and duration, live while it plays and after every seek. */
export function useClipTime(video: RefObject<HTMLVideoElement | null>, fallbackDuration: number) {
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(fallbackDuration);
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    let frame = 0;
    const sync = () => {
      setTime(el.currentTime);
      if (Number.isFinite(el.duration) && el.duration > 0) setDuration(el.duration);
    };
    const tick = () => {
      sync();
      frame = requestAnimationFrame(tick);
    };
    const play = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(tick);
    };
    const stop = () => {
      cancelAnimationFrame(frame);
      sync();
    };
    sync();
    const events = ["timeupdate", "seeked", "loadedmetadata", "durationchange"] as const;
    for (const e of events) el.addEventListener(e, sync);
    el.addEventListener("play", play);
    el.addEventListener("pause", stop);
    el.addEventListener("ended", stop);
    return () => {
      cancelAnimationFrame(frame);
      for (const e of events) el.removeEventListener(e, sync);
      el.removeEventListener("play", play);
      el.removeEventListener("pause", stop);
      el.removeEventListener("ended", stop);
    };
  }, [video]);
  return { time, duration };
}
