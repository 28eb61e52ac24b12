import { useState, useSyncExternalStore } from 'react';
import { inBoth, useText } from '../i18n';
import { untranslated, type Said } from '../state/said';
import { forgetLrsSettings, programmeSnapshot, saveLrsSettings, sendNow, subscribeProgramme, testLrsConnection } from '../lrs/programme';
import { CohortView } from './CohortView';

const said = (error: unknown): Said => untranslated(error instanceof Error ? error.message : String(error));

/**
 * Attempts → Programme: where this browser reports (an LRS endpoint and Basic credentials, kept in
 * this browser only), what waits to be sent, and, with an LRS configured, the cohort read back.
 */
export function ProgrammePanel() {
  const snap = useSyncExternalStore(subscribeProgramme, programmeSnapshot);
  const { t, n, pick, date } = useText();
  const [endpoint, setEndpoint] = useState(snap.configured?.endpoint ?? '');
  const [user, setUser] = useState(snap.configured?.user ?? '');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<Said | null>(null);
  const act = (work: () => Promise<Said | null>) => void work().then(setMessage, (e: unknown) => setMessage(said(e)));
  const { outbox, cmi5 } = snap;
  const onSave = () =>
    act(async () => {
      const reload = await saveLrsSettings({ endpoint, user, password });
      setPassword('');
      if (reload) location.reload();
      return inBoth('programme.saved');
    });
  return (
    <section className="programme" data-testid="programme">
      {cmi5.state !== 'none' && (
        <p className="notice" data-testid="cmi5-status" data-state={cmi5.state}>
          {t(`programme.cmi5.${cmi5.state}`, { detail: cmi5.detail ?? '' })}
        </p>
      )}
      <form
        className="lrs-settings"
        onSubmit={(e) => {
          e.preventDefault();
          onSave();
        }}
      >
        <h3>{t('programme.lrsTitle')}</h3>
        <p className="hint">{t('programme.lrsHint')}</p>
        <label>
          {t('programme.endpoint')}{' '}
          <input type="url" required value={endpoint} data-testid="lrs-endpoint" onChange={(e) => setEndpoint(e.target.value)} />
        </label>
        <label>
          {t('programme.user')} <input value={user} required autoComplete="username" data-testid="lrs-user" onChange={(e) => setUser(e.target.value)} />
        </label>
        <label>
          {t('programme.password')}{' '}
          <input type="password" required value={password} autoComplete="current-password" data-testid="lrs-password" onChange={(e) => setPassword(e.target.value)} />
        </label>
        <div className="button-row">
          <button type="submit" data-testid="lrs-save">
            {t('programme.save')}
          </button>
          <button type="button" data-testid="lrs-test" disabled={!snap.configured && cmi5.state !== 'active'} onClick={() => act(async () => inBoth('programme.connected', { versions: await testLrsConnection() }))}>
            {t('programme.test')}
          </button>
          <button type="button" disabled={!snap.configured} onClick={() => act(async () => (await forgetLrsSettings(), null))}>
            {t('programme.forget')}
          </button>
        </div>
      </form>
      {message && (
        <p className="notice" role="status" data-testid="programme-message">
          {pick(message)}
        </p>
      )}
      <div className="outbox" data-testid="outbox" data-queued={outbox.queued}>
        <h3>{t('programme.outboxTitle')}</h3>
        <p data-testid="outbox-queued">{t('programme.queued', { count: outbox.queued, n: n(outbox.queued) })}</p>
        {outbox.needsCredentials && (
          <p className="notice" role="alert" data-testid="outbox-credentials">
            {t('programme.needsCredentials')}
          </p>
        )}
        {outbox.lastError && <p className="notice" data-testid="outbox-error">{t('programme.lastError', { error: outbox.lastError })}</p>}
        {outbox.retryAt !== null && <p className="hint">{t('programme.retryAt', { when: date(outbox.retryAt) })}</p>}
        {outbox.rejected > 0 && <p className="notice">{t('programme.rejected', { count: outbox.rejected, why: outbox.lastRejected ?? '' })}</p>}
        <button type="button" data-testid="outbox-send" disabled={outbox.queued === 0 || outbox.sending} onClick={() => act(async () => (await sendNow(), null))}>
          {t('programme.sendNow')}
        </button>
      </div>
      {snap.configured && <CohortView />}
    </section>
  );
}
