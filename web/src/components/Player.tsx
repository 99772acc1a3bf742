import type Hls from 'hls.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { post } from '../api';
import { newRequestId } from '../format';

const HEARTBEAT_MS = 10_000;

interface Props {
  videoId: string;
  src: string;
  poster?: string;
  onEnded?: () => void;
}

/**
 * hls.js on a <video> (native HLS where hls.js cannot run), with a quality menu over the
 * ladder's levels, and RecordView heartbeats: watch time since the last one and the position,
 * every 10 s of playback, on pause and at the end, under one session id per page view.
 */
export function Player({ videoId, src, poster, onEnded }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const hls = useRef<Hls | null>(null);
  const [levels, setLevels] = useState<{ height: number; bitrate: number }[]>([]);
  const [level, setLevel] = useState(-1);
  const [playing, setPlaying] = useState(-1);

  useEffect(() => {
    const element = video.current!;
    let player: Hls | undefined;
    let live = true;
    // hls.js is most of the app's weight: loaded only when a page plays something.
    void import('hls.js').then(({ default: Hls }) => {
      if (!live) return;
      if (!Hls.isSupported()) {
        element.src = src;
        return;
      }
      player = new Hls();
      hls.current = player;
      player.on(Hls.Events.MANIFEST_PARSED, (_e, data) => setLevels(data.levels.map((l) => ({ height: l.height, bitrate: l.bitrate }))));
      player.on(Hls.Events.LEVEL_SWITCHED, (_e, data) => setPlaying(data.level));
      player.loadSource(src);
      player.attachMedia(element);
    });
    return () => {
      live = false;
      player?.destroy();
      hls.current = null;
    };
  }, [src]);

  useEffect(() => {
    const element = video.current!;
    const sessionId = crypto.randomUUID();
    let watched = 0;
    let last = Date.now();
    let timer: number | undefined;
    const tick = () => {
      if (!element.paused) watched += (Date.now() - last) / 1000;
      last = Date.now();
    };
    const beat = () => {
      tick();
      if (watched <= 0) return;
      const view = {
        sessionId,
        watchDuration: `${watched.toFixed(3)}s`,
        position: `${element.currentTime.toFixed(3)}s`,
        clientTime: new Date().toISOString(),
        requestId: newRequestId(),
      };
      watched = 0;
      void post(`/v1/videos/${videoId}/views`, view).catch(() => undefined);
    };
    const onPlay = () => {
      last = Date.now();
      window.clearInterval(timer);
      timer = window.setInterval(beat, HEARTBEAT_MS);
    };
    const onStop = () => {
      beat();
      window.clearInterval(timer);
    };
    element.addEventListener('play', onPlay);
    element.addEventListener('pause', onStop);
    element.addEventListener('ended', onStop);
    return () => {
      onStop();
      element.removeEventListener('play', onPlay);
      element.removeEventListener('pause', onStop);
      element.removeEventListener('ended', onStop);
    };
  }, [videoId]);

  const choose = (value: number) => {
    setLevel(value);
    if (hls.current) hls.current.currentLevel = value;
  };

  return (
    <div class="player">
      <video ref={video} controls playsInline poster={poster} preload="metadata" aria-label="Video player" onEnded={onEnded} data-testid="video" />
      {levels.length > 0 && (
        <label class="quality">
          Quality
          <select value={level} onChange={(e) => choose(Number((e.target as HTMLSelectElement).value))}>
            <option value={-1}>Auto{level === -1 && playing >= 0 ? ` (${levels[playing]?.height}p)` : ''}</option>
            {levels.map((l, i) => (
              <option key={i} value={i}>
                {l.height}p
              </option>
            ))}
          </select>
        </label>
      )}
      <output class="visually-hidden" data-testid="playing-level">{playing >= 0 ? `${levels[playing]?.height}p` : ''}</output>
    </div>
  );
}
