import { useState } from 'preact/hooks';
import { get, post } from '../api';
import { formatDate, newRequestId } from '../format';
import { useAsync, useTitle } from '../hooks';
import { Link } from '../router';
import { isAdmin, session } from '../session';
import { useStore } from '../store';
import type { AuditEntry, Report } from '../types';

const label = (value: string, prefix: string) => value.replace(prefix, '').replace(/_/g, ' ').toLowerCase();

export function Admin() {
  useTitle('Moderation');
  const current = useStore(session);
  const [tab, setTab] = useState<'reports' | 'actions' | 'audit'>('reports');
  if (!isAdmin(current)) return <p role="alert">Moderation is for administrators.</p>;
  const tabs = [['reports', 'Reports'], ['actions', 'Ban & suspend'], ['audit', 'Audit log']] as const;
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Moderation</h1>
      <div role="tablist" class="tabs" aria-label="Moderation sections">
        {tabs.map(([key, text]) => (
          <button key={key} type="button" role="tab" id={`tab-${key}`} aria-selected={tab === key} aria-controls={`panel-${key}`} onClick={() => setTab(key)}>
            {text}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'reports' && <Reports />}
        {tab === 'actions' && <Actions />}
        {tab === 'audit' && <Audit />}
      </div>
    </section>
  );
}

function Reports() {
  const reports = useAsync(() => get<{ reports?: Report[] }>('/v1/reports', { state: 'REPORT_STATE_OPEN', pageSize: 50 }), []);
  const [error, setError] = useState('');
  const act = async (report: Report, action: 'ban' | 'dismiss') => {
    const reason = window.prompt(action === 'ban' ? 'Reason for the ban' : 'Reason for dismissing');
    if (!reason) return;
    try {
      if (action === 'ban') await post(`/v1/videos/${report.videoId}:ban`, { reason, reportIds: [report.reportId], requestId: newRequestId() });
      else await post(`/v1/reports/${report.reportId}:dismiss`, { reason, requestId: newRequestId() });
      reports.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const list = reports.data?.reports ?? [];
  return (
    <>
      {error && <p role="alert" class="error">{error}</p>}
      {reports.data && list.length === 0 && <p class="muted">No open reports.</p>}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Open reports</caption>
          <thead><tr><th scope="col">Video</th><th scope="col">Reason</th><th scope="col">Details</th><th scope="col">When</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.reportId}>
                <td><Link href={`/watch/${r.videoId}`}>{r.videoId.slice(0, 8)}</Link>{r.priority && <span class="pill">priority</span>}</td>
                <td>{label(r.reason, 'REPORT_REASON_')}</td>
                <td>{r.details}</td>
                <td>{formatDate(r.createTime)}</td>
                <td class="row">
                  <button type="button" class="danger" onClick={() => act(r, 'ban')}>Ban video</button>
                  <button type="button" class="secondary" onClick={() => act(r, 'dismiss')}>Dismiss</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Actions() {
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState('ban');
  const [days, setDays] = useState('');
  const [result, setResult] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    setResult('');
    const id = target.trim().replace(/^.*\/(watch|channel)\//, '');
    const requestId = newRequestId();
    try {
      if (kind === 'ban') await post(`/v1/videos/${id}:ban`, { reason, requestId });
      if (kind === 'unban') await post(`/v1/videos/${id}:unban`, { reason, requestId });
      if (kind === 'suspend') {
        const endTime = days ? new Date(Date.now() + Number(days) * 86_400_000).toISOString() : undefined;
        await post(`/v1/users/${id}:suspend`, { reason, requestId, endTime });
      }
      if (kind === 'reinstate') await post(`/v1/users/${id}:reinstate`, { reason, requestId });
      setResult('Done.');
    } catch (err) {
      setResult((err as Error).message);
    }
  };
  return (
    <form class="stack narrow" onSubmit={submit}>
      <label>
        Action
        <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
          <option value="ban">Ban a video</option>
          <option value="unban">Unban a video</option>
          <option value="suspend">Suspend a user</option>
          <option value="reinstate">Reinstate a user</option>
        </select>
      </label>
      <label>
        {kind === 'ban' || kind === 'unban' ? 'Video id or watch link' : 'User id or channel link'}
        <input required value={target} onInput={(e) => setTarget((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        Reason
        <input required value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </label>
      {kind === 'suspend' && (
        <label>
          Days (empty: until reinstated)
          <input type="number" min="1" value={days} onInput={(e) => setDays((e.target as HTMLInputElement).value)} />
        </label>
      )}
      <button type="submit" class={kind === 'ban' || kind === 'suspend' ? 'danger' : ''}>Apply</button>
      {result && <p role="status">{result}</p>}
    </form>
  );
}

function Audit() {
  const entries = useAsync(() => get<{ entries?: AuditEntry[] }>('/v1/audit/entries', { pageSize: 100 }), []);
  const verify = useAsync(() => get<{ intact: boolean; checkedCount?: string }>('/v1/audit:verify'), []);
  return (
    <>
      {verify.data && (
        <p role="status">{verify.data.intact ? `Chain intact (${verify.data.checkedCount ?? 0} entries checked).` : 'The audit chain is broken!'}</p>
      )}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Audit log</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Reason</th></tr></thead>
          <tbody>
            {(entries.data?.entries ?? []).map((a) => (
              <tr key={a.auditEntryId}>
                <td>{new Date(a.createTime).toLocaleString()}</td>
                <td>{label(a.action, 'AUDIT_ACTION_')}</td>
                <td>{a.videoId ? <Link href={`/watch/${a.videoId}`}>video {a.videoId.slice(0, 8)}</Link> : a.userId ? <Link href={`/channel/${a.userId}`}>user {a.userId.slice(0, 8)}</Link> : ''}</td>
                <td>{a.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
