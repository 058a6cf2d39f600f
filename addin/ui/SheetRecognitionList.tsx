import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Caption1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { columnLetters } from '../../core/grid/address';
import type { SheetSummary } from '../app/pane-state';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  name: {
    fontWeight: tokens.fontWeightSemibold,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    flex: '0 1 auto',
  },
  badge: {
    flex: '0 1 auto',
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    display: 'block',
    lineHeight: '20px',
  },
  mapping: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: '2px',
    fontSize: tokens.fontSizeBase200,
  },
  col: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
  meta: { display: 'block', color: tokens.colorNeutralForeground3 },
  missing: { display: 'block', color: tokens.colorPaletteRedForeground1 },
});

/** Which pack and attachment each sheet was recognised as, and its column mapping. */
export function SheetRecognitionList({ summaries }: { summaries: SheetSummary[] }) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <Accordion multiple collapsible data-testid="sheet-list">
      {summaries.map(({ sheet, recognition: r, packName, kindTitle }) => (
        <AccordionItem
          key={sheet}
          value={sheet}
          data-testid="sheet-item"
          data-sheet={sheet}
          data-kind={r.kindId ?? ''}
          data-pack={r.packId ?? ''}
          data-header-row={r.headerRow ?? ''}
          data-first-row={r.firstDataRow ?? ''}
          data-last-row={r.lastDataRow ?? ''}
          data-columns={r.columns.map((c) => `${c.key}:${c.column}`).join(',')}
        >
          <AccordionHeader size="small">
            <span className={styles.header}>
              <span className={styles.name} title={sheet}>
                {sheet}
              </span>
              {r.kindId ? (
                <Badge
                  appearance="tint"
                  color="brand"
                  className={styles.badge}
                  title={`${r.attachment ?? ''} ${kindTitle ?? ''}`}
                  data-testid="sheet-attachment"
                >
                  {r.attachment} {kindTitle}
                </Badge>
              ) : (
                <Badge appearance="outline" color="informative" data-testid="sheet-attachment">
                  {t.sheets.notTemplate}
                </Badge>
              )}
            </span>
          </AccordionHeader>
          <AccordionPanel>
            {r.kindId ? (
              <>
                <Caption1 className={styles.meta}>{packName}</Caption1>
                {r.headerRow !== null && (
                  <Caption1 className={styles.meta}>{t.sheets.headerRow(r.headerRow)}</Caption1>
                )}
                <Caption1 className={styles.meta}>
                  {r.firstDataRow !== null && r.lastDataRow !== null
                    ? t.sheets.dataRows(r.firstDataRow, r.lastDataRow)
                    : t.sheets.noData}
                </Caption1>
                {r.missing.length > 0 && (
                  <Caption1 className={styles.missing}>{t.sheets.missing(r.missing.join('、'))}</Caption1>
                )}
                <div className={styles.mapping} aria-label={t.sheets.columns}>
                  {r.columns.map((c) => (
                    <span
                      key={c.key}
                      style={{ display: 'contents' }}
                      data-testid="column-map"
                      data-key={c.key}
                      data-column={c.column}
                    >
                      <span className={styles.col}>{columnLetters(c.column)}</span>
                      <span>{c.header}</span>
                    </span>
                  ))}
                </div>
              </>
            ) : (
              <Caption1 className={styles.meta}>{t.sheets.notTemplate}</Caption1>
            )}
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
