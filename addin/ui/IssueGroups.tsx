import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  CounterBadge,
  Caption1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { IssueDefinitions } from '../../core/issues/define';
import type { Issue, Locale } from '../../core/issues/issue';
import type { IssueGroup } from '../app/pane-state';
import { issueKey } from '../app/issue-diff';
import { issueTitle } from '../i18n/issue-titles';
import { IssueRow } from './IssueRow';
import { useStrings } from './strings-context';

/** Rows rendered per group; the rest are counted (a 3,000-row sheet must not freeze the pane). */
const ROWS_PER_GROUP = 200;

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    minWidth: 0,
  },
  title: {
    flex: '1 1 auto',
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  fixAll: { marginBottom: tokens.spacingVerticalXS },
  more: { color: tokens.colorNeutralForeground3, display: 'block', padding: tokens.spacingVerticalXS },
});

export interface IssueGroupsProps {
  groups: IssueGroup[];
  locale: Locale;
  /** The definitions of the report's pack (PaneState.packIssues): rows render its own codes with them. */
  packIssues?: IssueDefinitions | undefined;
  /** Show the sheet in each row's cell reference (all sheets are listed). */
  showSheet: boolean;
  selectedKey: string | null;
  onSelect: (issue: Issue) => void;
  onFix: (issue: Issue) => void;
  onFixAll: (code: string) => void;
  /** No fix buttons (a reviewer's view of someone else's data). */
  readOnly?: boolean;
}

/** Issues grouped by kind, each group with its count and "fix all of this kind". */
export function IssueGroups({
  groups,
  locale,
  packIssues,
  showSheet,
  selectedKey,
  onSelect,
  onFix,
  onFixAll,
  readOnly = false,
}: IssueGroupsProps) {
  const t = useStrings();
  const styles = useStyles();
  // Groups are open unless the clerk closed them: a kind of problem that appears while typing shows up.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  if (groups.length === 0) return <Caption1 data-testid="issues-none">{t.issues.none}</Caption1>;
  return (
    <Accordion
      multiple
      collapsible
      openItems={groups.map((g) => g.code).filter((c) => !collapsed.has(c))}
      onToggle={(_, data) => {
        const open = new Set(data.openItems.map(String));
        setCollapsed(new Set([...collapsed, ...groups.map((g) => g.code)].filter((c) => !open.has(c))));
      }}
      data-testid="issue-groups"
    >
      {groups.map((g) => (
        <AccordionItem
          key={g.code}
          value={g.code}
          data-testid="issue-group"
          data-code={g.code}
          data-server={g.server > 0 ? g.server : undefined}
        >
          <AccordionHeader size="small">
            <span className={styles.header}>
              <Badge size="small" appearance="filled" color={g.severity === 'error' ? 'danger' : 'warning'}>
                {t.issues.severity[g.severity]}
              </Badge>
              <span className={styles.title} title={g.title ?? g.code}>
                {g.title ?? issueTitle(g.code, locale)}
              </span>
              {g.server > 0 && (
                <Badge
                  size="small"
                  appearance="outline"
                  color="informative"
                  title={t.issues.fromServerTitle}
                  data-testid="issue-group-server"
                >
                  {g.server < g.count ? `${t.issues.fromServer} ${g.server}` : t.issues.fromServer}
                </Badge>
              )}
              <CounterBadge
                count={g.count}
                overflowCount={9999}
                size="small"
                appearance="ghost"
                color="informative"
                data-testid="issue-group-count"
              />
            </span>
          </AccordionHeader>
          <AccordionPanel>
            {g.code === 'serial-sequence' && g.fixable > 0 && !readOnly && (
              <Caption1 className={styles.more} data-testid="renumber-hint">
                {t.issues.renumberHint}
              </Caption1>
            )}
            {g.fixable > 1 && g.title === undefined && !readOnly && (
              <Button
                size="small"
                className={styles.fixAll}
                data-testid="fix-all"
                onClick={() => onFixAll(g.code)}
              >
                {g.code === 'serial-sequence' ? t.issues.renumber(g.fixable) : t.issues.fixAll(g.fixable)}
              </Button>
            )}
            {g.issues.slice(0, ROWS_PER_GROUP).map((issue) => {
              const key = issueKey(issue);
              return (
                <IssueRow
                  key={key}
                  issue={issue}
                  locale={locale}
                  packIssues={packIssues}
                  showSheet={showSheet}
                  showStudent={g.title === undefined}
                  selected={key === selectedKey}
                  onSelect={onSelect}
                  onFix={onFix}
                  readOnly={readOnly}
                />
              );
            })}
            {g.issues.length > ROWS_PER_GROUP && (
              <Caption1 className={styles.more}>{t.issues.more(g.issues.length - ROWS_PER_GROUP)}</Caption1>
            )}
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
