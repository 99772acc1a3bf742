import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, stream } from '../api';
import { useTitle } from '../hooks';
import { Link } from '../router';
import { session } from '../session';
import { useStore } from '../store';
import { Paused, initiate, sameFile, saveUpload, savedUpload, send, type UploadSession } from '../upload';

type Phase = 'pick' | 'uploading' | 'paused' | 'processing' | 'ready' | 'failed';

interface StatusUpdate {
  status: string;
  progressPercent?: number;
  failureReason?: string;
}

export function UploadPage() {
  useTitle('Upload');
  const signedIn = !!useStore(session);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [visibility, setVisibility] = useState('VISIBILITY_PUBLIC');
  const [upload, setUpload] = useState<UploadSession | null>(savedUpload());
  const [phase, setPhase] = useState<Phase>(savedUpload() ? 'paused' : 'pick');
  const [sent, setSent] = useState(0);
  const [transcoded, setTranscoded] = useState(0);
  const [message, setMessage] = useState('');
  const [dragging, setDragging] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const running = useRef<AbortController | null>(null);

  useEffect(() => () => running.current?.abort(), []);

  if (!signedIn) return <p><Link href="/signin">Sign in</Link> to upload videos.</p>;

  const choose = (picked: File | undefined) => {
    if (!picked) return;
    setMessage('');
    if (upload && !sameFile(upload, picked)) {
      setMessage(`That is not ${upload.fileName}. Pick the same file to resume, or discard the unfinished upload.`);
      return;
    }
    setFile(picked);
    if (!title && !upload) setTitle(picked.name.replace(/\.[^.]+$/, ''));
  };

  const watchStatus = async (videoId: string, signal: AbortSignal) => {
    setPhase('processing');
    await stream<StatusUpdate>(
      `/v1/videos/${videoId}:watchStatus`,
      (update) => {
        setTranscoded(update.progressPercent ?? 0);
        if (update.status === 'VIDEO_STATUS_READY') setPhase('ready');
        if (update.status === 'VIDEO_STATUS_FAILED') {
          setPhase('failed');
          setMessage(update.failureReason || 'transcoding failed');
        }
      },
      signal,
    );
  };

  const start = async (current: UploadSession | null, picked: File) => {
    const controller = new AbortController();
    running.current = controller;
    setMessage('');
    setFieldErrors({});
    try {
      const active =
        current ??
        (await initiate(picked, {
          title,
          description,
          visibility,
          tags: tags.split(',').map((t) => t.trim()).filter(Boolean),
        }));
      setUpload(active);
      setPhase('uploading');
      await send(active, picked, setSent, controller.signal);
      setSent(picked.size);
      await watchStatus(active.videoId, controller.signal);
    } catch (error) {
      if (error instanceof Paused) {
        setPhase('paused');
        return;
      }
      if (error instanceof ApiError) setFieldErrors(error.fieldViolations());
      setMessage((error as Error).message);
      setPhase(current || savedUpload() ? 'paused' : 'pick');
    }
  };

  const discard = () => {
    running.current?.abort();
    saveUpload(null);
    setUpload(null);
    setFile(null);
    setSent(0);
    setPhase('pick');
  };

  const total = file?.size ?? upload?.fileSize ?? 0;
  const percent = total ? Math.floor((sent / total) * 100) : 0;

  return (
    <section class="upload" aria-labelledby="upload-title">
      <h1 id="upload-title">Upload a video</h1>
      {(phase === 'pick' || (phase === 'paused' && !file)) && (
        <div
          class={`dropzone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            choose(e.dataTransfer?.files[0]);
          }}
        >
          <p>{upload ? <>Unfinished upload of <strong>{upload.fileName}</strong>: drop or pick that file again to resume.</> : 'Drag and drop a video file here, or'}</p>
          <label class="button">
            Choose a file
            <input type="file" accept="video/*" class="visually-hidden" data-testid="file-input" onChange={(e) => choose((e.target as HTMLInputElement).files?.[0])} />
          </label>
          {file && <p>Selected: {file.name}</p>}
          {upload && <button type="button" class="secondary" onClick={discard}>Discard unfinished upload</button>}
        </div>
      )}
      {phase === 'pick' && file && (
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void start(null, file);
          }}
        >
          <label>
            Title
            <input required maxLength={100} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} aria-invalid={!!fieldErrors.title} />
          </label>
          {fieldErrors.title && <p class="error">{fieldErrors.title}</p>}
          <label>
            Description
            <textarea rows={4} value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />
          </label>
          <label>
            Tags (comma separated)
            <input value={tags} onInput={(e) => setTags((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            Visibility
            <select value={visibility} onChange={(e) => setVisibility((e.target as HTMLSelectElement).value)}>
              <option value="VISIBILITY_PUBLIC">Public</option>
              <option value="VISIBILITY_UNLISTED">Unlisted</option>
              <option value="VISIBILITY_PRIVATE">Private</option>
            </select>
          </label>
          <button type="submit">Upload</button>
        </form>
      )}
      {(phase === 'uploading' || (phase === 'paused' && file)) && (
        <div class="stack">
          <label for="upload-progress">Uploading {upload?.title}: {percent}%</label>
          <progress id="upload-progress" max={total} value={sent} data-testid="upload-progress" />
          <div class="row">
            {phase === 'uploading' ? (
              <button type="button" class="secondary" onClick={() => running.current?.abort()}>Pause</button>
            ) : (
              <button type="button" onClick={() => file && void start(upload, file)}>Resume</button>
            )}
            <button type="button" class="secondary" onClick={discard}>Cancel</button>
          </div>
        </div>
      )}
      {(phase === 'processing' || phase === 'ready') && (
        <div class="stack" aria-live="polite">
          <label for="transcode-progress">{phase === 'ready' ? 'Ready' : `Processing: ${transcoded}%`}</label>
          <progress id="transcode-progress" max={100} value={phase === 'ready' ? 100 : transcoded} data-testid="transcode-progress" />
          {phase === 'ready' && upload && (
            <p data-testid="upload-ready">
              Your video is ready. <Link href={`/watch/${upload.videoId}`}>Watch it</Link>
            </p>
          )}
        </div>
      )}
      {message && <p role="alert" class="error">{message}</p>}
    </section>
  );
}
