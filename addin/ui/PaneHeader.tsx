import { Badge, Button, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { Locale } from '../../core/issues/issue';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  titles: { display: 'flex', flexDirection: 'column', flex: '1 1 auto', minWidth: 0 },
  sub: { color: tokens.colorNeutralForeground3 },
});

export function PaneHeader({
  locale,
  live,
  validatedAt,
  busy,
  onCheckAgain,
}: {
  locale: Locale;
  live: boolean;
  validatedAt: number | null;
  busy: boolean;
  onCheckAgain: () => void;
}) {
  const t = useStrings();
  const styles = useStyles();
  const time =
    validatedAt === null ? null : new Date(validatedAt).toLocaleTimeString(locale, { hour12: false });
  return (
    <header className={styles.root}>
      <div className={styles.titles}>
        <Subtitle2>
          {t.appTitle} · {t.appSubtitle}
        </Subtitle2>
        {time !== null && <Caption1 className={styles.sub}>{t.validatedAt(time)}</Caption1>}
      </div>
      <Badge appearance="tint" color={live ? 'success' : 'subtle'} data-testid="live-badge" data-live={live}>
        {live ? t.liveOn : t.liveOff}
      </Badge>
      <Button
        size="small"
        appearance="primary"
        disabled={busy}
        onClick={onCheckAgain}
        data-testid="check-again"
      >
        {t.checkAgain}
      </Button>
    </header>
  );
}
