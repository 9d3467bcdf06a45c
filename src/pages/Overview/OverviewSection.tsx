// A titled section of the Overview that shows its request's loading state or error, then its content.
import React, { ReactNode, useId } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import type { SectionState } from '../shared/useEcotiRequests';
import type { RequestResult } from '../shared/runEcotiRequest';
import { testIds } from '../../components/testIds';

export interface OverviewSectionProps {
  title: string;
  state: SectionState;
  /** The page already shows this error once for all sections. */
  hideError?: boolean;
  testId?: string;
  className?: string;
  children: (result: RequestResult) => ReactNode;
}

export function OverviewSection({ title, state, hideError, testId, className, children }: OverviewSectionProps) {
  const styles = useStyles2(getStyles);
  const headingId = useId();
  let body: ReactNode;
  if (state.status === 'loading') {
    body = <LoadingPlaceholder text={t('overview.loading', 'Loading…')} />;
  } else if (state.error && state.frames.length === 0) {
    body = hideError ? null : (
      <Alert
        severity="error"
        title={t('overview.section-error', 'Could not load this section')}
        data-testid={testIds.overview.sectionError}
      >
        {state.error}
      </Alert>
    );
  } else {
    body = children(state);
  }
  return (
    <section
      className={className ?? styles.section}
      aria-labelledby={headingId}
      aria-busy={state.status === 'loading'}
      data-testid={testId}
    >
      <h2 id={headingId} className={styles.title}>
        {title}
      </h2>
      {body}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    padding: theme.spacing(2),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    minWidth: 0,
  }),
  title: css({
    margin: 0,
    fontSize: theme.typography.h4.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
  }),
});
