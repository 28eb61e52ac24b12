import { lazy, Suspense } from 'react';
import { useText } from '../i18n';

export type ReviewTab = 'browser' | 'programme';

// The Programme panel and the LRS code behind it load only when the tab is opened.
const ProgrammePanel = lazy(() => import('./ProgrammePanel').then((m) => ({ default: m.ProgrammePanel })));

/** Attempts kept in this browser, or the programme's attempts in its learning record store. */
export function ReviewTabs({ tab, onTab }: { tab: ReviewTab; onTab: (tab: ReviewTab) => void }) {
  const { t } = useText();
  return (
    <div className="button-row review-tabs" role="tablist" aria-label={t('programme.tabs')}>
      <button type="button" role="tab" aria-selected={tab === 'browser'} data-testid="tab-browser" onClick={() => onTab('browser')}>
        {t('programme.tabBrowser')}
      </button>
      <button type="button" role="tab" aria-selected={tab === 'programme'} data-testid="tab-programme" onClick={() => onTab('programme')}>
        {t('programme.tabProgramme')}
      </button>
    </div>
  );
}

export function ProgrammeTabPanel() {
  const { t } = useText();
  return (
    <Suspense fallback={<p className="hint">{t('review.reading')}</p>}>
      <ProgrammePanel />
    </Suspense>
  );
}
