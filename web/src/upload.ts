// Resumable uploads over the signed URL: the file goes up in chunks of the server's size with
// `PUT <upload_url>` and `Content-Range: bytes a-b/total`, each starting at the server's committed
// count (GetUploadStatus, or the PUT's Upload-Offset answer). The session is kept in localStorage,
// so after a reload the same file picked again continues where the server stopped.
import { get, post } from './api';

export interface UploadSession {
  uploadId: string;
  videoId: string;
  uploadUrl: string;
  chunkSize: number;
  fileName: string;
  fileSize: number;
  fileModified: number;
  title: string;
}

const KEY = 'vp.upload';

export function savedUpload(): UploadSession | null {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as UploadSession) : null;
  } catch {
    return null;
  }
}

export function saveUpload(upload: UploadSession | null): void {
  if (upload) localStorage.setItem(KEY, JSON.stringify(upload));
  else localStorage.removeItem(KEY);
}

export const sameFile = (upload: UploadSession, file: File) =>
  upload.fileName === file.name && upload.fileSize === file.size && upload.fileModified === file.lastModified;

/**
 * The URL to PUT to, on the app's own origin: the gateway (or the local edge) that serves this
 * app also routes `/uploads/`, while the signed URL may name another spelling of that host
 * (`make run` signs for 127.0.0.1:8080; a browser on localhost:8080 would otherwise need CORS).
 */
export function putUrl(uploadUrl: string): string {
  const url = new URL(uploadUrl, window.location.origin);
  return url.pathname.startsWith('/uploads/') ? url.pathname + url.search : url.href;
}

export async function initiate(file: File, meta: { title: string; description: string; visibility: string; tags: string[] }): Promise<UploadSession> {
  const res = await post<{ uploadId: string; videoId: string; chunkSizeBytes: string; uploadUrl: string }>('/v1/uploads:initiate', {
    ...meta,
    sizeBytes: file.size,
    contentType: file.type || 'video/mp4',
    fileName: file.name,
    requestId: crypto.randomUUID(),
  });
  const upload: UploadSession = {
    uploadId: res.uploadId,
    videoId: res.videoId,
    uploadUrl: res.uploadUrl,
    chunkSize: Number(res.chunkSizeBytes) || 8 * 1024 * 1024,
    fileName: file.name,
    fileSize: file.size,
    fileModified: file.lastModified,
    title: meta.title,
  };
  saveUpload(upload);
  return upload;
}

export async function committedBytes(upload: UploadSession): Promise<{ committed: number; state: string }> {
  const status = await get<{ committedBytes?: string; state: string }>(`/v1/uploads/${upload.uploadId}`);
  return { committed: Number(status.committedBytes ?? 0), state: status.state };
}

export class Paused extends Error {}

/** PUTs one range; resolves to the committed count the server answers. */
function putRange(upload: UploadSession, file: File, first: number, onBytes: (sent: number) => void, signal: AbortSignal): Promise<number> {
  const last = Math.min(first + upload.chunkSize, file.size) - 1;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', putUrl(upload.uploadUrl));
    xhr.setRequestHeader('Content-Range', `bytes ${first}-${last}/${file.size}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onBytes(first + e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(Number(xhr.getResponseHeader('Upload-Offset') ?? last + 1));
      else {
        let message = `upload failed (HTTP ${xhr.status})`;
        try {
          message = (JSON.parse(xhr.responseText) as { message?: string }).message ?? message;
        } catch {
          // not JSON: keep the status line
        }
        reject(new Error(message));
      }
    };
    xhr.onerror = () => reject(new Error('network error while uploading'));
    xhr.onabort = () => reject(new Paused('paused'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file.slice(first, last + 1));
  });
}

/** Sends what the server does not have yet, then completes the upload. Rejects with Paused on abort. */
export async function send(upload: UploadSession, file: File, onProgress: (sent: number) => void, signal: AbortSignal): Promise<void> {
  let { committed, state } = await committedBytes(upload);
  if (state === 'UPLOAD_STATE_ACTIVE') {
    onProgress(committed);
    let failures = 0;
    while (committed < file.size) {
      if (signal.aborted) throw new Paused('paused');
      try {
        committed = await putRange(upload, file, committed, onProgress, signal);
        failures = 0;
      } catch (error) {
        if (error instanceof Paused || ++failures > 3) throw error;
        await new Promise((resolve) => window.setTimeout(resolve, 1000 * failures));
        committed = (await committedBytes(upload)).committed;
      }
      onProgress(committed);
    }
    await post(`/v1/uploads/${upload.uploadId}:complete`, {});
  } else if (state !== 'UPLOAD_STATE_COMPLETED') {
    throw new Error('this upload has expired or was aborted; start again');
  }
  saveUpload(null);
}
